package dev.beamr;

import java.util.List;

/**
 * A function's parameter and result types.
 *
 * @param params  parameter types, in order
 * @param results result types, in order
 */
public record Signature(List<ValueType> params, List<ValueType> results) {
    /** Copies both lists, so that a signature never changes. */
    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** {@return BEAMR's compact form: {@code (F)F} for f64 → f64, {@code (iI)} for (i32, i64) → nothing} */
    public String compact() {
        StringBuilder text = new StringBuilder("(");
        for (ValueType type : params) text.append(type.code());
        text.append(')');
        for (ValueType type : results) text.append(type.code());
        return text.toString();
    }

    /**
     * {@return the signature written as {@code compact}}
     *
     * @param compact a signature in the {@link #compact()} form, such as {@code (F)F}
     * @throws IllegalArgumentException {@code compact} is not in that form
     */
    public static Signature parse(String compact) {
        int close = compact.indexOf(')');
        if (!compact.startsWith("(") || close < 0) {
            throw new IllegalArgumentException("not a compact signature: \"" + compact + "\"");
        }
        return new Signature(types(compact.substring(1, close)), types(compact.substring(close + 1)));
    }

    private static List<ValueType> types(String codes) {
        return codes.chars().mapToObj(code -> ValueType.fromCode((char) code)).toList();
    }

    /** {@return the text form, e.g. {@code (i32 i64) -> (f64)}} */
    @Override
    public String toString() {
        return "(" + String.join(" ", params.stream().map(t -> t.name().toLowerCase()).toList()) + ") -> ("
                + String.join(" ", results.stream().map(t -> t.name().toLowerCase()).toList()) + ")";
    }
}
