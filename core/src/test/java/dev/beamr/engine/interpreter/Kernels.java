package dev.beamr.engine.interpreter;

import java.util.List;

/** The shared benchmark kernels: their arguments and expected checksums (see the bench README). */
final class Kernels {
    private Kernels() {}

    static final List<String> NAMES = List.of("fib", "sieve", "matmul", "hash", "sort", "nbody", "memcopy");

    static int argument(String kernel) {
        return switch (kernel) {
            case "fib" -> 35;
            case "sieve" -> 16_000_000;
            case "matmul" -> 256;
            case "hash" -> 50;
            case "sort" -> 2_000_000;
            case "nbody" -> 5_000_000;
            case "memcopy" -> 500;
            default -> throw new IllegalArgumentException("unknown kernel " + kernel);
        };
    }

    /** The checksum as the README writes it: by the export's result type. */
    static String format(String kernel, long bits) {
        return switch (kernel) {
            case "fib", "sort" -> Long.toString(bits);
            case "sieve", "hash", "memcopy" -> Integer.toString((int) bits);
            case "matmul", "nbody" -> Double.toString(Double.longBitsToDouble(bits));
            default -> throw new IllegalArgumentException("unknown kernel " + kernel);
        };
    }

    static String expected(String kernel) {
        return switch (kernel) {
            case "fib" -> "9227465";
            case "sieve" -> "1031130";
            case "matmul" -> "1.2582399625E7";
            case "hash" -> "-1858846410";
            case "sort" -> "2156451383306";
            case "nbody" -> "0.3587824711040494";
            case "memcopy" -> "62442";
            default -> throw new IllegalArgumentException("unknown kernel " + kernel);
        };
    }
}
