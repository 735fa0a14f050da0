package dev.beamr.bench;

import dev.beamr.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmarks measure calls that compute the right answers, in both modes. */
class CallOverheadBenchmarkTest {
    private final CallOverheadBenchmark benchmark = new CallOverheadBenchmark();

    private void start(Mode mode) {
        benchmark.mode = mode;
        benchmark.start();
    }

    @AfterEach
    void stop() {
        benchmark.stop();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void facCallsReturnOneHundredTwenty(Mode mode) {
        start(mode);
        assertEquals(List.of(120.0), benchmark.facOnCallerThread());
        assertEquals(List.of(120.0), benchmark.facAsync());
        assertArrayEquals(new long[] {Double.doubleToRawLongBits(120.0)}, benchmark.facRawEngine());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void powCallsGoThroughTheJavaMultiplication(Mode mode) {
        start(mode);
        assertEquals(List.of(3), benchmark.powThroughJavaImport());
        assertArrayEquals(new long[] {3}, benchmark.powThroughJavaImportRawEngine());
    }
}
