package dev.beamr.engine;

import dev.beamr.BeamrException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineTest {
    private final Engine engine = new Engine();

    @Test
    void compilesInstantiatesAndInvokes() throws IOException {
        Instance instance = engine.instantiate(facadeModule(), ImportResolver.NONE);
        assertArrayEquals(new long[] {5}, Engine.invoke(instance, "add", 2, 3));
        assertEquals(-1, (int) Engine.invoke(instance, "add", 0x7fffffffL, 0x80000000L)[0]);
    }

    @Test
    void rejectsBytesThatAreNotWebAssembly() {
        assertThrows(MalformedModuleException.class, () -> Engine.compile("not wasm".getBytes()));
    }

    @Test
    void exportLookupSaysWhatIsMissing() throws IOException {
        Instance instance = engine.instantiate(facadeModule(), ImportResolver.NONE);
        BeamrException missing = assertThrows(BeamrException.class, () -> instance.exportedFunction("sub"));
        assertEquals("the instance has no export named \"sub\"", missing.getMessage());
        BeamrException notFunction = assertThrows(BeamrException.class, () -> Engine.invoke(instance, "memory"));
        assertEquals("export \"memory\" is a memory, not a function", notFunction.getMessage());
    }

    private static byte[] facadeModule() throws IOException {
        try (InputStream in = EngineTest.class.getResourceAsStream("/wasm/engine-facade.wasm")) {
            if (in == null) throw new IllegalStateException("missing /wasm/engine-facade.wasm; run scripts/build-test-modules.sh");
            return in.readAllBytes();
        }
    }
}
