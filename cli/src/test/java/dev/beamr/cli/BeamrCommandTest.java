package dev.beamr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BeamrCommandTest {
    static final String FAC = Path.of(System.getProperty("beamr.examples", "../examples")).resolve("fac.wasm").toString();
    static final String HELLO = Path.of(System.getProperty("beamr.examples", "../examples")).resolve("hello.wasm").toString();
    static final Path TEST_MODULES = Path.of(System.getProperty("beamr.testModules", "../core/src/test/resources/wasm"));

    record Result(int status, String out, String err) {}

    static Result beamr(String... args) {
        return beamrWithInput("", args);
    }

    /** Runs the command line with {@code stdin} as its input, capturing what it writes. */
    static Result beamrWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int status = BeamrCommand.run(args, terminal);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A fixture of ../shared/fixtures/hyperbeam; the test is skipped when the shared material is absent. */
    static String hyperbeamFixture(String name) {
        Path module = Path.of(System.getProperty("beamr.shared", "../../shared"), "fixtures", "hyperbeam", name);
        assumeTrue(Files.isRegularFile(module), "the shared fixtures are absent: " + module);
        return module.toString();
    }

    /** A failure is exactly one line on stderr, exit status 1, nothing on stdout. */
    static void assertOneLineError(Result result, String... fragments) {
        assertAll(
                () -> assertEquals(1, result.status(), result.err()),
                () -> assertEquals("", result.out()),
                () -> assertEquals(1, result.err().lines().count(), result.err()),
                () -> assertTrue(result.err().startsWith("beamr: "), result.err()));
        for (String fragment : fragments) assertTrue(result.err().contains(fragment), result.err());
    }

    @Test
    void invokePrintsIntegralFloatResultWithoutFraction() {
        Result result = beamr("invoke", FAC, "fac", "5");
        assertEquals(0, result.status(), result.err());
        assertEquals("f64 120\n", result.out());
    }

    @Test
    void invokeParsesArgumentsByParameterType() {
        assertEquals("i32 6765\n", beamr("invoke", FAC, "fib", "20").out());
        assertEquals("f64 1\n", beamr("invoke", FAC, "fac", "-3").out());
        assertEquals("f64 3628800\n", beamr("invoke", FAC, "fac", "10.0").out());
    }

    @Test
    void negativeIntegerArgumentIsAValueNotAnOption() {
        Result result = beamr("invoke", FAC, "fib", "-4");
        assertEquals(0, result.status(), result.err());
        assertEquals("i32 -4\n", result.out());
    }

    @Test
    void wrongArgumentCountNamesTheSignature() {
        assertOneLineError(beamr("invoke", FAC, "fac"), "fac (f64) -> (f64) takes 1 argument, got 0");
    }

    @Test
    void argumentOfWrongFormIsRejected() {
        assertOneLineError(beamr("invoke", FAC, "fib", "2.5"), "argument 1 of fib", "'2.5' is not a decimal i32");
    }

    @Test
    void missingExportListsTheExportedFunctions() {
        assertOneLineError(beamr("invoke", FAC, "nope"), "no export named 'nope'", "fac, fib");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.wasm");
        assertOneLineError(beamr("invoke", missing.toString(), "f"), missing + ": no such file");
    }

    @Test
    void malformedModuleSaysWhereDecodingFailed(@TempDir Path dir) throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.wasm"), new byte[] {0, 'a', 's', 'x', 1, 0, 0, 0});
        assertOneLineError(beamr("inspect", garbage.toString()), garbage + ": malformed module: ", "byte offset");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.wasm"), new byte[] {1, 2, 3});
        Result result = beamr("invoke", "--verbose", garbage.toString(), "f");
        assertEquals(1, result.status());
        assertTrue(result.err().lines().count() > 1, result.err());
        assertTrue(result.err().contains("MalformedModuleException"), result.err());
    }

    @Test
    void usageErrorIsOneLine() {
        assertOneLineError(beamr("invoke"), "Missing required parameter", "beamr invoke --help");
    }

    @Test
    void aotModeInvokesBeforeOrAfterTheSubcommand() {
        assertEquals("f64 120\n", beamr("--mode", "aot", "invoke", FAC, "fac", "5").out());
        assertEquals("i32 6765\n", beamr("invoke", "--mode=AOT", FAC, "fib", "20").out());
        assertEquals("f64 120\n", beamr("--mode", "wasm", "invoke", FAC, "fac", "5").out());
    }

    @Test
    void aotModeRunsAWasiProgram() {
        Result result = beamr("--mode", "aot", "run", HELLO, "Ann", "Bob");
        assertEquals(2, result.status(), result.err());
        assertEquals("Hello, Ann!\nHello, Bob!\n", result.out());
    }

    @Test
    void aotModeHonoursTheLimits() {
        assertOneLineError(beamr("--mode", "aot", "--timeout", "50ms", "invoke", FAC, "fib", "45"), FAC + ": stopped: deadline exceeded");
        assertOneLineError(beamr("--mode", "aot", "--fuel", "100", "invoke", FAC, "fib", "20"), FAC + ": stopped: fuel exhausted");
    }

    @Test
    void aotModeEvaluatesInAnAoProcess() {
        Result result = beamr("--mode", "aot", "aos", hyperbeamFixture("aos-2-pure-xs.wasm"), "--eval", "return 1+1");
        assertEquals(0, result.status(), result.err());
        assertEquals("2\n", result.out());
    }

    @Test
    void unknownModeIsAUsageError() {
        assertOneLineError(beamr("--mode", "jit", "invoke", FAC, "fac", "5"), "--mode", "jit");
    }

    @Test
    void invokeAnswersWasiImportsOnTheTerminalAndPassesAnExitThrough() {
        Result result = beamr("invoke", TEST_MODULES.resolve("wasi_demo.wasm").toString(), "_start");
        // Without a preopened /data the program prints its greeting, then exits with 100.
        assertEquals(100, result.status(), result.err());
        assertTrue(result.out().startsWith("hello from wasi\nargc=1\n"), result.out());
        assertTrue(result.err().contains("open /data/input.txt"), result.err());
    }

    @Test
    void runPassesArgumentsEnvironmentStdinAndDirectoryAndTheExitCode(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("input.txt"), "some input\n");
        Files.createDirectories(data.resolve("nested"));
        Files.writeString(data.resolve("nested/inner.txt"), "inner");
        String program = TEST_MODULES.resolve("wasi_demo.wasm").toString();
        Result result = beamrWithInput("typed line\n", "run", "--env", "GREETING=hi", "--env", "EXIT_CODE=7",
                "--dir", data + ":/data", program, "first", "--second");
        assertEquals(7, result.status(), result.err());
        assertTrue(result.out().startsWith(String.join("\n", "hello from wasi", "argc=3", "argv[0]=" + program,
                "argv[1]=first", "argv[2]=--second", "GREETING=hi", "stdin: typed line",
                "input.txt (11 bytes): some input", "report.txt size=14", "entry: input.txt", "entry: nested",
                "entry: out", "missing.txt: No such file or directory", "")), result.out());
        assertEquals("done\n", result.err());
        // The program's writes stay in the virtual file system.
        assertTrue(Files.notExists(data.resolve("out")));
    }

    @Test
    void runPassesTheExampleProgramsExitCode() {
        Result result = beamr("run", HELLO, "Ann", "Bob");
        assertEquals(2, result.status(), result.err());
        assertEquals("Hello, Ann!\nHello, Bob!\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void runWiresStdinToTheProgram() {
        Result result = beamrWithInput("one\ntwo\nthree\n", "run", HELLO, "--count-stdin");
        assertEquals(0, result.status(), result.err());
        assertEquals("3 lines on stdin\n", result.out());
    }

    @Test
    void runGivesAMemory64ProgramItsArgumentsEnvironmentAndDirectory(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("input.txt"), "sixty-four\n");
        String program = TEST_MODULES.resolve("wasi_demo64.wasm").toString();
        Result result = beamr("run", "--env", "GREETING=hi", "--dir", data.toString(), program, "5");
        assertEquals(5, result.status(), result.err());
        assertEquals("arg: " + program + "\narg: 5\nenv: GREETING=hi\nfile: sixty-four\n", result.out());
    }

    @Test
    void runNeedsAStartExport() {
        assertOneLineError(beamr("run", FAC), "no export named '_start'");
    }

    @Test
    void runRejectsAMissingHostDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("absent");
        assertOneLineError(beamr("run", "--dir", missing + ":/data", TEST_MODULES.resolve("wasi_demo.wasm").toString()),
                "--dir " + missing + ": not a directory");
    }

    @Test
    void fuelStopsACallThatRunsOutOfIt() {
        assertOneLineError(beamr("--fuel", "1000", "invoke", FAC, "fib", "25"), FAC + ": stopped: fuel exhausted");
        assertEquals("i32 55\n", beamr("invoke", "--fuel", "1000000", FAC, "fib", "10").out());
    }

    @Test
    void negativeFuelIsRefused() {
        assertOneLineError(beamr("--fuel", "-1", "invoke", FAC, "fib", "1"), "--fuel must not be negative");
    }

    @Test
    void timeoutStopsALongCall() {
        assertOneLineError(beamr("--timeout", "50ms", "invoke", FAC, "fib", "45"), FAC + ": stopped: deadline exceeded");
    }

    @Test
    void fuelLimitsAnAoProcess() {
        String echo = TEST_MODULES.resolve("ao-echo.wasm").toString();
        assertOneLineError(beamr("--fuel", "0", "aos", echo, "--eval", "ping"), echo + ": stopped: fuel exhausted");
        assertEquals("pong\n", beamr("aos", "--fuel", "1000", echo, "--eval", "ping").out());
        assertOneLineError(beamr("--fuel", "-1", "aos", echo, "--eval", "ping"), "--fuel must not be negative");
    }

    @Test
    void timeoutStopsAnAoProcessThatLoops() {
        String aos = hyperbeamFixture("aos-2-pure-xs.wasm");
        assertOneLineError(beamr("--timeout", "2s", "aos", aos, "--eval", "while true do end"), aos + ": stopped: deadline exceeded");
    }

    @Test
    void timeoutNeedsADuration() {
        assertOneLineError(beamr("--timeout", "soon", "invoke", FAC, "fac", "5"), "'soon' is not a duration");
    }

    @Test
    void aosIsRefusedForAModuleWithoutHandle() {
        assertOneLineError(beamr("aos", FAC, "--eval", "return 1"), "not an AO process", "handle");
    }

    @Test
    void aosPrintsTheOutputOfEachLineOfTheProjectsEchoProcess() {
        Result result = beamrWithInput("ping\n\nping again\n", "aos", TEST_MODULES.resolve("ao-echo.wasm").toString());
        assertEquals(0, result.status(), result.err());
        assertEquals("pong\npong\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void aosEvaluatesOnce() {
        Result result = beamr("aos", hyperbeamFixture("aos-2-pure-xs.wasm"), "--eval", "return 1+1");
        assertEquals(0, result.status(), result.err());
        assertEquals("2\n", result.out());
    }

    @Test
    void aosPromptKeepsStateAndGoesOnAfterALuaError() {
        Result result = beamrWithInput("x = 21\nerror('boom')\n\nreturn x * 2\n", "aos", hyperbeamFixture("aos-2-pure-xs.wasm"));
        assertEquals(0, result.status(), result.err());
        assertEquals("42\n", result.out().lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("") + "\n");
        assertTrue(result.err().contains("boom"), result.err());
    }

    @Test
    void aosEvalReportsALuaErrorWithFailureStatus() {
        Result result = beamr("aos", hyperbeamFixture("aos-2-pure-xs.wasm"), "--eval", "error('boom')");
        assertEquals(1, result.status(), result.out());
        assertTrue(result.err().contains("boom"), result.err());
    }

    @Test
    void invokeRunsTheHyperbeamFactorial() {
        assertEquals("f64 120\n", beamr("invoke", hyperbeamFixture("test.wasm"), "fac", "5").out());
    }

    @Test
    void inspectListsExportsWithSignaturesAndCustomSections() {
        Result result = beamr("inspect", FAC);
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("imports: 0\n"), result.out());
        assertTrue(result.out().contains("  func fac (f64) -> (f64)\n"), result.out());
        assertTrue(result.out().contains("  func fib (i32) -> (i32)\n"), result.out());
        assertTrue(result.out().contains("memories: 0\n"), result.out());
        assertTrue(result.out().contains("  name ("), result.out());
    }

    @Test
    void inspectShowsImportsAndMemory64Limits() {
        Result result = beamr("inspect", hyperbeamFixture("test-calling.wasm"));
        assertEquals(0, result.status(), result.err());
        assertEquals(List.of(
                "imports: 2",
                "  func wasi_snapshot_preview1.proc_exit (i32) -> ()",
                "  func wasi_snapshot_preview1.fd_write (i32 i64 i64 i64) -> (i32)",
                "exports: 6",
                "  memory memory i64 pages min=258 max=258",
                "  func print_args (i64 i64) -> ()"), result.out().lines().skip(2).limit(6).toList());
        assertTrue(result.out().contains("  table __indirect_function_table funcref min=7 max=7\n"), result.out());
        assertTrue(result.out().contains("memories: 1\n  0 i64 pages min=258 max=258\n"), result.out());
        assertTrue(result.out().endsWith("custom sections: 1\n  target_features (67 bytes)\n"), result.out());
    }
}
