package dev.beamr.engine.runtime;

import dev.beamr.engine.model.FuncType;

/**
 * A callable function: one defined by a module instance, or one supplied by the host.
 *
 * <p>The boundary convention: {@code values} and {@code refs} are both at least
 * {@code max(paramCount, resultCount)} long; on entry parameter {@code i} is in {@code values[i]}
 * (numbers, as raw bits: i32/f32 in the low 32 bits) or {@code refs[i]} (references); on return
 * result {@code i} is in the same place. {@code refs} may be null when no parameter or result is a
 * reference. Calls inside one instance do not go through this; it is for crossing boundaries.
 */
public abstract sealed class FunctionInstance implements Extern permits WasmFunction, HostFunctionInstance {
    private final FuncType type;

    protected FunctionInstance(FuncType type) {
        this.type = type;
    }

    public final FuncType type() {
        return type;
    }

    /** Calls the function on behalf of {@code caller} (the instance whose code makes the call; may be null). */
    public abstract void invoke(Instance caller, long[] values, Object[] refs);

    /** Convenience for numeric functions: returns the results as raw bits. */
    public final long[] call(long... args) {
        int n = Math.max(type.paramCount(), type.resultCount());
        if (args.length != type.paramCount()) {
            throw new IllegalArgumentException("expected " + type.paramCount() + " arguments for " + type + ", got " + args.length);
        }
        long[] values = java.util.Arrays.copyOf(args, n);
        invoke(null, values, new Object[n]);
        return java.util.Arrays.copyOf(values, type.resultCount());
    }
}
