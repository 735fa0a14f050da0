package dev.beamr.bench;

import dev.beamr.engine.model.ValType;

/**
 * The CPU kernels of {@code shared/bench}: each export takes one i32 and returns a checksum that
 * every engine must reproduce (the table in {@code shared/bench/README.md}).
 */
enum Kernel {
    FIB("fib", 35, ValType.I64, "9227465"),
    SIEVE("sieve", 16_000_000, ValType.I32, "1031130"),
    MATMUL("matmul", 256, ValType.F64, "12582399.625"),
    HASH("hash", 50, ValType.I32, "-1858846410"),
    SORT("sort", 2_000_000, ValType.I64, "2156451383306"),
    NBODY("nbody", 5_000_000, ValType.F64, "0.3587824711040494"),
    MEMCOPY("memcopy", 500, ValType.I32, "62442");

    private final String export;
    private final int argument;
    private final ValType resultType;
    private final long expectedBits;

    Kernel(String export, int argument, ValType resultType, String expected) {
        this.export = export;
        this.argument = argument;
        this.resultType = resultType;
        this.expectedBits = parseResult(resultType, expected);
    }

    String export() {
        return export;
    }

    int argument() {
        return argument;
    }

    ValType resultType() {
        return resultType;
    }

    boolean isExpected(long resultBits) {
        return normalize(resultType, resultBits) == expectedBits;
    }

    /** The result as text: integers signed, f64 in Java's shortest round-trip form. */
    String format(long resultBits) {
        return switch (resultType) {
            case I32 -> Integer.toString((int) resultBits);
            case F64 -> Double.toString(Double.longBitsToDouble(resultBits));
            default -> Long.toString(resultBits);
        };
    }

    String expected() {
        return format(expectedBits);
    }

    /**
     * Raw bits of a checksum printed in decimal (by the README or by JavaScript, whose number
     * formatting round-trips exactly).
     *
     * @throws NumberFormatException when the text is not a number of that type
     */
    static long parseResult(ValType type, String text) {
        return switch (type) {
            case I32 -> Integer.parseInt(text);
            case I64 -> Long.parseLong(text);
            case F64 -> Double.doubleToRawLongBits(Double.parseDouble(text));
            default -> throw new IllegalArgumentException("no kernel returns " + type);
        };
    }

    /** i32 results use only the low 32 bits of their slot; compare them sign-extended. */
    private static long normalize(ValType type, long bits) {
        return type == ValType.I32 ? (int) bits : bits;
    }

    static Kernel byExport(String export) {
        for (Kernel kernel : values()) {
            if (kernel.export.equals(export)) return kernel;
        }
        throw new IllegalArgumentException("no kernel named '" + export + "'");
    }
}
