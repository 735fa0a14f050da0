package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Op;

/**
 * Numeric operations whose WebAssembly semantics differ from Java's operators: float rounding and
 * min/max (NaN propagation, signed zeros), float-to-integer conversions (trapping and saturating),
 * and unsigned 64-bit integer to float conversions. f32 operands are passed widened to double where
 * that is exact, so one routine serves both widths.
 */
final class Numerics {
    private Numerics() {}

    private static final double TWO_TO_31 = 2147483648.0;
    private static final double TWO_TO_32 = 4294967296.0;
    private static final double TWO_TO_63 = 9223372036854775808.0;
    private static final double TWO_TO_64 = 18446744073709551616.0;

    /** A one-operand instruction the dispatch loop delegates, on raw slot bits. */
    static long unary(int op, long x) {
        return switch (op) {
            case Op.I32_CLZ -> Integer.numberOfLeadingZeros((int) x);
            case Op.I32_CTZ -> Integer.numberOfTrailingZeros((int) x);
            case Op.I32_POPCNT -> Integer.bitCount((int) x);
            case Op.I64_CLZ -> Long.numberOfLeadingZeros(x);
            case Op.I64_CTZ -> Long.numberOfTrailingZeros(x);
            case Op.I64_POPCNT -> Long.bitCount(x);
            // Rounding an f32 through double is exact: every f32 integer result is representable.
            case Op.F32_CEIL -> f32Bits(ceil(f32(x)));
            case Op.F32_FLOOR -> f32Bits(floor(f32(x)));
            case Op.F32_TRUNC -> f32Bits(trunc(f32(x)));
            case Op.F32_NEAREST -> f32Bits(nearest(f32(x)));
            case Op.F64_CEIL -> f64Bits(ceil(f64(x)));
            case Op.F64_FLOOR -> f64Bits(floor(f64(x)));
            case Op.F64_TRUNC -> f64Bits(trunc(f64(x)));
            case Op.F64_NEAREST -> f64Bits(nearest(f64(x)));
            case Op.I32_TRUNC_F32_S -> i32TruncS(f32(x));
            case Op.I32_TRUNC_F32_U -> i32TruncU(f32(x));
            case Op.I32_TRUNC_F64_S -> i32TruncS(f64(x));
            case Op.I32_TRUNC_F64_U -> i32TruncU(f64(x));
            case Op.I64_TRUNC_F32_S -> i64TruncS(f32(x));
            case Op.I64_TRUNC_F32_U -> i64TruncU(f32(x));
            case Op.I64_TRUNC_F64_S -> i64TruncS(f64(x));
            case Op.I64_TRUNC_F64_U -> i64TruncU(f64(x));
            case Op.F32_ABS -> x & 0x7FFFFFFFL;
            case Op.F32_NEG -> x ^ 0x80000000L;
            case Op.F32_SQRT -> Float.floatToRawIntBits((float) Math.sqrt(f32(x)));
            case Op.F32_CONVERT_I32_S -> Float.floatToRawIntBits((float) (int) x);
            case Op.F32_CONVERT_I32_U -> Float.floatToRawIntBits((float) (x & 0xFFFFFFFFL));
            case Op.F32_CONVERT_I64_S -> Float.floatToRawIntBits((float) x);
            case Op.F32_DEMOTE_F64 -> Float.floatToRawIntBits((float) f64(x));
            case Op.F64_PROMOTE_F32 -> f64Bits(f32(x));
            case Op.F32_CONVERT_I64_U -> Float.floatToRawIntBits(u64ToF32(x));
            case Op.F64_CONVERT_I32_U -> f64Bits(x & 0xFFFFFFFFL);
            case Op.F64_CONVERT_I64_S -> f64Bits((double) x);
            case Op.I32_EXTEND8_S, Op.I64_EXTEND8_S -> (byte) x;
            case Op.I32_EXTEND16_S, Op.I64_EXTEND16_S -> (short) x;
            case Op.F64_CONVERT_I64_U -> f64Bits(u64ToF64(x));
            // Java's (int) and (long) casts already saturate and map NaN to 0.
            case Op.I32_TRUNC_SAT_F32_S -> (int) f32(x);
            case Op.I32_TRUNC_SAT_F32_U -> i32TruncSatU(f32(x));
            case Op.I32_TRUNC_SAT_F64_S -> (int) f64(x);
            case Op.I32_TRUNC_SAT_F64_U -> i32TruncSatU(f64(x));
            case Op.I64_TRUNC_SAT_F32_S -> (long) f32(x);
            case Op.I64_TRUNC_SAT_F32_U -> i64TruncSatU(f32(x));
            case Op.I64_TRUNC_SAT_F64_S -> (long) f64(x);
            case Op.I64_TRUNC_SAT_F64_U -> i64TruncSatU(f64(x));
            default -> throw new IllegalStateException("not a delegated unary instruction: " + Op.name(op));
        };
    }

    /** An i32 comparison, I32_EQ .. I32_GE_U: kept small so that the JIT inlines it into the dispatch loop. */
    static int compareI32(int op, int x, int y) {
        return switch (op) {
            case Op.I32_EQ -> x == y ? 1 : 0;
            case Op.I32_NE -> x != y ? 1 : 0;
            case Op.I32_LT_S -> x < y ? 1 : 0;
            case Op.I32_LT_U -> Integer.compareUnsigned(x, y) < 0 ? 1 : 0;
            case Op.I32_GT_S -> x > y ? 1 : 0;
            case Op.I32_GT_U -> Integer.compareUnsigned(x, y) > 0 ? 1 : 0;
            case Op.I32_LE_S -> x <= y ? 1 : 0;
            case Op.I32_LE_U -> Integer.compareUnsigned(x, y) <= 0 ? 1 : 0;
            case Op.I32_GE_S -> x >= y ? 1 : 0;
            case Op.I32_GE_U -> Integer.compareUnsigned(x, y) >= 0 ? 1 : 0;
            default -> throw new IllegalStateException("not an i32 comparison: " + Op.name(op));
        };
    }

    /** A two-operand instruction the dispatch loop delegates, on raw slot bits (i32 operands in the low 32 bits). */
    static long binary(int op, long x, long y) {
        return switch (op) {
            case Op.I32_MUL -> (int) x * (int) y;
            case Op.I32_OR, Op.I64_OR -> x | y;
            case Op.I32_XOR, Op.I64_XOR -> x ^ y;
            case Op.I32_SHR_S -> (int) x >> (int) y;
            case Op.I64_MUL -> x * y;
            case Op.I64_SHR_S -> x >> y;
            case Op.I32_DIV_S -> {
                if ((int) y == 0) throw divideByZero();
                if ((int) y == -1 && (int) x == Integer.MIN_VALUE) throw new TrapException(TrapKind.INTEGER_OVERFLOW, null);
                yield (int) x / (int) y;
            }
            case Op.I32_DIV_U -> Integer.divideUnsigned((int) x, nonZero((int) y));
            // Java's % already yields 0 for MIN_VALUE % -1.
            case Op.I32_REM_S -> (int) x % nonZero((int) y);
            case Op.I32_REM_U -> Integer.remainderUnsigned((int) x, nonZero((int) y));
            case Op.I64_DIV_S -> {
                if (y == 0) throw divideByZero();
                if (y == -1 && x == Long.MIN_VALUE) throw new TrapException(TrapKind.INTEGER_OVERFLOW, null);
                yield x / y;
            }
            case Op.I64_DIV_U -> Long.divideUnsigned(x, nonZero(y));
            case Op.I64_REM_S -> x % nonZero(y);
            case Op.I64_REM_U -> Long.remainderUnsigned(x, nonZero(y));
            case Op.F32_EQ -> f32(x) == f32(y) ? 1 : 0;
            case Op.F32_NE -> f32(x) != f32(y) ? 1 : 0;
            case Op.F32_LT -> f32(x) < f32(y) ? 1 : 0;
            case Op.F32_GT -> f32(x) > f32(y) ? 1 : 0;
            case Op.F32_LE -> f32(x) <= f32(y) ? 1 : 0;
            case Op.F32_GE -> f32(x) >= f32(y) ? 1 : 0;
            case Op.F32_COPYSIGN -> (x & 0x7FFFFFFFL) | (y & 0x80000000L);
            case Op.F64_COPYSIGN -> (x & Long.MAX_VALUE) | (y & Long.MIN_VALUE);
            case Op.F64_EQ -> f64(x) == f64(y) ? 1 : 0;
            case Op.F64_NE -> f64(x) != f64(y) ? 1 : 0;
            case Op.F64_LT -> f64(x) < f64(y) ? 1 : 0;
            case Op.F64_GT -> f64(x) > f64(y) ? 1 : 0;
            case Op.F64_LE -> f64(x) <= f64(y) ? 1 : 0;
            case Op.F64_GE -> f64(x) >= f64(y) ? 1 : 0;
            case Op.F32_ADD -> Float.floatToRawIntBits(f32(x) + f32(y));
            case Op.F32_SUB -> Float.floatToRawIntBits(f32(x) - f32(y));
            case Op.F32_MUL -> Float.floatToRawIntBits(f32(x) * f32(y));
            case Op.F32_DIV -> Float.floatToRawIntBits(f32(x) / f32(y));
            case Op.I64_ROTL -> Long.rotateLeft(x, (int) y);
            case Op.I64_ROTR -> Long.rotateRight(x, (int) y);
            case Op.I32_ROTR -> Integer.rotateRight((int) x, (int) y);
            case Op.I64_LT_S -> x < y ? 1 : 0;
            case Op.I64_LT_U -> Long.compareUnsigned(x, y) < 0 ? 1 : 0;
            case Op.I64_GT_S -> x > y ? 1 : 0;
            case Op.I64_LE_S -> x <= y ? 1 : 0;
            case Op.I64_GE_S -> x >= y ? 1 : 0;
            case Op.I64_GT_U -> Long.compareUnsigned(x, y) > 0 ? 1 : 0;
            case Op.I64_LE_U -> Long.compareUnsigned(x, y) <= 0 ? 1 : 0;
            case Op.I64_GE_U -> Long.compareUnsigned(x, y) >= 0 ? 1 : 0;
            case Op.F32_MIN -> f32Min((int) x, (int) y);
            case Op.F32_MAX -> f32Max((int) x, (int) y);
            case Op.F64_MIN -> f64Min(x, y);
            case Op.F64_MAX -> f64Max(x, y);
            default -> throw new IllegalStateException("not a delegated binary instruction: " + Op.name(op));
        };
    }

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static int f32Bits(double value) {
        return Float.floatToRawIntBits((float) value);
    }

    private static long f64Bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    // ---- Rounding: a NaN operand yields a quiet NaN (x + x), which Java's fallback paths would not guarantee ----

    static double ceil(double x) {
        return x != x ? x + x : Math.ceil(x);
    }

    static double floor(double x) {
        return x != x ? x + x : Math.floor(x);
    }

    static double trunc(double x) {
        if (x != x) return x + x;
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** Round to nearest, ties to even. */
    static double nearest(double x) {
        return x != x ? x + x : Math.rint(x);
    }

    // ---- min / max: NaN if either operand is NaN; -0 is below +0 ----

    static int f32Min(int a, int b) {
        float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(x != x || y != y ? x + y : Math.min(x, y));
    }

    static int f32Max(int a, int b) {
        float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(x != x || y != y ? x + y : Math.max(x, y));
    }

    static long f64Min(long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(x != x || y != y ? x + y : Math.min(x, y));
    }

    static long f64Max(long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(x != x || y != y ? x + y : Math.max(x, y));
    }

    // ---- Trapping float -> integer conversions; bounds are exclusive so that values truncating into range pass ----

    static int i32TruncS(double x) {
        if (x != x) throw invalid();
        if (!(x > -TWO_TO_31 - 1 && x < TWO_TO_31)) throw overflow();
        return (int) x;
    }

    static int i32TruncU(double x) {
        if (x != x) throw invalid();
        if (!(x > -1.0 && x < TWO_TO_32)) throw overflow();
        return (int) (long) x;
    }

    static long i64TruncS(double x) {
        if (x != x) throw invalid();
        if (!(x >= -TWO_TO_63 && x < TWO_TO_63)) throw overflow();
        return (long) x;
    }

    static long i64TruncU(double x) {
        if (x != x) throw invalid();
        if (!(x > -1.0 && x < TWO_TO_64)) throw overflow();
        return u64FromNonNegative(x);
    }

    // ---- Saturating unsigned conversions ----

    static int i32TruncSatU(double x) {
        if (!(x > 0)) return 0;
        if (x >= TWO_TO_32) return -1;
        return (int) (long) x;
    }

    static long i64TruncSatU(double x) {
        if (!(x > 0)) return 0;
        if (x >= TWO_TO_64) return -1L;
        return u64FromNonNegative(x);
    }

    /** Truncates a value in [0, 2^64) to its unsigned 64-bit pattern. */
    private static long u64FromNonNegative(double x) {
        return x < TWO_TO_63 ? (long) x : (long) (x - TWO_TO_63) ^ Long.MIN_VALUE;
    }

    // ---- Unsigned i64 -> float: halve with a sticky low bit so that the single rounding stays correct ----

    static float u64ToF32(long x) {
        if (x >= 0) return (float) x;
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    static double u64ToF64(long x) {
        if (x >= 0) return (double) x;
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    private static int nonZero(int divisor) {
        if (divisor == 0) throw divideByZero();
        return divisor;
    }

    private static long nonZero(long divisor) {
        if (divisor == 0) throw divideByZero();
        return divisor;
    }

    private static TrapException divideByZero() {
        return new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
    }

    private static TrapException invalid() {
        return new TrapException(TrapKind.INVALID_CONVERSION_TO_INTEGER, null);
    }

    private static TrapException overflow() {
        return new TrapException(TrapKind.INTEGER_OVERFLOW, null);
    }
}
