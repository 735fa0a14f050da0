package dev.beamr.emscripten;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the emscripten tests' modules: the project's own, and HyperBEAM's fixtures when present. */
final class TestModules {
    private TestModules() {}

    /** The module built from {@code core/src/test/resources/wat/NAME.wat}. */
    static byte[] resource(String name) {
        try (InputStream in = TestModules.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) throw new IllegalStateException("missing test module /wasm/" + name + ".wasm; run scripts/build-test-modules.sh");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared/fixtures/hyperbeam/FILE}; the test is skipped when the shared folder is absent. */
    static byte[] fixture(String file) {
        Path path = Path.of(System.getProperty("beamr.shared", "../shared"), "fixtures", "hyperbeam", file);
        Assumptions.assumeTrue(Files.isRegularFile(path), () -> "skipped: HyperBEAM fixture " + path + " is absent");
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
