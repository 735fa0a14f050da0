package dev.beamr.engine.interpreter;

import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the shared benchmark kernels (real clang output, 32-bit and memory64) through the interpreter. */
class KernelTest {

    private static Instance kernels(String bits) throws IOException {
        Path file = Path.of(System.getProperty("beamr.shared", "../shared"), "bench", "kernels-" + bits + ".wasm");
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared benchmark kernels not found at " + file);
        return new Engine().instantiate(Files.readAllBytes(file), ImportResolver.NONE);
    }

    /** The kernels quick enough to run at their published arguments give the published checksums. */
    @ParameterizedTest
    @ValueSource(strings = {"fib", "matmul", "memcopy"})
    void publishedChecksums(String kernel) throws IOException {
        for (String bits : new String[] {"wasm32", "wasm64"}) {
            long result = kernels(bits).exportedFunction(kernel).call(Kernels.argument(kernel))[0];
            assertEquals(Kernels.expected(kernel), Kernels.format(kernel, result), bits + " " + kernel);
        }
    }

    /** The slower kernels, at small arguments: the 32-bit and memory64 builds must agree. */
    @ParameterizedTest
    @CsvSource({"sieve, 100000", "hash, 2", "sort, 20000", "nbody, 20000"})
    void memory64AgreesWithWasm32(String kernel, int argument) throws IOException {
        long narrow = kernels("wasm32").exportedFunction(kernel).call(argument)[0];
        long wide = kernels("wasm64").exportedFunction(kernel).call(argument)[0];
        assertEquals(Kernels.format(kernel, narrow), Kernels.format(kernel, wide), kernel);
    }
}
