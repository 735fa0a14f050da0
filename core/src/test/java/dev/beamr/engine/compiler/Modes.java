package dev.beamr.engine.compiler;

import dev.beamr.Beamr;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.runtime.WasmFunction;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs the compiler tests' modules (test modules {@code compiler-*} and others) in either mode,
 * through the public API or the engine, so that each test can compare compiled code with the
 * interpreter.
 */
final class Modes {
    private Modes() {}

    static WasmInstance start(String module, Mode mode, InstanceOptions options) {
        return Beamr.compile(TestFiles.module(module), mode).start(options);
    }

    /** An engine running code as {@code mode} does: interpreted, or compiled per module. */
    static Engine engine(Mode mode) {
        return mode == Mode.AOT ? Engine.compiling(InstanceLimits.DEFAULT) : new Engine();
    }

    static Instance instantiate(String module, Mode mode, ImportResolver imports) {
        return engine(mode).instantiate(TestFiles.module(module), imports);
    }

    /** Test module {@code module} compiled to JVM bytecode on its own. */
    static CompiledCode compile(String module) {
        return ModuleCompiler.compile(Engine.compile(TestFiles.module(module)));
    }

    static boolean interpreted(Instance instance, String export) {
        FunctionInstance function = instance.exportedFunction(export);
        return ((WasmFunction) function).interpreted();
    }

    /** Asserts that {@code call} traps with an out-of-bounds memory access. */
    static void assertOutOfBounds(Executable call) {
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, assertThrows(TrapException.class, call).kind());
    }
}
