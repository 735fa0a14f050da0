package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.CompiledFunction;

import java.lang.invoke.MethodHandle;

/**
 * A module's functions compiled to JVM bytecode: one hidden class with a static method per compiled
 * function, shared by every instance of the module. Functions that could not be compiled (tail
 * calls, or too large for a JVM method the JIT will optimize) have no entry and are interpreted.
 */
public final class CompiledCode {
    private final CompiledFunction[] functions;
    private final int importedFunctions;
    /** Per defined function, its entry taking the boundary convention, or null when it is interpreted. */
    private final MethodHandle[] entries;

    CompiledCode(CompiledFunction[] functions, int importedFunctions, MethodHandle[] entries) {
        this.functions = functions;
        this.importedFunctions = importedFunctions;
        this.entries = entries;
    }

    /**
     * The entry of {@code function}, a {@code (Machine, Instance, long[] values, Object[] refs) void}
     * handle, or null when it is interpreted or not a function of this code's module.
     */
    MethodHandle entry(CompiledFunction function) {
        int defined = function.index() - importedFunctions;
        return defined >= 0 && defined < functions.length && functions[defined] == function ? entries[defined] : null;
    }

    /** How many of the module's defined functions were compiled. */
    public int compiledCount() {
        int count = 0;
        for (MethodHandle entry : entries) {
            if (entry != null) count++;
        }
        return count;
    }

    /** How many functions the module defines. */
    public int functionCount() {
        return functions.length;
    }
}
