package dev.beamr.spec;

import dev.beamr.Mode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The WebAssembly specification suite as JUnit tests, in both execution modes: a container per mode
 * and suite, a test per script that fails listing the script's failing commands. The {@value SpecSuites#SIMD} suite is left out, since
 * SIMD does not execute; {@code scripts/spec.sh} runs it too.
 */
class SpecSuiteTest {
    @TestFactory
    Stream<DynamicNode> specificationSuite() throws IOException {
        Path root = SpecSuites.jsonRoot();
        if (!Files.isDirectory(root)) {
            // A skipped test rather than an aborted factory, which reports would not show at all.
            return Stream.of(DynamicTest.dynamicTest("spec suite", () -> Assumptions.abort(
                    "the spec suite is not at " + root.toAbsolutePath() + " (system property beamr.shared)")));
        }
        Map<String, List<SpecScript>> suites = SpecSuites.discover(root);
        return Stream.of(Mode.WASM, Mode.AOT).map(mode -> DynamicContainer.dynamicContainer(mode.name().toLowerCase(Locale.ROOT),
                suites.entrySet().stream()
                        .filter(suite -> !suite.getKey().equals(SpecSuites.SIMD))
                        .map(suite -> DynamicContainer.dynamicContainer(suite.getKey(), suite.getValue().stream()
                                .map(script -> DynamicTest.dynamicTest(script.name(), script.json().toUri(), () -> check(script, mode)))))));
    }

    private static void check(SpecScript script, Mode mode) {
        ScriptResult result = new ScriptRunner(script, SpecSuites.commandTimeout(), mode).run();
        if (result.failed() > 0) fail(result.report());
    }
}
