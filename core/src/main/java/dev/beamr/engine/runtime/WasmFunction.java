package dev.beamr.engine.runtime;

import dev.beamr.engine.ir.CompiledFunction;

/** A function defined by a module instance. */
public final class WasmFunction extends FunctionInstance {
    private final Instance instance;
    private final CompiledFunction code;
    private final boolean interpreted;

    public WasmFunction(Instance instance, CompiledFunction code) {
        super(code.type());
        this.instance = instance;
        this.code = code;
        this.interpreted = instance.interpretedCode()[code.index()] != null;
    }

    public Instance instance() {
        return instance;
    }

    public CompiledFunction code() {
        return code;
    }

    /** Whether the instance's engine interprets this function (see {@link Instance#interpretedCode()}). */
    public boolean interpreted() {
        return interpreted;
    }

    @Override
    public void invoke(Instance caller, long[] values, Object[] refs) {
        instance.engine().execute(this, caller, values, refs);
    }

    @Override
    public String toString() {
        return code.name() + " " + type();
    }
}
