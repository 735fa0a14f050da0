package dev.beamr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BeamrCommandTest {
    private static final String FAC = Path.of(System.getProperty("beamr.examples", "../examples"))
            .resolve("fac.wasm").toString();

    record Result(int status, String out, String err) {}

    static Result beamr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BeamrCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
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
        Path module = Path.of(System.getProperty("beamr.shared", "../../shared"), "fixtures", "hyperbeam", "test-calling.wasm");
        assumeTrue(Files.isRegularFile(module), "the shared fixtures are absent: " + module);
        Result result = beamr("inspect", module.toString());
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
