package dev.beamr.bench;

import dev.beamr.Mode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link KernelBenchmark}.
 *
 * @param warmup  untimed calls before timing each kernel
 * @param runs    timed calls per kernel; the best is reported
 * @param kernels which kernels to run
 * @param bits    which builds to run: 32 and/or 64
 * @param shared  the shared folder holding {@code bench/kernels-wasm32.wasm} and {@code -wasm64.wasm}
 * @param node    the node executable, or null to run Beamr only
 * @param mode    how Beamr runs the kernels: interpreted or compiled to JVM bytecode
 * @param fork    whether each kernel runs in a JVM of its own
 * @param forks   how many JVMs of its own each kernel runs in, one after the other, when {@code fork}
 */
record BenchOptions(int warmup, int runs, Set<Kernel> kernels, List<Integer> bits, Path shared, String node, Mode mode,
                    boolean fork, int forks) {
    static final String USAGE = """
            usage: KernelBenchmark [--runs N] [--warmup N] [--kernel NAME[,NAME...]] [--bits 32|64]
                                   [--shared DIR] [--node PATH | --no-node] [--mode wasm|aot]
                                   [--forks N | --in-process]
              --runs N      timed calls per kernel, best one reported (default 3)
              --warmup N    untimed calls before timing (default 2)
              --kernel      only these kernels: fib, sieve, matmul, hash, sort, nbody, memcopy
              --bits        only the wasm32 or the wasm64 build (default both)
              --shared DIR  folder holding bench/kernels-wasm{32,64}.wasm (default: system property
                            beamr.shared, else ../shared)
              --node PATH   node executable to compare with (default node); --no-node skips it
              --mode        wasm interprets the kernels (default), aot compiles them to JVM bytecode
              --forks N     run each kernel in N JVMs of its own (default 1): the best run of all is
                            reported, each JVM's best is listed, every checksum is checked
              --in-process  run every kernel in this JVM instead of one JVM per kernel""";

    static BenchOptions parse(String[] args) {
        int warmup = 2;
        int runs = 3;
        Set<Kernel> kernels = EnumSet.allOf(Kernel.class);
        List<Integer> bits = List.of(32, 64);
        Path shared = Path.of(System.getProperty("beamr.shared", "../shared"));
        String node = "node";
        Mode mode = Mode.WASM;
        boolean fork = true;
        int forks = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--runs" -> runs = count(option, value(args, ++i, option), 1);
                case "--warmup" -> warmup = count(option, value(args, ++i, option), 0);
                case "--kernel" -> kernels = kernels(value(args, ++i, option));
                case "--bits" -> bits = List.of(bits(value(args, ++i, option)));
                case "--shared" -> shared = Path.of(value(args, ++i, option));
                case "--node" -> node = value(args, ++i, option);
                case "--no-node" -> node = null;
                case "--mode" -> mode = mode(value(args, ++i, option));
                case "--in-process" -> fork = false;
                case "--forks" -> forks = count(option, value(args, ++i, option), 1);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (!fork && forks > 1) throw new IllegalArgumentException("--forks runs kernels in JVMs of their own, not with --in-process");
        return new BenchOptions(warmup, runs, kernels, bits, shared, node, mode, fork, forks);
    }

    Path module(int bits) {
        return shared.resolve("bench").resolve("kernels-wasm" + bits + ".wasm");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[index];
    }

    private static int count(String option, String text, int min) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min) {
            throw new IllegalArgumentException(option + " needs a whole number of at least " + min + ", got '" + text + "'");
        }
        return value;
    }

    private static Mode mode(String text) {
        return switch (text) {
            case "wasm" -> Mode.WASM;
            case "aot" -> Mode.AOT;
            default -> throw new IllegalArgumentException("--mode is wasm or aot, got '" + text + "'");
        };
    }

    private static Set<Kernel> kernels(String list) {
        List<Kernel> selected = new ArrayList<>();
        for (String name : list.split(",")) selected.add(Kernel.byExport(name.trim()));
        return EnumSet.copyOf(selected);
    }

    private static int bits(String text) {
        if (!text.equals("32") && !text.equals("64")) {
            throw new IllegalArgumentException("--bits needs 32 or 64, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return "warmup " + warmup + ", runs " + runs + ", kernels "
                + String.join(",", kernels.stream().map(Kernel::export).toList()) + ", bits " + bits
                + (!fork ? ", in one JVM" : forks > 1 ? ", " + forks + " JVMs per kernel" : "");
    }
}
