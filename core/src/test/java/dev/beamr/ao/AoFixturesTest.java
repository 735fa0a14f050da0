package dev.beamr.ao;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HyperBEAM's AO modules answering messages. The aos builds run AO's Lua REPL process; the test
 * builds run a fixed process that answers every message with a pong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AoFixturesTest {
    private BeamrModule aos;

    @BeforeAll
    void compileAos() {
        aos = Beamr.compile(TestFiles.readHyperbeamFixture("aos-2-pure-xs.wasm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aos-2-pure-xs.wasm", "aos-2-pure.wasm"})
    void aosEvaluatesLua(String file) {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(TestFiles.readHyperbeamFixture(file))) {
            AoResult result = process.eval("return 1+1");
            assertTrue(result.ok(), result.json());
            assertEquals("2", result.output(), result.json());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-aos.wasm", "test-stock-aos.wasm", "test-wasi-aos.wasm",
            "test-standalone-ex-aos.wasm", "test-standalone-wex-aos.wasm"})
    void testProcessesAnswerEveryMessageWithAPong(String file) {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(TestFiles.readHyperbeamFixture(file))) {
            for (String code : new String[] {"return 1+1", "x = 1", "error('no')"}) {
                AoResult result = process.eval(code);
                assertTrue(result.ok(), result.json());
                assertEquals("sent pong reply", result.output(), result.json());
            }
        }
    }

    @Test
    void laterMessagesSeeGlobalsSetByEarlierOnes() {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos)) {
            assertEquals("", process.eval("x = 21").output());
            assertEquals("42", process.eval("return x * 2").output());
        }
    }

    @Test
    void aLuaErrorIsTheErrorOutputAndTheProcessKeepsWorking() {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos)) {
            process.eval("x = 5");
            AoResult failed = process.eval("error('boom')");
            assertTrue(failed.error().orElseThrow().contains("boom"), failed.json());
            AoResult after = process.eval("return x + 1");
            assertTrue(after.error().isEmpty(), after.json());
            assertEquals("6", after.output());
        }
    }

    @Test
    void aRestoredSnapshotAnswersAsTheOriginalDoes() {
        byte[] snapshot;
        String original;
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos)) {
            process.eval("counter = 0");
            process.eval("counter = counter + 10");
            process.eval("function bump() counter = counter + 1; return counter end");
            snapshot = process.snapshot();
            original = process.eval("return bump() .. ':' .. ao.id").json();
        }
        try (AoProcess restored = AoProcess.builder().deterministic(1).start(aos)) {
            restored.restore(snapshot);
            AoResult result = restored.eval("return bump() .. ':' .. ao.id");
            assertEquals("11:AOS", result.output(), result.json());
            assertEquals(original, result.json());
        }
    }
}
