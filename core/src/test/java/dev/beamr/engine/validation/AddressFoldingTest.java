package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AddressFolding on code built by hand: what it folds, and the budget that bounds its work. */
class AddressFoldingTest {
    /** s[1] = s[0] + 8; stores 5 at s[1]; returns nothing. */
    private static final int[] STORE_THROUGH_SUM = {
        Op.I32_ADD_IMM, 1, 0, 8,
        Op.STORE32_IMM, 1, 5, 0, 0,
        Op.RETURN, 2, 0,
    };

    @Test
    void aSumOnlyStoredThroughBecomesTheStoresAddend() {
        assertArrayEquals(new int[] {Op.STORE32_IMM, 0, 5, 8, 0, Op.RETURN, 2, 0},
                AddressFolding.apply(STORE_THROUGH_SUM.clone()));
    }

    @Test
    void withoutBudgetNothingIsFolded() {
        int[] code = STORE_THROUGH_SUM.clone();
        assertSame(code, AddressFolding.apply(code, 0));
        assertArrayEquals(STORE_THROUGH_SUM, code);
    }

    /**
     * Additions to n slots, then a store through each: every addition's straight line runs to the end
     * of the function, so following each would take n^2 steps. The budget stops the pass after a
     * number of steps linear in the code's size; the sums it reached are folded, the others stay.
     */
    @Test
    @Timeout(60)
    void aLongStraightLineFoldsWithinTheBudget() {
        int n = 20_000;
        int[] code = new int[n * 4 + n * 5 + 3];
        int at = 0;
        for (int i = 0; i < n; i++) {
            code[at++] = Op.I32_ADD_IMM;
            code[at++] = 1 + i;
            code[at++] = 0;
            code[at++] = i;
        }
        for (int i = 0; i < n; i++) {
            code[at++] = Op.STORE32_IMM;
            code[at++] = 1 + i;
            code[at++] = i;
            code[at++] = 0;
            code[at++] = 0;
        }
        code[at++] = Op.RETURN;
        code[at++] = 0;
        code[at] = 0;
        int[] folded = AddressFolding.apply(code.clone());
        long additions = 0;
        for (int pc = 0; pc < folded.length; pc += Op.length(folded, pc)) {
            if (folded[pc] == Op.I32_ADD_IMM) additions++;
        }
        assertTrue(additions > 0 && additions < n, "additions left: " + additions);
        assertEquals(code.length - 4 * (n - additions), folded.length);
        // A store whose addition was folded addresses slot 0 with that addition's constant, which is
        // also the value it stores; the others still address their sum's slot.
        for (int pc = 0; pc < folded.length; pc += Op.length(folded, pc)) {
            if (folded[pc] != Op.STORE32_IMM) continue;
            int value = folded[pc + 2];
            if (folded[pc + 1] == 0) assertEquals(value, folded[pc + 3], "store of " + value);
            else assertArrayEquals(new int[] {1 + value, 0}, new int[] {folded[pc + 1], folded[pc + 3]}, "store of " + value);
        }
    }
}
