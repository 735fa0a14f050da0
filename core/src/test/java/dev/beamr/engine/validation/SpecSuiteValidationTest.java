package dev.beamr.engine.validation;

import dev.beamr.BeamrException;
import dev.beamr.InvalidModuleException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes and validates the official test suite's modules (from the shared material named by the
 * {@code beamr.shared} system property), SIMD scripts excepted: every module a script defines, links
 * or instantiates must validate, every {@code assert_invalid} module must be rejected, and every
 * binary {@code assert_malformed} module must be rejected by decoding or by validating its code.
 * The code of every valid module must be well-formed (see {@link IrText#checkShape}).
 */
class SpecSuiteValidationTest {
    private static final Pattern COMMAND = Pattern.compile(
            "\"type\": \"(module|assert_malformed|assert_invalid|assert_unlinkable|assert_uninstantiable)\""
                    + ".*?\"filename\": \"([^\"]+\\.wasm)\"(.*)");
    private static final Pattern EXPECTED_TEXT = Pattern.compile("\"text\": \"([^\"]*)\"");

    /**
     * Rejections the suite expects that the features in scope lift: multi-memory allows several
     * memories, and turns the reserved zero bytes of memory instructions into memory indices.
     */
    private static final List<String> LIFTED_BY_ENABLED_FEATURES =
            List.of("multiple memories", "zero byte expected", "zero flag expected");

    /** Per suite: modules that validated, invalid modules rejected, malformed modules rejected. */
    private static final Map<String, AtomicIntegerArray> COUNTS = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> specModulesValidateOrAreRejectedAsExpected() throws IOException {
        Path json = Path.of(System.getProperty("beamr.shared", "../shared")).resolve("spec/json");
        Assumptions.assumeTrue(Files.isDirectory(json),
                () -> "spec suite not found at " + json.toAbsolutePath() + "; skipping");
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(json, 3)) {
            scripts = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("simd_"))
                    .sorted().toList();
        }
        return scripts.stream().map(script -> DynamicTest.dynamicTest(json.relativize(script).toString(),
                () -> checkScript(json.relativize(script).getName(0).toString(), script)));
    }

    @AfterAll
    static void reportCounts() {
        COUNTS.forEach((suite, counts) -> System.out.printf(
                "validation of spec suite %s: %d modules valid, %d invalid rejected, %d malformed rejected%n",
                suite, counts.get(0), counts.get(1), counts.get(2)));
    }

    private static void checkScript(String suite, Path script) throws IOException {
        AtomicIntegerArray counts;
        synchronized (COUNTS) {
            counts = COUNTS.computeIfAbsent(suite, s -> new AtomicIntegerArray(3));
        }
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(script)) {
            Matcher command = COMMAND.matcher(line);
            if (!command.find()) continue;
            String kind = command.group(1);
            String rest = command.group(3);
            if (kind.equals("assert_malformed") && !rest.contains("\"module_type\": \"binary\"")) continue;
            String expected = expectedText(rest);
            if (LIFTED_BY_ENABLED_FEATURES.contains(expected)) continue;
            byte[] bytes = Files.readAllBytes(script.resolveSibling(command.group(2)));
            String failure = switch (kind) {
                case "assert_invalid" -> expectRejected(bytes, expected, InvalidModuleException.class, counts, 1);
                case "assert_malformed" -> expectRejected(bytes, expected, MalformedModuleException.class, counts, 2);
                default -> expectValid(bytes, counts);
            };
            if (failure != null) failures.add(command.group(2) + ": " + failure);
        }
        assertTrue(failures.isEmpty(), failures.size() + " modules misjudged:\n" + String.join("\n", failures));
    }

    private static String expectedText(String rest) {
        Matcher text = EXPECTED_TEXT.matcher(rest);
        return text.find() ? text.group(1) : "";
    }

    private static String expectValid(byte[] bytes, AtomicIntegerArray counts) {
        try {
            CompiledModule compiled = ModuleValidator.validate(ModuleDecoder.decode(bytes));
            for (CompiledFunction function : compiled.functions()) IrText.checkShape(function);
            counts.incrementAndGet(0);
            return null;
        } catch (BeamrException e) {
            return "should validate, but: " + e.getMessage();
        } catch (RuntimeException | AssertionError e) {
            return "should validate, but: " + e;
        }
    }

    /**
     * Either kind of rejection is accepted (some rules are checked by the decoder in one engine and
     * by validation in another), but an unexpected kind is reported when the message differs too.
     */
    private static String expectRejected(byte[] bytes, String expected, Class<? extends BeamrException> kind,
                                         AtomicIntegerArray counts, int counter) {
        try {
            ModuleValidator.validate(ModuleDecoder.decode(bytes));
            return "accepted, but expected \"" + expected + "\"";
        } catch (InvalidModuleException | MalformedModuleException e) {
            if (!kind.isInstance(e) && !e.getMessage().startsWith(expected)) {
                return "expected " + kind.getSimpleName() + " \"" + expected + "\", but: " + e.getMessage();
            }
            counts.incrementAndGet(counter);
            return null;
        } catch (RuntimeException e) {
            return "expected \"" + expected + "\", but crashed: " + e;
        }
    }
}
