package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Op;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Constants written again to the slot that already holds them, removed by validation's
 * ConstantReuse, beside ones written again after the slot changed or after a label, from
 * compiler-constant-reuse.wat: the same results in both modes.
 */
class CompiledConstantReuseTest {
    private static final String MODULE = "compiler-constant-reuse";

    private static long f64Constants(String function) {
        CompiledFunction compiled = Arrays.stream(Engine.compile(TestFiles.module(MODULE)).functions())
                .filter(f -> f.name().equals(function)).findFirst().orElseThrow();
        int[] code = compiled.code();
        long count = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == Op.CONST_64) count++;
        }
        return count;
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

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theConstantsStillReadAreTheOnesWritten(Mode mode) {
        try (WasmInstance instance = Modes.start(MODULE, mode, InstanceOptions.defaults())) {
            // 2 * 0.5 + (2 + sqrt 4) + 2 * 0.5 + 4 * 0.5
            assertEquals(List.of(8.0), instance.call("halves", List.of(2.0, 4.0)));
            // 3 * 0.5 before the loop and on each of its 4 turns
            assertEquals(List.of(7.5), instance.call("halves_per_turn", List.<Number>of(3.0, 4)));
        }
    }
}
