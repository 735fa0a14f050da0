package dev.beamr.fuzz;

import dev.beamr.Mode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded differential run against V8 (see {@link DiffRunner}), with Beamr running each module
 * interpreted and compiled; skipped when wasm-opt or node is missing. System properties: {@code beamr.difftest.modules} (default 200) and
 * {@code beamr.difftest.seed} (default: a fixed seed, so that a test run is reproducible; longer
 * runs with fresh seeds are {@code scripts/difftest.sh}'s job).
 */
class DifferentialTest {
    @Test
    void beamrAgreesWithV8OnGeneratedModules() throws Exception {
        Optional<String> missing = DiffRunner.missingTool();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow());
        Optional<Path> harness = DiffRunner.nodeHarness();
        Assumptions.assumeTrue(harness.isPresent(), "skipped: scripts/difftest-node.mjs not found from " + Path.of("").toAbsolutePath());
        int modules = Integer.getInteger("beamr.difftest.modules", 200);
        long seed = Long.getLong("beamr.difftest.seed", 20251122L);
        Path work = Path.of(MutationFuzzTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolveSibling("difftest");

        List<DiffRunner.Summary> summaries = new DiffRunner(work, harness.get(), System.out, List.of(Mode.values())).run(modules, seed);

        summaries.forEach(summary -> System.out.println(summary.line()));
        for (DiffRunner.Summary summary : summaries) {
            String mode = DiffRunner.modeName(summary.mode());
            assertEquals(0, summary.divergences(), () -> summary.line() + " (reproduce one with scripts/difftest.sh 1 SEED --mode "
                    + mode + "):\n" + String.join("\n", summary.reports()));
            // Most generated modules must get past validation, or the comparison proves little.
            int agreed = summary.counts().getOrDefault(TraceComparison.Kind.AGREED, 0);
            assertTrue(agreed >= modules * 9 / 10, () -> "only " + agreed + " of " + modules + " modules ran to the end on both sides: " + summary.line());
        }
    }
}
