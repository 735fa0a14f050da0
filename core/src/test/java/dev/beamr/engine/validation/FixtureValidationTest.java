package dev.beamr.engine.validation;

import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real modules of the shared fixtures (AO Lua processes: memory64, legacy exceptions) validate into well-formed code. */
class FixtureValidationTest {

    @TestFactory
    Stream<DynamicTest> hyperbeamModulesValidate() throws IOException {
        Path fixtures = Path.of(System.getProperty("beamr.shared", "../shared")).resolve("fixtures/hyperbeam");
        Assumptions.assumeTrue(Files.isDirectory(fixtures),
                () -> "fixtures not found at " + fixtures.toAbsolutePath() + "; skipping");
        try (Stream<Path> files = Files.list(fixtures)) {
            return files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList().stream()
                    .map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () -> check(module)));
        }
    }

    private static void check(Path file) throws IOException {
        CompiledModule module = ModuleValidator.validate(ModuleDecoder.decode(Files.readAllBytes(file)));
        assertEquals(module.module().codes().size(), module.functions().length);
        for (CompiledFunction function : module.functions()) IrText.checkShape(function);
    }
}
