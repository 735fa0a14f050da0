package dev.beamr.spec;

import dev.beamr.Mode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the WebAssembly specification suite and prints, per suite, {@code SUITE passed=N failed=N
 * skipped=N}, then {@code N passed, N failed, N skipped}. Before that come the failing commands (for
 * the {@value SpecSuites#SIMD} suite only when a filter selects it, as SIMD does not execute) and
 * each suite's reasons for skipping.
 *
 * <p>Usage: {@code SpecMain [FILTER]}, where FILTER is a suite, a script name or {@code suite/script}.
 * Exits with 1 if a suite other than {@value SpecSuites#SIMD} had a failure, 2 on a usage error.
 * System properties: {@code beamr.shared} (the shared folder), {@code beamr.spec.timeoutSeconds}
 * (per command), {@code beamr.spec.maxFailuresShown} (per script).
 */
public final class SpecMain {
    private SpecMain() {}

    public static void main(String[] args) throws IOException {
        Mode mode = Mode.WASM;
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.size() >= 2 && rest.get(0).equals("--mode")) {
            mode = switch (rest.get(1)) {
                case "wasm" -> Mode.WASM;
                case "aot" -> Mode.AOT;
                default -> null;
            };
            rest = rest.subList(2, rest.size());
        }
        if (mode == null || rest.size() > 1) {
            System.err.println("usage: SpecMain [--mode wasm|aot] [suite | script | suite/script]");
            System.exit(2);
        }
        System.exit(run(rest.isEmpty() ? null : rest.getFirst(), mode, System.out));
    }

    static int run(String filter, Mode mode, PrintStream out) throws IOException {
        Path root = SpecSuites.jsonRoot();
        if (!Files.isDirectory(root)) {
            out.println("error: the spec suite is not at " + root.toAbsolutePath() + " (set -Dbeamr.shared)");
            return 2;
        }
        int maxShown = Integer.getInteger("beamr.spec.maxFailuresShown", 20);
        Tally total = new Tally();
        boolean gatingFailure = false;
        StringBuilder summary = new StringBuilder();
        for (Map.Entry<String, List<SpecScript>> suite : SpecSuites.discover(root).entrySet()) {
            boolean simd = suite.getKey().equals(SpecSuites.SIMD);
            List<SpecScript> selected = suite.getValue().stream().filter(s -> SpecSuites.selects(filter, s)).toList();
            if (selected.isEmpty()) continue;
            Tally tally = new Tally();
            for (SpecScript script : selected) {
                ScriptResult result = new ScriptRunner(script, SpecSuites.commandTimeout(), mode).run();
                tally.add(result);
                if (result.failed() > 0 && (!simd || filter != null)) printFailures(out, result, maxShown);
            }
            if (!tally.skipReasons.isEmpty()) printSkips(out, suite.getKey(), tally);
            summary.append(suite.getKey()).append(" passed=").append(tally.passed).append(" failed=").append(tally.failed)
                    .append(" skipped=").append(tally.skipped).append('\n');
            total.add(tally);
            gatingFailure |= !simd && tally.failed > 0;
        }
        if (total.isEmpty()) {
            out.println("error: no script matches \"" + filter + "\"");
            return 2;
        }
        out.print(summary);
        out.println(total.passed + " passed, " + total.failed + " failed" + (total.skipped > 0 ? ", " + total.skipped + " skipped" : ""));
        return gatingFailure ? 1 : 0;
    }

    private static void printFailures(PrintStream out, ScriptResult result, int maxShown) {
        out.println("FAIL " + result.script().id() + ": " + result.failed() + " failed, " + result.passed() + " passed");
        List<String> failures = result.failures();
        for (String failure : failures.subList(0, Math.min(maxShown, failures.size()))) out.println("  " + failure);
        if (failures.size() > maxShown) out.println("  ... and " + (failures.size() - maxShown) + " more");
    }

    private static void printSkips(PrintStream out, String suite, Tally tally) {
        List<String> reasons = tally.skipReasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList();
        out.println("SKIPPED in " + suite + ": " + String.join("; ", reasons));
    }

    /** Counts added up over scripts and suites. */
    private static final class Tally {
        int passed;
        int failed;
        int skipped;
        final Map<String, Integer> skipReasons = new TreeMap<>();
        boolean counted;

        void add(ScriptResult result) {
            passed += result.passed();
            failed += result.failed();
            skipped += result.skipped();
            result.skipReasons().forEach((reason, count) -> skipReasons.merge(reason, count, Integer::sum));
            counted = true;
        }

        void add(Tally other) {
            passed += other.passed;
            failed += other.failed;
            skipped += other.skipped;
            counted |= other.counted;
        }

        boolean isEmpty() {
            return !counted;
        }
    }
}
