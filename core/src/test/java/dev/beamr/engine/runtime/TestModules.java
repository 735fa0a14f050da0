package dev.beamr.engine.runtime;

import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads and compiles the modules built from {@code src/test/resources/wat} by scripts/build-test-modules.sh. */
final class TestModules {
    private TestModules() {}

    static CompiledModule compile(String name) {
        String resource = "/wasm/" + name + ".wasm";
        try (InputStream in = TestModules.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test module " + resource + "; run scripts/build-test-modules.sh");
            return Engine.compile(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
