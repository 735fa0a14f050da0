package dev.beamr.ao;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.Mode;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HyperBEAM's AO modules answering messages. The aos builds run AO's Lua REPL process; the test
 * builds run a fixed process that answers every message with a pong. Each runs interpreted and compiled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AoFixturesTest {
    private final Map<Mode, BeamrModule> aos = new EnumMap<>(Mode.class);

    @BeforeAll
    void compileAos() {
        byte[] bytes = TestFiles.readHyperbeamFixture("aos-2-pure-xs.wasm");
        for (Mode mode : Mode.values()) aos.put(mode, Beamr.compile(bytes, mode));
    }

    private static AoProcess start(String file, Mode mode) {
        return AoProcess.builder().deterministic(1).start(Beamr.compile(TestFiles.readHyperbeamFixture(file), mode));
    }

    /** Each of {@code files} in each mode. */
    private static Stream<Arguments> inEveryMode(String... files) {
        return Stream.of(files).flatMap(file -> Stream.of(Mode.values()).map(mode -> Arguments.of(file, mode)));
    }

    static Stream<Arguments> aosModules() {
        return inEveryMode("aos-2-pure-xs.wasm", "aos-2-pure.wasm");
    }

    static Stream<Arguments> testModules() {
        return inEveryMode("test-aos.wasm", "test-stock-aos.wasm", "test-wasi-aos.wasm",
                "test-standalone-ex-aos.wasm", "test-standalone-wex-aos.wasm");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("aosModules")
    void aosEvaluatesLua(String file, Mode mode) {
        try (AoProcess process = start(file, mode)) {
            AoResult result = process.eval("return 1+1");
            assertTrue(result.ok(), result.json());
            assertEquals("2", result.output(), result.json());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("testModules")
    void testProcessesAnswerEveryMessageWithAPong(String file, Mode mode) {
        try (AoProcess process = start(file, mode)) {
            for (String code : new String[] {"return 1+1", "x = 1", "error('no')"}) {
                AoResult result = process.eval(code);
                assertTrue(result.ok(), result.json());
                assertEquals("sent pong reply", result.output(), result.json());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void laterMessagesSeeGlobalsSetByEarlierOnes(Mode mode) {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos.get(mode))) {
            assertEquals("", process.eval("x = 21").output());
            assertEquals("42", process.eval("return x * 2").output());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLuaErrorIsTheErrorOutputAndTheProcessKeepsWorking(Mode mode) {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos.get(mode))) {
            process.eval("x = 5");
            AoResult failed = process.eval("error('boom')");
            assertTrue(failed.error().orElseThrow().contains("boom"), failed.json());
            AoResult after = process.eval("return x + 1");
            assertTrue(after.error().isEmpty(), after.json());
            assertEquals("6", after.output());
        }
    }

    /** Every pair of modes: a snapshot carries the Lua state between interpreted and compiled processes alike. */
    static Stream<Arguments> modePairs() {
        return Stream.of(Mode.values()).flatMap(taken -> Stream.of(Mode.values()).map(restored -> Arguments.of(taken, restored)));
    }

    @ParameterizedTest(name = "taken {0}, restored {1}")
    @MethodSource("modePairs")
    void aRestoredSnapshotAnswersAsTheOriginalDoes(Mode taken, Mode restoredIn) {
        byte[] snapshot;
        String original;
        try (AoProcess process = AoProcess.builder().deterministic(1).start(aos.get(taken))) {
            process.eval("counter = 0");
            process.eval("counter = counter + 10");
            process.eval("function bump() counter = counter + 1; return counter end");
            snapshot = process.snapshot();
            original = process.eval("return bump() .. ':' .. ao.id").json();
        }
        try (AoProcess restored = AoProcess.builder().deterministic(1).start(aos.get(restoredIn))) {
            restored.restore(snapshot);
            AoResult result = restored.eval("return bump() .. ':' .. ao.id");
            assertEquals("11:AOS", result.output(), result.json());
            assertEquals(original, result.json());
        }
    }
}
