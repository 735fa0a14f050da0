package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.CompiledFunction;

import java.lang.invoke.MethodHandle;

/**
 * A module's functions compiled to JVM bytecode: one hidden class with a static method per compiled
 * function (a function too large for one method has its code split over several), shared by every
 * instance of the module. Functions that could not be compiled (tail calls, or an instruction too
 * large for a JVM method the JIT will optimize) have no entry and are interpreted.
 */
public final class CompiledCode {
    private final CompiledFunction[] functions;
    private final int importedFunctions;
    /** Per defined function, its entry taking the boundary convention, or null when it is interpreted. */
    private final MethodHandle[] entries;
    private final Throwable failure;

    CompiledCode(CompiledFunction[] functions, int importedFunctions, MethodHandle[] entries, Throwable failure) {
        this.functions = functions;
        this.importedFunctions = importedFunctions;
        this.entries = entries;
        this.failure = failure;
    }

    /** Code for a module the JVM refused to load compiled: every function is interpreted. */
    static CompiledCode interpreted(CompiledFunction[] functions, int importedFunctions, Throwable failure) {
        return new CompiledCode(functions, importedFunctions, new MethodHandle[functions.length], failure);
    }

    /** Why the module could not be compiled at all, or null when it was (see {@link ModuleCompiler#compile}). */
    public Throwable failure() {
        return failure;
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
