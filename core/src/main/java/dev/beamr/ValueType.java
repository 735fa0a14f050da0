package dev.beamr;

/**
 * A WebAssembly value type as the public API reports it, with its one-letter code in BEAMR's
 * compact signature form ({@code i} i32, {@code I} i64, {@code f} f32, {@code F} f64; the codes
 * of the types BEAMR does not name are Beamr's own).
 */
public enum ValueType {
    I32('i'), I64('I'), F32('f'), F64('F'), V128('V'), FUNCREF('r'), EXTERNREF('x');

    private final char code;

    ValueType(char code) {
        this.code = code;
    }

    /** The letter that stands for this type in a compact signature. */
    public char code() {
        return code;
    }

    /** Whether values of this type cross the API as {@link Number}s. */
    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /** The type whose compact code is {@code code}. */
    public static ValueType fromCode(char code) {
        for (ValueType type : values()) {
            if (type.code == code) return type;
        }
        throw new IllegalArgumentException("no value type has the compact code '" + code + "'");
    }
}
