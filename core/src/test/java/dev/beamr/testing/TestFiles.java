package dev.beamr.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files tests run on: the project's own test modules (test resources under {@code /wasm/}), and
 * the shared material beside the repository, which is optional, so a test needing it is skipped
 * when it is absent.
 */
public final class TestFiles {
    private TestFiles() {}

    /**
     * {@return the bytes of the test module {@code /wasm/NAME.wasm}, built from
     * {@code core/src/test/resources/wat/NAME.wat} or {@code core/src/test/c/NAME.c}}
     */
    public static byte[] module(String name) {
        String resource = "/wasm/" + name + ".wasm";
        try (InputStream in = TestFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test module " + resource
                        + "; run scripts/build-test-modules.sh (or scripts/build-c-modules.sh for C programs)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the shared material's folder: system property {@code beamr.shared}, by default {@code ../shared}} */
    public static Path shared() {
        return Path.of(System.getProperty("beamr.shared", "../shared"));
    }

    /** {@return the folder {@code relative} inside the shared material; the calling test is skipped when it is absent} */
    public static Path sharedDirectory(String relative) {
        Path directory = shared().resolve(relative);
        Assumptions.assumeTrue(Files.isDirectory(directory),
                () -> "skipped: shared test material not found at " + directory.toAbsolutePath());
        return directory;
    }

    /** {@return the path of {@code fixtures/hyperbeam/FILE} in the shared material; the calling test is skipped when it is absent} */
    public static Path hyperbeamFixture(String file) {
        Path path = shared().resolve("fixtures").resolve("hyperbeam").resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path),
                () -> "skipped: HyperBEAM fixture " + path.toAbsolutePath() + " is absent (the shared folder beside the project is not there)");
        return path;
    }

    /** {@return the bytes of {@link #hyperbeamFixture(String) hyperbeamFixture(file)}} */
    public static byte[] readHyperbeamFixture(String file) {
        Path path = hyperbeamFixture(file);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
