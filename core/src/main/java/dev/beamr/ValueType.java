package dev.beamr;

/**
 * A WebAssembly value type as the public API reports it, with its one-letter code in BEAMR's
 * compact signature form ({@code i} i32, {@code I} i64, {@code f} f32, {@code F} f64; the codes
 * of the types BEAMR does not name are Beamr's own).
 */
public enum ValueType {
    /** 32-bit integer, passed as {@link Integer}. */
    I32('i'),
    /** 64-bit integer, passed as {@link Long}. */
    I64('I'),
    /** 32-bit float, passed as {@link Float}. */
    F32('f'),
    /** 64-bit float, passed as {@link Double}. */
    F64('F'),
    /** 128-bit vector; not passed across the API. */
    V128('V'),
    /** Function reference; not passed across the API. */
    FUNCREF('r'),
    /** Host reference; not passed across the API. */
    EXTERNREF('x');

    private final char code;

    ValueType(char code) {
        this.code = code;
    }

    /** {@return the letter that stands for this type in a compact signature} */
    public char code() {
        return code;
    }

    /** {@return whether values of this type cross the API as {@link Number}s} */
    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /**
     * {@return the type whose compact code is {@code code}}
     *
     * @param code a letter of the compact form
     * @throws IllegalArgumentException no type has that code
     */
    public static ValueType fromCode(char code) {
        for (ValueType type : values()) {
            if (type.code == code) return type;
        }
        throw new IllegalArgumentException("no value type has the compact code '" + code + "'");
    }
}
