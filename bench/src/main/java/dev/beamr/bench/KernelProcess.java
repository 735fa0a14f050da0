package dev.beamr.bench;

import dev.beamr.Mode;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Times one kernel in a JVM of its own, for {@link KernelBenchmark}: the JIT then profiles and
 * compiles the engine for this kernel alone, as each would be in a process running only it, rather
 * than for whichever kernels ran before it in the same JVM. Prints one line:
 * {@code TIMED BEST_MS RESULT_BITS} or {@code FAILED REASON}.
 *
 * <p>Arguments: {@code MODULE MODE KERNEL WARMUP RUNS}.
 */
public final class KernelProcess {
    private KernelProcess() {}

    static final String TIMED = "TIMED";
    static final String FAILED = "FAILED";

    public static void main(String[] args) {
        Path module = Path.of(args[0]);
        Mode mode = Mode.valueOf(args[1]);
        Kernel kernel = Kernel.byExport(args[2]);
        Outcome outcome = BeamrRunner.load(module, mode).run(kernel, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        switch (outcome) {
            case Outcome.Timed timed -> System.out.printf(Locale.ROOT, "%s %s %d%n", TIMED, Double.toString(timed.bestMillis()), timed.resultBits());
            case Outcome.Failed failed -> System.out.println(FAILED + " " + failed.reason().replace('\n', ' '));
        }
    }
}
