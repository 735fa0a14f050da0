package dev.beamr;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Converts between the API's {@link Number}s and the engine's raw value bits, checking each value's type and range. */
final class Values {
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Values() {}

    static ValueType publicType(ValType type) {
        return switch (type) {
            case I32 -> ValueType.I32;
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            case V128 -> ValueType.V128;
            case FUNCREF -> ValueType.FUNCREF;
            case EXTERNREF -> ValueType.EXTERNREF;
        };
    }

    static Signature signature(FuncType type) {
        List<ValueType> params = new ArrayList<>(type.paramCount());
        for (int i = 0; i < type.paramCount(); i++) params.add(publicType(type.param(i)));
        List<ValueType> results = new ArrayList<>(type.resultCount());
        for (int i = 0; i < type.resultCount(); i++) results.add(publicType(type.result(i)));
        return new Signature(params, results);
    }

    static Optional<Signature> optionalSignature(FuncType type) {
        return Optional.of(signature(type));
    }

    /** The zero of a numeric type as the API represents it. */
    static Number zero(ValueType type) {
        return switch (type) {
            case I32 -> 0;
            case I64 -> 0L;
            case F32 -> 0f;
            case F64 -> 0d;
            default -> throw new InvalidArgumentsException("a " + type + " value cannot be given as a number");
        };
    }

    /**
     * Checks that every parameter and result of {@code type} is numeric, so that the function can
     * be called with numbers.
     */
    static void requireNumeric(FuncType type, String function) {
        for (int i = 0; i < type.paramCount(); i++) requireNumeric(type.param(i), function, "parameter " + i);
        for (int i = 0; i < type.resultCount(); i++) requireNumeric(type.result(i), function, "result " + i);
    }

    private static void requireNumeric(ValType type, String function, String what) {
        if (!type.isNumeric()) {
            throw new InvalidArgumentsException(function + " has a " + type + " " + what
                    + ", which cannot be passed as a number");
        }
    }

    /**
     * Encodes {@code values} as the raw bits of {@code types[0 .. count)} into a new array of
     * {@code capacity} slots.
     */
    static long[] encode(ValType[] types, List<? extends Number> values, int capacity, String what) {
        if (values == null) throw new InvalidArgumentsException(what + ": the values are null");
        if (values.size() != types.length) {
            throw new InvalidArgumentsException(what + ": expected " + types.length + " values, got " + values.size());
        }
        long[] raw = new long[capacity];
        for (int i = 0; i < types.length; i++) raw[i] = encode(types[i], values.get(i), i, what);
        return raw;
    }

    private static long encode(ValType type, Number value, int position, String what) {
        if (value == null) throw new InvalidArgumentsException(what + ": value " + position + " is null");
        return switch (type) {
            case I32 -> {
                long integer = integral(value, type, position, what);
                if (integer < Integer.MIN_VALUE || integer > 0xFFFF_FFFFL) {
                    throw new InvalidArgumentsException(what + ": value " + position + " (" + value + ") does not fit in i32");
                }
                yield integer & 0xFFFF_FFFFL;
            }
            case I64 -> integral(value, type, position, what);
            case F32 -> Float.floatToRawIntBits(value.floatValue()) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(value.doubleValue());
            default -> throw new InvalidArgumentsException(what + ": value " + position + " is a " + type
                    + ", which cannot be given as a number");
        };
    }

    private static long integral(Number value, ValType type, int position, String what) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof AtomicInteger || value instanceof AtomicLong) {
            return value.longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.compareTo(MIN_I64) < 0 || big.compareTo(MAX_U64) > 0) {
                throw new InvalidArgumentsException(what + ": value " + position + " (" + big + ") does not fit in " + type);
            }
            return big.longValue();
        }
        throw new InvalidArgumentsException(what + ": value " + position + " is a " + value.getClass().getSimpleName()
                + " (" + value + "), but " + type + " takes an integer");
    }

    /** Decodes the first {@code types.length} raw values as Integer, Long, Float or Double. */
    static List<Number> decode(ValType[] types, long[] raw) {
        Number[] out = new Number[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = switch (types[i]) {
                case I32 -> (int) raw[i];
                case I64 -> raw[i];
                case F32 -> Float.intBitsToFloat((int) raw[i]);
                case F64 -> Double.longBitsToDouble(raw[i]);
                default -> throw new IllegalStateException("non-numeric " + types[i] + " reached number decoding");
            };
        }
        return List.of(out);
    }

    /** A pointer or length from a call's results: i32 values are read unsigned. */
    static long address(Number value, String what) {
        if (value instanceof Integer i) return Integer.toUnsignedLong(i);
        if (value instanceof Long || value instanceof Short || value instanceof Byte) return value.longValue();
        throw new InvalidArgumentsException(what + " must be an Integer or Long, got " + value);
    }
}
