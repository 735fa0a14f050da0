package dev.beamr.engine.runtime;

import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.testing.TestFiles;

/** Compiles the modules built from {@code src/test/resources/wat} by scripts/build-test-modules.sh. */
final class TestModules {
    private TestModules() {}

    static CompiledModule compile(String name) {
        return Engine.compile(TestFiles.module(name));
    }
}
