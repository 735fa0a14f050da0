package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.beamr.engine.compiler.Modes.assertOutOfBounds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loops whose body is one byte store, fused with their step and test (STORE8_IMM_ADD_JUMP_IF_LT_S,
 * STORE8_IMM_STEP_ADD_JUMP_IF_LT_S) from compiler-loop-stores.wat and compiler-loop-stores64.wat: the
 * same bytes, results and traps in both modes.
 */
class CompiledLoopStoresTest {
    @BeforeAll
    static void everyFunctionIsCompiled() {
        for (String module : List.of("compiler-loop-stores", "compiler-loop-stores64")) {
            CompiledCode code = Modes.compile(module);
            assertEquals(code.functionCount(), code.compiledCount(), module);
        }
    }

    private static WasmInstance start(String module, Mode mode) {
        return Modes.start(module, mode, InstanceOptions.defaults());
    }

    private static int byteAt(WasmInstance instance, Number at) {
        return (int) instance.call("load8", List.of(at)).getFirst();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyStepthByteBelowTheLimitIsMarkedOnceTheLoopHasRunItsFirstRound(Mode mode) {
        try (WasmInstance instance = start("compiler-loop-stores", mode)) {
            // j = 100, 107, .. 198, stored at j + 16; the loop stops at 205.
            assertEquals(List.of(205), instance.call("mark", List.of(100, 200, 7)));
            for (int at = 110; at < 230; at++) {
                boolean marked = at >= 116 && at <= 214 && (at - 116) % 7 == 0;
                assertEquals(marked ? 7 : 0, byteAt(instance, at), "byte " + at);
            }
            // Reaching the limit exactly stops the loop: j = 2098 is not stored.
            assertEquals(List.of(2098), instance.call("mark", List.of(2000, 2098, 7)));
            assertEquals(List.of(7, 0), List.of(byteAt(instance, 2107), byteAt(instance, 2114)));
            // The test comes after the store: a start past the limit still marks one byte.
            assertEquals(List.of(305), instance.call("mark", List.of(300, 200, 5)));
            assertEquals(7, byteAt(instance, 316));
            // The i64 beside the index steps once per round: 15 rounds of 3.
            assertEquals(List.of(45L), instance.call("mark_counting", List.<Number>of(1000, 1100, 7, 3L)));
            assertEquals(List.of(9, 0, 9), List.of(byteAt(instance, 1016), byteAt(instance, 1017), byteAt(instance, 1023)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStoreOutOfBoundsTrapsAfterTheRoundsBeforeIt(Mode mode) {
        try (WasmInstance instance = start("compiler-loop-stores", mode)) {
            // Stores at 65526 and 65531, then 65536 is out of bounds.
            assertOutOfBounds(() -> instance.call("mark", List.of(65510, 70000, 5)));
            assertEquals(List.of(7, 7), List.of(byteAt(instance, 65526), byteAt(instance, 65531)));
            assertOutOfBounds(() -> instance.call("mark_counting", List.<Number>of(65515, 70000, 5, 1L)));
            assertEquals(9, byteAt(instance, 65531));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aMemory64PointerStepsBesideItsIndex(Mode mode) {
        try (WasmInstance instance = start("compiler-loop-stores64", mode)) {
            for (long at = 1000; at < 1050; at++) instance.call("store8", List.<Number>of(at, 1));
            // j = 3, 13, 23, 33, 43 cleared at 1000 + j; the pointer ends at 1053.
            assertEquals(List.of(1053L), instance.call("clear", List.<Number>of(1000L, 3, 50, 10)));
            for (long at = 1000; at < 1050; at++) {
                assertEquals((at - 1003) % 10 == 0 ? 0 : 1, byteAt(instance, at), "byte " + at);
            }
            instance.call("store8", List.<Number>of(65530L, 1));
            instance.call("store8", List.<Number>of(65534L, 1));
            // Clears 65530 and 65534, then 65538 is out of bounds.
            assertOutOfBounds(() -> instance.call("clear", List.<Number>of(65530L, 0, 20, 4)));
            assertEquals(List.of(0, 0), List.of(byteAt(instance, 65530L), byteAt(instance, 65534L)));
        }
    }
}
