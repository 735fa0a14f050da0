package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the decoder over the official test suite's binary modules (from the shared material named
 * by the {@code beamr.shared} system property): every module the scripts define or expect to be
 * invalid, unlinkable or uninstantiable must decode, and every binary {@code assert_malformed}
 * module must fail with {@link MalformedModuleException}, except those
 * {@link #RESERVED_BYTES_NOW_INDICES} describes.
 */
class SpecSuiteDecodingTest {
    private static final Pattern COMMAND = Pattern.compile(
            "\"type\": \"(module|assert_malformed|assert_invalid|assert_unlinkable|assert_uninstantiable)\""
                    + ".*?\"filename\": \"([^\"]+\\.wasm)\"(.*)");
    private static final Pattern EXPECTED_TEXT = Pattern.compile("\"text\": \"([^\"]*)\"");

    /**
     * Expectations this engine's feature set overrides: these come from suites written before
     * multi-memory and reference types turned those reserved bytes into memory and table indices,
     * so the modules decode and validation rejects the index.
     */
    private static final List<String> RESERVED_BYTES_NOW_INDICES = List.of("zero byte expected", "zero flag expected");

    @TestFactory
    Stream<DynamicTest> everySpecScriptDecodesAsExpected() throws IOException {
        Path json = TestFiles.sharedDirectory("spec/json");
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(json, 3)) {
            scripts = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return scripts.stream().map(script ->
                DynamicTest.dynamicTest(json.relativize(script).toString(), () -> checkScript(script)));
    }

    private static void checkScript(Path script) throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(script)) {
            Matcher command = COMMAND.matcher(line);
            if (!command.find()) {
                continue;
            }
            Path module = script.resolveSibling(command.group(2));
            boolean malformed = command.group(1).equals("assert_malformed");
            if (malformed && !command.group(3).contains("\"module_type\": \"binary\"")) {
                continue;
            }
            checked++;
            String failure = malformed
                    ? expectMalformed(module, expectedText(command.group(3)))
                    : expectDecodes(module);
            if (failure != null) {
                failures.add(command.group(2) + ": " + failure);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " modules misdecoded:\n"
                + String.join("\n", failures));
    }

    private static String expectedText(String rest) {
        Matcher text = EXPECTED_TEXT.matcher(rest);
        return text.find() ? text.group(1) : "";
    }

    private static String expectDecodes(Path module) {
        try {
            ModuleDecoder.decode(Files.readAllBytes(module));
            return null;
        } catch (MalformedModuleException e) {
            return "should decode, but: " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expectMalformed(Path module, String expected) {
        try {
            ModuleDecoder.decode(Files.readAllBytes(module));
            return RESERVED_BYTES_NOW_INDICES.contains(expected) ? null : "decoded, but expected \"" + expected + "\"";
        } catch (MalformedModuleException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return "expected \"" + expected + "\", but threw " + e;
        }
    }
}
