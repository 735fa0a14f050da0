package dev.beamr.spec;

import dev.beamr.engine.model.ValType;

import java.util.List;
import java.util.Map;

/**
 * A value as a script writes it: an argument to pass or a result to expect. Numbers are unsigned
 * decimal strings of their bits; f32/f64 results may instead be {@code nan:canonical} or
 * {@code nan:arithmetic}; references are {@code null} or a number (for externref, a host object
 * {@link HostRef} with that number; for funcref, any non-null function).
 */
record ScriptValue(ValType type, String text, List<String> lanes) {
    static final String CANONICAL_NAN = "nan:canonical";
    static final String ARITHMETIC_NAN = "nan:arithmetic";

    /** The host object a script's {@code externref N} stands for; equal for equal numbers. */
    record HostRef(long id) {
        @Override
        public String toString() {
            return "externref " + id;
        }
    }

    /** A script value the engine's call boundary cannot carry (v128: SIMD does not execute). */
    static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(String message) {
            super(message);
        }
    }

    static ScriptValue parse(Object json) {
        if (!(json instanceof Map<?, ?> map)) throw new ScriptFormatException("a value must be an object: " + json);
        Object typeName = map.get("type");
        ValType type = typeNamed(typeName);
        if (type == null) throw new ScriptFormatException("unknown value type " + typeName);
        Object value = map.get("value");
        // Results of commands that expect no result (assert_trap, assert_exception) give only the type.
        if (value == null) return new ScriptValue(type, null, null);
        if (type == ValType.V128) {
            if (!(value instanceof List<?> items)) throw new ScriptFormatException("a v128 value needs a list of lanes");
            return new ScriptValue(type, String.valueOf(map.get("lane_type")), items.stream().map(String::valueOf).toList());
        }
        if (!(value instanceof String)) throw new ScriptFormatException("a value must be a string: " + value);
        return new ScriptValue(type, (String) value, null);
    }

    static List<ScriptValue> parseAll(Object json) {
        if (json == null) return List.of();
        if (!(json instanceof List<?> items)) throw new ScriptFormatException("expected a list of values: " + json);
        return items.stream().map(ScriptValue::parse).toList();
    }

    private static ValType typeNamed(Object name) {
        for (ValType t : ValType.values()) {
            if (t.toString().equals(name)) return t;
        }
        return null;
    }

    /** The raw bits of a numeric argument. */
    long bits() {
        requireSupported();
        if (!type.isNumeric()) throw new IllegalStateException(type + " is not numeric");
        try {
            return switch (type) {
                case I32, F32 -> Integer.toUnsignedLong(Integer.parseUnsignedInt(text));
                default -> Long.parseUnsignedLong(text);
            };
        } catch (NumberFormatException e) {
            throw new ScriptFormatException("not a " + type + " bit pattern: " + text);
        }
    }

    /** The reference a reference argument stands for. */
    Object ref() {
        requireSupported();
        if (!type.isReference()) throw new IllegalStateException(type + " is not a reference");
        if ("null".equals(text)) return null;
        if (type == ValType.EXTERNREF) return hostRef();
        throw new UnsupportedValueException("a non-null funcref argument has no host representation");
    }

    private HostRef hostRef() {
        try {
            return new HostRef(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            throw new ScriptFormatException("not an externref number: " + text);
        }
    }

    void requireSupported() {
        if (type == ValType.V128) throw new UnsupportedValueException("v128 values cannot cross the engine's call boundary (SIMD does not execute)");
        if (text == null) throw new ScriptFormatException("a " + type + " value needs its \"value\"");
    }

    /**
     * Whether a result matches this expectation. Numbers compare by bits (i32/f32 in the low 32),
     * except for the NaN classes: canonical means only the quiet bit set in the payload, arithmetic
     * means at least the quiet bit set, either sign.
     */
    boolean matches(long bits, Object ref) {
        requireSupported();
        return switch (type) {
            case I32 -> (int) bits == (int) bits();
            case I64 -> bits == bits();
            case F32 -> switch (text) {
                case CANONICAL_NAN -> ((int) bits & 0x7fff_ffff) == 0x7fc0_0000;
                case ARITHMETIC_NAN -> ((int) bits & 0x7fc0_0000) == 0x7fc0_0000;
                default -> (int) bits == (int) bits();
            };
            case F64 -> switch (text) {
                case CANONICAL_NAN -> (bits & 0x7fff_ffff_ffff_ffffL) == 0x7ff8_0000_0000_0000L;
                case ARITHMETIC_NAN -> (bits & 0x7ff8_0000_0000_0000L) == 0x7ff8_0000_0000_0000L;
                default -> bits == bits();
            };
            case FUNCREF -> "null".equals(text) ? ref == null : ref != null;
            case EXTERNREF -> "null".equals(text) ? ref == null : hostRef().equals(ref);
            case V128 -> throw new IllegalStateException("unreachable: v128 rejected above");
        };
    }

    /** How the script writes this value, readably: {@code i32 -2 (0xfffffffe)}, {@code f64 nan:canonical}. */
    String describe() {
        if (text == null) return type.toString();
        if (type == ValType.V128) return "v128 " + text + " " + lanes;
        if (type.isReference()) return "null".equals(text) ? type + " null" : type + " " + text;
        if (text.startsWith("nan:")) return type + " " + text;
        return describe(type, bits(), null);
    }

    /** A runtime value of a given type, readably. */
    static String describe(ValType type, long bits, Object ref) {
        return switch (type) {
            case I32 -> "i32 " + (int) bits + " (0x" + Integer.toHexString((int) bits) + ")";
            case I64 -> "i64 " + bits + " (0x" + Long.toHexString(bits) + ")";
            case F32 -> "f32 " + Float.intBitsToFloat((int) bits) + " (0x" + Integer.toHexString((int) bits) + ")";
            case F64 -> "f64 " + Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
            case FUNCREF, EXTERNREF -> type + " " + (ref == null ? "null" : ref);
            case V128 -> "v128";
        };
    }
}
