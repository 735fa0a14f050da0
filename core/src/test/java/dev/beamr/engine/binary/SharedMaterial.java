package dev.beamr.engine.binary;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test material (spec suite, fixtures) beside the repository. */
final class SharedMaterial {
    private SharedMaterial() {}

    /** The folder {@code relative} inside the shared material; the calling test is skipped when it is absent. */
    static Path directory(String relative) {
        String shared = System.getProperty("beamr.shared", "../shared");
        Path directory = Path.of(shared).resolve(relative);
        Assumptions.assumeTrue(Files.isDirectory(directory),
                () -> "shared test material not found at " + directory.toAbsolutePath() + "; skipping");
        return directory;
    }
}
