package dev.beamr.engine.compiler;

import dev.beamr.Mode;
import dev.beamr.engine.Engine;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmExceptionPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Legacy exceptions (compiler-exceptions.wat) thrown and caught across compiled functions, interpreted
 * ones (those making a tail call) and a host function calling back in, with the same results in both
 * modes.
 */
class CompiledExceptionsTest {
    private static final FuncType I32_TO_NONE = new FuncType(new ValType[] {ValType.I32}, new ValType[0]);

    /** An instance whose {@code host.call_back(x)} calls the instance's own {@code throw_oops(x)}. */
    private static Instance start(Mode mode) {
        AtomicReference<Instance> self = new AtomicReference<>();
        Instance instance = Modes.instantiate("compiler-exceptions", mode, (module, name) ->
                new HostFunctionInstance("call_back", I32_TO_NONE, (caller, args) -> {
                    Engine.invoke(self.get(), "throw_oops", args[0]);
                    return null;
                }));
        self.set(instance);
        return instance;
    }

    private static long call(Instance instance, String export, long... args) {
        return Engine.invoke(instance, export, args)[0];
    }

    @Test
    void theCatchersMixCompiledAndInterpretedFunctions() {
        Instance instance = start(Mode.AOT);
        assertFalse(Modes.interpreted(instance, "catch_compiled"));
        assertFalse(Modes.interpreted(instance, "throw_oops"));
        assertTrue(Modes.interpreted(instance, "interpreted_catch"), "a function making a tail call is interpreted");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anExceptionIsCaughtAcrossCompiledInterpretedAndHostFrames(Mode mode) {
        Instance instance = start(mode);
        assertEquals(42, call(instance, "catch_compiled", 41));
        assertEquals(42, call(instance, "catch_through_interpreted", 41));
        assertEquals(42, call(instance, "catch_through_host", 41));
        assertEquals(42, call(instance, "interpreted_catch", 41));
        assertEquals(0, call(instance, "interpreted_catch", 0), "the tail call");
    }

    /** More catches than the call depth limit allows frames: unwinding must give back each thrower's frame. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void catchingGivesBackTheFramesOfFunctionsThatDidNotReturn(Mode mode) {
        assertEquals(150_000, call(start(mode), "catch_many", 150_000));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void handlersPickByTagAndReceiveEveryPayloadValue(Mode mode) {
        Instance instance = start(mode);
        assertEquals(99, call(instance, "catch_all_other", 1));
        assertEquals(70, call(instance, "catch_all_other", 0));
        assertEquals(5_000_000_006L, call(instance, "catch_pair", 5_000_000_000L, 6));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rethrowAndDelegateReachTheOuterHandler(Mode mode) {
        Instance instance = start(mode);
        assertEquals(40, call(instance, "rethrow", 4));
        assertEquals(1_004, call(instance, "delegate", 4));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUncaughtExceptionReachesTheHostWithItsTagAndPayload(Mode mode) {
        Instance instance = start(mode);
        WasmExceptionPayload thrown = assertThrows(WasmExceptionPayload.class, () -> Engine.invoke(instance, "throw_oops", 7));
        assertSame(instance.tags()[0], thrown.tag());
        assertEquals(7, thrown.values()[0]);
        assertEquals(8, call(instance, "catch_compiled", 7), "the instance still works");
    }
}
