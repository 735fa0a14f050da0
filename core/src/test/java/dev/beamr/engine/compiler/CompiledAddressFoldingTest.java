package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Op;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sums of a constant that serve only as addresses or are copied, folded into their readers by
 * validation's AddressFolding, and sums that must stay, from compiler-address-folding.wat (32-bit
 * memory) and compiler-address-folding64.wat (memory64): the results and traps wasm gives them, in
 * both modes.
 */
class CompiledAddressFoldingTest {
    private static final String MEMORY32 = "compiler-address-folding";
    private static final String MEMORY64 = "compiler-address-folding64";

    static Stream<Arguments> modesAndMemories() {
        return Stream.of(Mode.values()).flatMap(mode -> Stream.of(MEMORY32, MEMORY64).map(module -> Arguments.of(mode, module)));
    }

    private static WasmInstance start(String module, Mode mode) {
        return Modes.start(module, mode, InstanceOptions.defaults());
    }

    /** An address operand in the width of the module's memory. */
    private static Number address(String module, long value) {
        return module.equals(MEMORY64) ? (Number) value : (Number) (int) value;
    }

    private static void assertOutOfBounds(WasmInstance instance, String export, List<Number> args, String module) {
        TrapException trap = assertThrows(TrapException.class, () -> instance.call(export, args), module);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind(), module);
    }

    /** How many additions of a constant the function's code still computes, besides a loop's counter steps. */
    private static long additions(String module, String function) {
        CompiledFunction compiled = Arrays.stream(Engine.compile(TestFiles.module(module)).functions())
                .filter(f -> f.name().equals(function)).findFirst().orElseThrow();
        int[] code = compiled.code();
        long count = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            count += switch (code[pc]) {
                case Op.I32_ADD_IMM, Op.I64_ADD_IMM, Op.I32_STEP_JUMP_IF, Op.I64_STEP_JUMP_IF -> 1;
                case Op.I32_STEP_2_JUMP_IF_NE, Op.I64_STEP_2_JUMP_IF_NE -> 2;
                default -> 0;
            };
        }
        return count;
    }

    @Test
    void everyFunctionIsCompiled() {
        for (String module : List.of(MEMORY32, MEMORY64)) {
            CompiledCode code = Modes.compile(module);
            assertEquals(code.functionCount(), code.compiledCount(), module);
        }
    }

    @Test
    void theSumsThatOnlyAddressOrAreCopiedAreFoldedAndTheOthersStay() {
        for (String module : List.of(MEMORY32, MEMORY64)) {
            assertEquals(0, additions(module, "store_past_wrap"), module);
            assertEquals(0, additions(module, "axpy_pair"), module);
            assertEquals(0, additions(module, "bump_then_reset"), module);
            // The copy that steps the pointer has become the loop's one addition.
            assertEquals(1, additions(module, "step_by_copy"), module);
            assertEquals(1, additions(module, "operand_changes"), module);
            assertEquals(1, additions(module, "sum_across_loop"), module);
            assertEquals(1, additions(module, "sum_kept"), module);
            assertEquals(1, additions(module, "sum_after_branch"), module);
            assertEquals(1, additions(module, "sum_after_operand_changes"), module);
            assertEquals(1, additions(module, "sum_from_last_turn"), module);
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndMemories")
    void aFoldedAddressWrapsAsTheAdditionDidAndTrapsPastTheEnd(Mode mode, String module) {
        try (WasmInstance instance = start(module, mode)) {
            assertEquals(List.of(77), instance.call("store_past_wrap", List.<Number>of(address(module, -8), 77)), module);
            assertOutOfBounds(instance, "store_past_wrap", List.<Number>of(address(module, 65536 - 16), 1), module);
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndMemories")
    void anAddressKeptByLocalTeeAddressesBothTheLoadAndTheStore(Mode mode, String module) {
        try (WasmInstance instance = start(module, mode)) {
            // (10 + 2 * 1.5) + (20 + 2 * 2.5)
            assertEquals(List.of(38.0), instance.call("axpy_pair", List.<Number>of(address(module, 100), address(module, 200), 2.0)), module);
            // The second pair's address, p + 8, is the memory's end.
            assertOutOfBounds(instance, "axpy_pair", List.<Number>of(address(module, 65536 - 8), address(module, 200), 2.0), module);
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndMemories")
    void aPointerSteppedByCopyingItsSumVisitsEachElement(Mode mode, String module) {
        try (WasmInstance instance = start(module, mode)) {
            // The i32s at 8, 16 and 24 are 3, 5 and 7; the pointer ends at 24.
            assertEquals(List.of(address(module, 15 + 24)), instance.call("step_by_copy", List.<Number>of(address(module, 0), 3)), module);
            assertEquals(List.of(address(module, 209)), instance.call("bump_then_reset", List.of(address(module, 200), address(module, 200))), module);
        }
    }

    @ParameterizedTest
    @MethodSource("modesAndMemories")
    void aSumWhoseOperandChangesOrThatIsReadLaterOnSomePathKeepsItsValue(Mode mode, String module) {
        try (WasmInstance instance = start(module, mode)) {
            assertEquals(List.of(55), instance.call("operand_changes", List.of(address(module, 100))), module);
            // The i32 at 8 is 3.
            assertEquals(List.of(12), instance.call("sum_across_loop", List.<Number>of(address(module, 4), 4)), module);
            assertEquals(List.of(address(module, 104 + 7)), instance.call("sum_kept", List.of(address(module, 100))), module);
            assertEquals(List.of(address(module, 104)), instance.call("sum_after_branch", List.<Number>of(address(module, 100), 1)), module);
            assertEquals(List.of(address(module, -1)), instance.call("sum_after_branch", List.<Number>of(address(module, 100), 0)), module);
            assertEquals(List.of(address(module, 104 + 200)), instance.call("sum_after_operand_changes", List.of(address(module, 100))), module);
            assertEquals(List.of(address(module, 100 + 2 * 104)), instance.call("sum_from_last_turn", List.<Number>of(address(module, 100), 3)), module);
        }
    }
}
