package dev.beamr.engine.runtime;

import dev.beamr.engine.ir.CompiledFunction;

/**
 * Runs the code of module-defined functions: the interpreter, or code compiled to JVM bytecode
 * with the interpreter for what was not compiled. An instance is created with one and uses it for
 * every call into its functions.
 */
public interface ExecutionEngine {
    /** Calls {@code function} with the {@link FunctionInstance} boundary convention. */
    void execute(WasmFunction function, Instance caller, long[] values, Object[] refs);

    /**
     * Whether {@code function} runs in the interpreter, so that the interpreter may call it by
     * pushing a frame instead of going through {@link #execute}.
     */
    default boolean interprets(CompiledFunction function) {
        return true;
    }
}
