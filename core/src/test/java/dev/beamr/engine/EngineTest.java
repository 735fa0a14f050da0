package dev.beamr.engine;

import dev.beamr.BeamrException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineTest {
    private final Engine engine = new Engine();

    @Test
    void compilesInstantiatesAndInvokes() {
        Instance instance = engine.instantiate(TestFiles.module("engine-facade"), ImportResolver.NONE);
        assertArrayEquals(new long[] {5}, Engine.invoke(instance, "add", 2, 3));
        assertEquals(-1, (int) Engine.invoke(instance, "add", 0x7fffffffL, 0x80000000L)[0]);
    }

    @Test
    void rejectsBytesThatAreNotWebAssembly() {
        assertThrows(MalformedModuleException.class, () -> Engine.compile("not wasm".getBytes()));
    }

    @Test
    void exportLookupSaysWhatIsMissing() {
        Instance instance = engine.instantiate(TestFiles.module("engine-facade"), ImportResolver.NONE);
        BeamrException missing = assertThrows(BeamrException.class, () -> instance.exportedFunction("sub"));
        assertEquals("the instance has no export named \"sub\"", missing.getMessage());
        BeamrException notFunction = assertThrows(BeamrException.class, () -> Engine.invoke(instance, "memory"));
        assertEquals("export \"memory\" is a memory, not a function", notFunction.getMessage());
    }
}
