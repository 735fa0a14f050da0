package dev.beamr.engine.model;

import java.util.Arrays;

/** A function signature. Immutable; compared structurally. */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final int hash;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    public ValType[] params() {
        return params.clone();
    }

    public ValType[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && hash == other.hash
                && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Text form, e.g. {@code (i32 i64) -> (f64)}. */
    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(ValType[] types) {
        StringBuilder sb = new StringBuilder();
        for (ValType t : types) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(t);
        }
        return sb.toString();
    }
}
