package dev.beamr.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmarks measure calls that compute the right answers. */
class CallOverheadBenchmarkTest {
    private final CallOverheadBenchmark benchmark = new CallOverheadBenchmark();

    @BeforeEach
    void start() {
        benchmark.start();
    }

    @AfterEach
    void stop() {
        benchmark.stop();
    }

    @Test
    void facCallsReturnOneHundredTwenty() {
        assertEquals(List.of(120.0), benchmark.facOnCallerThread());
        assertEquals(List.of(120.0), benchmark.facAsync());
        assertArrayEquals(new long[] {Double.doubleToRawLongBits(120.0)}, benchmark.facRawEngine());
    }

    @Test
    void powCallsGoThroughTheJavaMultiplication() {
        assertEquals(List.of(3), benchmark.powThroughJavaImport());
        assertArrayEquals(new long[] {3}, benchmark.powThroughJavaImportRawEngine());
    }
}
