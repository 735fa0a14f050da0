package dev.beamr.spec;

import dev.beamr.testing.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the suite's scripts in the shared folder: {@code spec/json/SUITE/NAME/NAME.json}. The
 * {@code core/simd_*} scripts form their own suite, {@value #SIMD}, since SIMD does not execute.
 */
final class SpecSuites {
    static final String SIMD = "simd";

    /** Reporting order; a folder not listed here is reported after these. */
    private static final List<String> ORDER =
            List.of("core", "memory64", "exception-handling", "tail-call", "extended-const", "multi-memory", SIMD);

    private SpecSuites() {}

    static Path jsonRoot() {
        return TestFiles.shared().resolve("spec").resolve("json");
    }

    /** How long one command may run before it is reported as hanging: {@code beamr.spec.timeoutSeconds}, by default 60. */
    static Duration commandTimeout() {
        return Duration.ofSeconds(Long.getLong("beamr.spec.timeoutSeconds", 60));
    }

    /** Every script under {@code root}, grouped by suite in reporting order, each suite's scripts by name. */
    static Map<String, List<SpecScript>> discover(Path root) throws IOException {
        Map<String, List<SpecScript>> bySuite = new LinkedHashMap<>();
        for (String suite : ORDER) bySuite.put(suite, new ArrayList<>());
        for (Path suiteFolder : sortedFolders(root)) {
            String folderName = suiteFolder.getFileName().toString();
            for (Path scriptFolder : sortedFolders(suiteFolder)) {
                String name = scriptFolder.getFileName().toString();
                String suite = folderName.equals("core") && name.startsWith("simd_") ? SIMD : folderName;
                bySuite.computeIfAbsent(suite, s -> new ArrayList<>())
                        .add(new SpecScript(suite, name, scriptFolder.resolve(name + ".json")));
            }
        }
        bySuite.values().removeIf(List::isEmpty);
        return bySuite;
    }

    /** Whether a command-line filter (a suite, a script name, or {@code suite/script}) selects the script. */
    static boolean selects(String filter, SpecScript script) {
        return filter == null || filter.equals(script.suite()) || filter.equals(script.name()) || filter.equals(script.id());
    }

    private static List<Path> sortedFolders(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }
}
