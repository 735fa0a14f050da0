package dev.beamr.engine.runtime;

import dev.beamr.engine.Engine;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Wasm exceptions that cross a host function's frame, on host-rethrow.wat. */
class HostFrameExceptionTest {
    private static final FuncType NO_ARGS = new FuncType(new ValType[0], new ValType[0]);

    private final AtomicReference<Instance> self = new AtomicReference<>();
    private final Instance instance = new Engine().instantiate(TestModules.compile("host-rethrow"), (module, name) ->
            new HostFunctionInstance("call_back", NO_ARGS, (caller, args) -> {
                Engine.invoke(self.get(), "throw_oops", 42);
                return new long[0];
            }));

    HostFrameExceptionTest() {
        self.set(instance);
    }

    @Test
    void wasmCodeCatchesAnExceptionThrownThroughAHostFunction() {
        assertArrayEquals(new long[] {42}, Engine.invoke(instance, "catch_through_host"));
    }

    @Test
    void anUncaughtExceptionReachesTheHostWithItsTagAndPayload() {
        WasmExceptionPayload thrown = assertThrows(WasmExceptionPayload.class, () -> Engine.invoke(instance, "throw_oops", 7));
        assertSame(instance.tags()[0], thrown.tag());
        assertEquals(7, (int) thrown.values()[0]);
    }
}
