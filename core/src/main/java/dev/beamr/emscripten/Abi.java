package dev.beamr.emscripten;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

/**
 * How emscripten's imports pass values, read off the signature each module declares: a 32-bit
 * module passes pointers and sizes as i32 (unsigned), a memory64 one as i64.
 */
final class Abi {
    private Abi() {}

    /** Argument {@code index} as an address or size: zero-extended when it is an i32. */
    static long unsigned(FuncType type, long[] args, int index) {
        return type.param(index) == ValType.I32 ? args[index] & 0xFFFF_FFFFL : args[index];
    }

    /** The results of a function answering {@code value}: it as the first result, zeros for any others. */
    static long[] answer(FuncType type, long value) {
        long[] results = new long[type.resultCount()];
        if (results.length > 0) results[0] = fitted(type.result(0), value);
        return results;
    }

    /** The results of a function answering an f64 {@code value} (as its raw bits when the result is f64). */
    static long[] answer(FuncType type, double value) {
        long[] results = new long[type.resultCount()];
        if (results.length > 0) {
            results[0] = switch (type.result(0)) {
                case F64 -> Double.doubleToRawLongBits(value);
                case F32 -> Float.floatToRawIntBits((float) value);
                default -> fitted(type.result(0), (long) value);
            };
        }
        return results;
    }

    /** One zero per result. */
    static long[] zeros(FuncType type) {
        return new long[type.resultCount()];
    }

    /** Whether every parameter and result is a number, as every emscripten import's is. */
    static boolean numeric(FuncType type) {
        for (ValType param : type.params()) {
            if (!param.isNumeric()) return false;
        }
        for (ValType result : type.results()) {
            if (!result.isNumeric()) return false;
        }
        return true;
    }

    private static long fitted(ValType type, long value) {
        return type == ValType.I32 ? (long) (int) value : value;
    }
}
