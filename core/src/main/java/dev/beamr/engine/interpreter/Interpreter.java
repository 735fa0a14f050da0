package dev.beamr.engine.interpreter;

import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmFunction;

/** Executes module-defined functions by interpreting their intermediate form. */
public final class Interpreter implements ExecutionEngine {
    /** Default frame-depth limit for one thread's wasm call stack. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 100_000;

    /** A shared interpreter with the default limits. */
    public static final Interpreter INSTANCE = new Interpreter(DEFAULT_MAX_CALL_DEPTH);

    private final int maxCallDepth;

    public Interpreter(int maxCallDepth) {
        if (maxCallDepth <= 0) throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
        this.maxCallDepth = maxCallDepth;
    }

    public int maxCallDepth() {
        return maxCallDepth;
    }

    @Override
    public void execute(WasmFunction function, Instance caller, long[] values, Object[] refs) {
        throw new UnsupportedOperationException("interpreter not yet available");
    }
}
