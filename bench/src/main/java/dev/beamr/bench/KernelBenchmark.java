package dev.beamr.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the CPU kernels of {@code shared/bench} in Beamr and in Node.js: for each kernel, warm-up
 * calls, then the best of several timed calls on one instance, each kernel in a JVM of its own
 * unless {@code --in-process} (see {@link KernelProcess}). Prints
 * {@code KERNEL BITS BEAMR_MS NODE_MS RATIO} per kernel and the geometric mean of the ratios
 * (Beamr's time over node's). A checksum that differs from the expected one is a failure: it is
 * printed and the exit status is 1.
 */
public final class KernelBenchmark {
    private static final String ROW = "%-8s %4s %12s %12s %9s%n";

    private final BenchOptions options;
    private final PrintStream out;
    private final List<Double> ratios = new ArrayList<>();
    private boolean failed;

    KernelBenchmark(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        for (int bits : options.bits()) {
            if (!Files.isRegularFile(options.module(bits))) {
                System.err.println("error: " + options.module(bits) + " not found; pass --shared DIR, the folder holding bench/");
                System.exit(1);
            }
        }
        System.exit(new KernelBenchmark(options, System.out).run() ? 0 : 1);
    }

    /** Runs every selected kernel of every selected build; true when all checksums were right. */
    boolean run() {
        out.println("# " + options + (options.node() == null ? ", without node" : ""));
        out.printf(Locale.ROOT, ROW, "kernel", "bits", "beamr_ms", "node_ms", "ratio");
        NodeRunner node = options.node() == null ? null : new NodeRunner(options.node());
        for (int bits : options.bits()) {
            Path module = options.module(bits);
            Map<Kernel, Outcome> nodeOutcomes = node == null ? Map.of()
                    : node.run(module, bits, options.kernels(), options.warmup(), options.runs());
            BeamrRunner inProcess = options.fork() ? null : BeamrRunner.load(module, options.mode());
            ForkedRunner forked = options.fork() ? new ForkedRunner(module, options.mode()) : null;
            for (Kernel kernel : options.kernels()) {
                Outcome beamr = options.fork() ? runForked(forked, kernel, bits)
                        : inProcess.run(kernel, options.warmup(), options.runs());
                report(kernel, bits, beamr, nodeOutcomes.get(kernel));
            }
        }
        out.println("geomean ratio " + (ratios.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", geometricMean(ratios))));
        return !failed;
    }

    /**
     * Runs {@code kernel} in {@code options.forks()} JVMs, one after the other, and returns the best
     * run of all, or the first failure or wrong checksum. With several JVMs, first prints each one's
     * best: the JIT can compile the interpreter differently from one JVM to the next.
     */
    private Outcome runForked(ForkedRunner runner, Kernel kernel, int bits) {
        List<Double> bests = new ArrayList<>();
        Outcome.Timed best = null;
        for (int i = 0; i < options.forks(); i++) {
            Outcome outcome = runner.run(kernel, options.warmup(), options.runs());
            if (!(outcome instanceof Outcome.Timed timed) || failure(kernel, timed) != null) return outcome;
            bests.add(timed.bestMillis());
            if (best == null || timed.bestMillis() < best.bestMillis()) best = timed;
        }
        if (bests.size() > 1) {
            out.println("# " + kernel.export() + " " + bits + ": best per JVM " + String.join(" ",
                    bests.stream().sorted().map(ms -> String.format(Locale.ROOT, "%.1f", ms)).toList()));
        }
        return best;
    }

    private void report(Kernel kernel, int bits, Outcome beamr, Outcome node) {
        String beamrFailure = failure(kernel, beamr);
        String nodeFailure = node == null ? null : failure(kernel, node);
        String ratio = "-";
        if (beamrFailure == null && node != null && nodeFailure == null) {
            double value = millis(beamr) / millis(node);
            ratios.add(value);
            ratio = String.format(Locale.ROOT, "%.2f", value);
        }
        out.printf(Locale.ROOT, ROW, kernel.export(), bits, cell(beamr, beamrFailure), node == null ? "-" : cell(node, nodeFailure), ratio);
        if (beamrFailure != null) fail(kernel, bits, "beamr", beamrFailure);
        if (nodeFailure != null) fail(kernel, bits, "node", nodeFailure);
    }

    private void fail(Kernel kernel, int bits, String engine, String reason) {
        failed = true;
        out.println("FAILED " + kernel.export() + " " + bits + " in " + engine + ": " + reason);
    }

    /** Why an outcome is not a correct timing, or null when it is. */
    private static String failure(Kernel kernel, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Failed failed -> failed.reason();
            case Outcome.Timed timed -> kernel.isExpected(timed.resultBits()) ? null
                    : "checksum " + kernel.resultType() + " " + kernel.format(timed.resultBits())
                    + ", expected " + kernel.expected();
        };
    }

    private static String cell(Outcome outcome, String failure) {
        return failure != null ? "FAILED" : String.format(Locale.ROOT, "%.1f", millis(outcome));
    }

    private static double millis(Outcome outcome) {
        return ((Outcome.Timed) outcome).bestMillis();
    }

    static double geometricMean(List<Double> values) {
        double logSum = 0;
        for (double value : values) logSum += Math.log(value);
        return Math.exp(logSum / values.size());
    }
}
