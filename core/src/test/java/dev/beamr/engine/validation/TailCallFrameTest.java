package dev.beamr.engine.validation;

import dev.beamr.engine.Engine;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tail call to a host function leaves the host's results in the caller's frame before they
 * become the caller's results, so the frame must have room for them even when the call takes no
 * arguments (module {@code tail-call-host}: {@code return_call} of a {@code () -> (i32, i32)} import).
 */
class TailCallFrameTest {
    private static final FuncType PAIR = new FuncType(new ValType[0], new ValType[] {ValType.I32, ValType.I32});

    @Test
    void theFrameHoldsTheTailCalledHostsResults() {
        byte[] module = TestFiles.module("tail-call-host");
        assertTrue(Engine.compile(module).functions()[0].frameSize() >= 2, "frame size");
        // A fresh interpreter's thread state has no slots to spare beyond the frames it was asked for.
        Engine engine = new Engine(new Interpreter(Interpreter.DEFAULT_MAX_CALL_DEPTH, Interpreter.DEFAULT_MAX_SLOTS), InstanceLimits.DEFAULT);
        Instance instance = engine.instantiate(module, (moduleName, name) ->
                new HostFunctionInstance("pair", PAIR, (caller, args) -> new long[] {7, 8}));
        assertArrayEquals(new long[] {7, 8}, Engine.invoke(instance, "tail_to_host"));
    }
}
