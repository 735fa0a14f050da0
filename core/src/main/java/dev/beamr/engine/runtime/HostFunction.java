package dev.beamr.engine.runtime;

/**
 * A function implemented in Java, over raw numeric values: i32 as {@code (long) int}, i64 as is,
 * f32 as {@code Float.floatToRawIntBits}, f64 as {@code Double.doubleToRawLongBits}. Returns one value
 * per result (an empty array, or null, when there are none). Throwing {@link dev.beamr.TrapException}
 * traps the wasm call; any other exception becomes a HOST_ERROR trap carrying it as the cause.
 */
@FunctionalInterface
public interface HostFunction {
    long[] call(Instance caller, long[] args);
}
