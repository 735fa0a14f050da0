package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Constants written again to the slot that already holds them, removed by validation's
 * ConstantReuse, and constants written on every turn of a loop, written once before it by
 * ConstantHoisting, beside ones that must stay, from compiler-constant-reuse.wat: the same results in
 * both modes.
 */
class CompiledConstantReuseTest {
    private static final String MODULE = "compiler-constant-reuse";

    private static int[] code(String function) {
        return Arrays.stream(Engine.compile(TestFiles.module(MODULE)).functions())
                .filter(f -> f.name().equals(function)).findFirst().orElseThrow().code();
    }

    private static long f64Constants(String function) {
        int[] code = code(function);
        long count = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == Op.CONST_64) count++;
        }
        return count;
    }

    /** Whether the function's only loop, closed by its one backward branch, writes an f64 constant. */
    private static boolean loopWritesAnF64Constant(String function) {
        int[] code = code(function);
        int loop = -1;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int[] target = {-1};
            Operands.targets(code, pc, t -> target[0] = t);
            if (target[0] >= 0 && target[0] <= pc) loop = target[0];
        }
        for (int pc = loop; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == Op.CONST_64) return true;
        }
        return false;
    }

    @Test
    void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile(MODULE);
        assertEquals(code.functionCount(), code.compiledCount());
    }

    @Test
    void onlyAConstantTheSlotStillHoldsIsNotWrittenAgain() {
        // Three writes of 0.5: the second follows the square root, the third the second.
        assertEquals(2, f64Constants("halves"));
        // The loop's 0.5 follows its label.
        assertEquals(2, f64Constants("halves_per_turn"));
    }

    @Test
    void aConstantLeavesTheLoopOnlyWhenTheLoopWritesNothingElseThereAndNothingReadsWhatWasThere() {
        assertFalse(loopWritesAnF64Constant("scaled_sum"));
        assertEquals(1, f64Constants("scaled_sum"));
        // A square root is written to 0.5's slot on each turn.
        assertTrue(loopWritesAnF64Constant("halves_per_turn"));
        // The loop's parameter, from before the loop, is in 7's slot.
        assertTrue(loopWritesAnF64Constant("constant_in_a_parameter_slot"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theConstantsStillReadAreTheOnesWritten(Mode mode) {
        try (WasmInstance instance = Modes.start(MODULE, mode, InstanceOptions.defaults())) {
            // 2 * 0.5 + (2 + sqrt 4) + 2 * 0.5 + 4 * 0.5
            assertEquals(List.of(8.0), instance.call("halves", List.of(2.0, 4.0)));
            // 3 * 0.5 before the loop and on each of its 4 turns
            assertEquals(List.of(7.5), instance.call("halves_per_turn", List.<Number>of(3.0, 4)));
            // ((0 * 1.5 + 1) * 1.5 + 1) * 1.5 + 1
            assertEquals(List.of(4.75), instance.call("scaled_sum", List.<Number>of(1.0, 3)));
            assertEquals(List.of(1.5 + 7 + 7), instance.call("constant_in_a_parameter_slot", List.<Number>of(1.5, 3)));
        }
    }
}
