package dev.beamr.engine.binary;

import dev.beamr.engine.model.WasmModule;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Real modules (AO processes built with emscripten: memory64, legacy exceptions) must decode. */
class HyperbeamFixturesDecodingTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureDecodes() throws IOException {
        Path fixtures = TestFiles.sharedDirectory("fixtures/hyperbeam");
        List<Path> modules;
        try (Stream<Path> files = Files.list(fixtures)) {
            modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertFalse(modules.isEmpty(), "no .wasm fixtures in " + fixtures);
        return modules.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            WasmModule module = ModuleDecoder.decode(Files.readAllBytes(path));
            assertEquals(module.functionTypes().length, module.codes().size());
            assertFalse(module.codes().isEmpty(), "a fixture without code");
        }));
    }
}
