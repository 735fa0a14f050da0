package dev.beamr.api;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Loads the modules the API tests run on: the project's own, and BEAMR's fixtures when present. */
final class TestModules {
    private TestModules() {}

    /** A module under a readable name; loading a missing shared fixture skips the test. */
    record Source(String name, Supplier<byte[]> loader) {
        byte[] bytes() {
            return loader.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A module built from {@code core/src/test/resources/wat/NAME.wat}. */
    static Source own(String name) {
        return new Source(name + ".wat", () -> resource(name));
    }

    /** A module of {@code ../shared/fixtures/hyperbeam/}. */
    static Source hyperbeam(String file) {
        return new Source("hyperbeam " + file, () -> fixture(file));
    }

    static byte[] resource(String name) {
        try (InputStream in = TestModules.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) throw new IllegalStateException("missing test module /wasm/" + name + ".wasm; run scripts/build-test-modules.sh");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fixture(String file) {
        String shared = System.getProperty("beamr.shared", "../shared");
        Path path = Path.of(shared, "fixtures", "hyperbeam", file);
        Assumptions.assumeTrue(Files.isRegularFile(path),
                "skipped: BEAMR fixture " + path + " is absent (the shared folder beside the project is not there)");
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
