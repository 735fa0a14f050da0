package dev.beamr.engine.runtime;

/**
 * Runs the code of module-defined functions: the interpreter today, compiled code later. An
 * instance is created with one and uses it for every call into its functions.
 */
public interface ExecutionEngine {
    /** Calls {@code function} with the {@link FunctionInstance} boundary convention. */
    void execute(WasmFunction function, Instance caller, long[] values, Object[] refs);
}
