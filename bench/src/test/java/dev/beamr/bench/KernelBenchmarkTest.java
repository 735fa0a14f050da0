package dev.beamr.bench;

import dev.beamr.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelBenchmarkTest {
    private static final Path SHARED = Path.of(System.getProperty("beamr.shared", "../../shared"));

    @Test
    void optionsSelectKernelsBitsAndRuns() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--runs", "5", "--warmup", "0", "--kernel", "nbody,fib", "--bits", "64", "--no-node", "--shared", "/x"});
        assertEquals(5, options.runs());
        assertEquals(0, options.warmup());
        assertEquals(EnumSet.of(Kernel.FIB, Kernel.NBODY), options.kernels());
        assertEquals(List.of(64), options.bits());
        assertEquals(null, options.node());
        assertEquals(Path.of("/x/bench/kernels-wasm64.wasm"), options.module(64));
        assertEquals(1, options.forks());
        assertEquals(3, BenchOptions.parse(new String[] {"--forks", "3"}).forks());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--runs", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--kernel", "quake"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--bits", "16"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--warmup"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fast"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--forks", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--forks", "2", "--in-process"}));
    }

    @Test
    void checksumsCompareExactly() {
        assertTrue(Kernel.MATMUL.isExpected(Double.doubleToRawLongBits(12582399.625)));
        assertFalse(Kernel.NBODY.isExpected(Double.doubleToRawLongBits(Math.nextUp(0.3587824711040494))));
        // An i32 result may carry anything in the upper half of its slot.
        assertTrue(Kernel.HASH.isExpected(0xFFFF_FFFFL & -1858846410L));
        assertFalse(Kernel.SORT.isExpected(2156451383305L));
        assertEquals("-1858846410", Kernel.HASH.expected());
    }

    @Test
    void geometricMeanOfRatios() {
        assertEquals(4.0, KernelBenchmark.geometricMean(List.of(2.0, 8.0)), 1e-12);
        assertEquals(10.0, KernelBenchmark.geometricMean(List.of(10.0)), 1e-12);
    }

    @Test
    void nodeRunsKernelsAndReportsChecksums() throws IOException, InterruptedException {
        Path module = SHARED.resolve("bench/kernels-wasm32.wasm");
        assumeTrue(Files.isRegularFile(module), "the shared kernels are absent: " + module);
        assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not installed");
        Map<Kernel, Outcome> outcomes = new NodeRunner("node").run(module, 32, EnumSet.of(Kernel.HASH), 0, 1);
        Outcome.Timed hash = assertInstanceOf(Outcome.Timed.class, outcomes.get(Kernel.HASH));
        assertTrue(Kernel.HASH.isExpected(hash.resultBits()));
    }

    @Test
    void missingNodeFailsEveryKernelWithTheReason() {
        Map<Kernel, Outcome> outcomes = new NodeRunner("/nonexistent/node")
                .run(Path.of("kernels.wasm"), 32, EnumSet.of(Kernel.FIB, Kernel.SORT), 0, 1);
        for (Kernel kernel : List.of(Kernel.FIB, Kernel.SORT)) {
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcomes.get(kernel));
            assertTrue(failed.reason().contains("cannot run '/nonexistent/node'"), failed.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void beamrRunsKernelsOfBothBuildsWithCorrectChecksums(Mode mode) {
        assumeTrue(Files.isRegularFile(SHARED.resolve("bench/kernels-wasm64.wasm")), "the shared kernels are absent");
        BenchOptions options = new BenchOptions(0, 1, EnumSet.of(Kernel.MEMCOPY, Kernel.HASH), List.of(32, 64), SHARED, null, mode, false, 1);
        String printed = runPassing(options);
        assertTrue(printed.lines().anyMatch(line -> line.matches("memcopy +32 +[0-9.]+ +- +-")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("memcopy +64 +[0-9.]+ +- +-")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("hash +64 +[0-9.]+ +- +-")), printed);
        assertEquals("geomean ratio -", printed.lines().toList().getLast());
    }

    @Test
    void eachKernelCanRunInAJvmOfItsOwn() {
        assumeTrue(Files.isRegularFile(SHARED.resolve("bench/kernels-wasm32.wasm")), "the shared kernels are absent");
        BenchOptions options = new BenchOptions(0, 1, EnumSet.of(Kernel.MEMCOPY, Kernel.FIB), List.of(32), SHARED, null, Mode.AOT, true, 1);
        String printed = runPassing(options);
        assertTrue(printed.lines().anyMatch(line -> line.matches("memcopy +32 +[0-9.]+ +- +-")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("fib +32 +[0-9.]+ +- +-")), printed);
    }

    @Test
    void severalJvmsPerKernelReportTheBestAndListEach() {
        assumeTrue(Files.isRegularFile(SHARED.resolve("bench/kernels-wasm32.wasm")), "the shared kernels are absent");
        BenchOptions options = new BenchOptions(0, 1, EnumSet.of(Kernel.MEMCOPY), List.of(32), SHARED, null, Mode.WASM, true, 2);
        String printed = runPassing(options);
        String perJvm = printed.lines().filter(line -> line.startsWith("# memcopy 32: best per JVM ")).findFirst().orElseThrow();
        double[] bests = Arrays.stream(perJvm.substring("# memcopy 32: best per JVM ".length()).split(" "))
                .mapToDouble(Double::parseDouble).toArray();
        assertEquals(2, bests.length, printed);
        assertTrue(bests[0] <= bests[1], printed);
        String row = printed.lines().filter(line -> line.startsWith("memcopy")).findFirst().orElseThrow();
        assertEquals(String.format(Locale.ROOT, "%.1f", bests[0]), row.split(" +")[2], "the row reports the best of both");
    }

    /** Runs the harness with {@code options}, requires every checksum to be right and returns what it printed. */
    private static String runPassing(BenchOptions options) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        boolean passed = new KernelBenchmark(options, new PrintStream(output, true, StandardCharsets.UTF_8)).run();
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(passed, printed);
        return printed;
    }
}
