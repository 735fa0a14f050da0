package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.MemoryAccessException;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Memory growing under compiled code (compiler-memory.wat): compiled code keeps memory 0's segment
 * at hand, so after memory.grow, in the function itself, in a callee or in a host function, it
 * must reach the new pages.
 */
class CompiledMemoryTest {
    @BeforeAll
    static void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile("compiler-memory");
        assertEquals(code.functionCount(), code.compiledCount());
    }

    private static WasmInstance start(Mode mode, long maxPages) {
        InstanceOptions options = InstanceOptions.builder()
                .maxMemoryPages(maxPages)
                .hostFunction("env", "grow", call -> {
                    try {
                        return List.of((int) call.instance().memory().growPages((Integer) call.arguments().getFirst()));
                    } catch (MemoryAccessException cannotGrow) {
                        return List.of(-1);
                    }
                })
                .build();
        return Modes.start("compiler-memory", mode, options);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void codeReachesPagesGrownHereInACalleeAndInAHostFunction(Mode mode) {
        try (WasmInstance instance = start(mode, 100)) {
            assertEquals(List.of(7), instance.call("grow_here", List.of(1, 7)));
            assertEquals(List.of(8), instance.call("grow_in_callee", List.of(2, 8)));
            assertEquals(List.of(9), instance.call("grow_in_host", List.of(3, 9)));
            assertEquals(7L * 65_536, instance.memory().size());
            assertEquals(List.of(0 + 1 + 2 + 3 + 4), instance.call("grow_in_loop", List.of(5)));
            assertEquals(12, instance.memory().pages());
            assertEquals(List.of(4), instance.call("grow_in_host", List.of(0, 4)), "growing by nothing changes nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void growingPastTheLimitFailsAndLeavesTheMemoryAsItWas(Mode mode) {
        try (WasmInstance instance = start(mode, 4)) {
            assertEquals(List.of(-1), instance.call("grow_here", List.of(4, 1)));
            assertEquals(List.of(-1), instance.call("grow_in_callee", List.of(4, 1)));
            assertEquals(List.of(-1), instance.call("grow_in_host", List.of(4, 1)));
            assertEquals(List.of(5), instance.call("grow_here", List.of(3, 5)));
            assertEquals(4, instance.memory().pages());
        }
    }
}
