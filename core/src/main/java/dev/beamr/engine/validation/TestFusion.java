package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses the instruction right before a loop's test into the test:
 * <ul>
 * <li>an addition of two slots followed by a signed less-than test of the sum, on either side,
 * becomes {@link Op#I32_ADD_JUMP_IF_LT_S}: the step and test of a loop that strides by a variable,
 * {@code for (j = i * i; j < n; j += i)} as a sieve marks multiples;</li>
 * <li>an i32 load followed by a signed less-than or greater-than test of what it loaded, on either
 * side, becomes {@link Op#LOAD32_JUMP_IF_LT_S} or {@link Op#LOAD32_JUMP_IF_GT_S}: a scan
 * {@code while (a[i] < p) i++} as a quicksort partitions;</li>
 * <li>the steps of a loop's pointers, one addition of a constant or a pair of them, followed by the
 * step and test of its counter (I32_ADD_IMM_JUMP_IF, I32_ADD_IMM_JUMP_IF_NE and their i64 forms),
 * become one instruction whose operands are the two instructions' operands in order, such as
 * {@link Op#I32_ADD_IMM_STEP_JUMP_IF}.</li>
 * </ul>
 * Nothing may branch to the test, since the first instruction would then be skipped.
 */
final class TestFusion {
    private TestFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, TestFusion::isTest) == 0) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int test = pc + Op.length(code, pc);
            if (test >= code.length || rewrite.label(test) || !isTest(code[test])) continue;
            int[] fused = code[pc] == Op.I32_ADD || code[pc] == Op.LOAD32_S ? comparison(code, pc, test) : steps(code, pc, test);
            if (fused != null) {
                rewrite.remove(pc);
                rewrite.replace(test, fused);
            }
        }
        return rewrite.result();
    }

    private static boolean isTest(int op) {
        return op == Op.JUMP_IF_I32_LT_S || op == Op.JUMP_IF_I32_GT_S || stepTest(op);
    }

    private static boolean stepTest(int op) {
        return op == Op.I32_ADD_IMM_JUMP_IF || op == Op.I64_ADD_IMM_JUMP_IF
                || op == Op.I32_ADD_IMM_JUMP_IF_NE || op == Op.I64_ADD_IMM_JUMP_IF_NE;
    }

    /** An addition or load at {@code producer} with the signed comparison at {@code test} that reads its value; null if none. */
    private static int[] comparison(int[] code, int producer, int test) {
        if (code[test] != Op.JUMP_IF_I32_LT_S && code[test] != Op.JUMP_IF_I32_GT_S) return null;
        int value = code[producer + 1];
        boolean valueFirst = code[test + 1] == value;
        if (!valueFirst && code[test + 2] != value) return null;
        int other = valueFirst ? code[test + 2] : code[test + 1];
        // Whether the jump is taken when the value is less than the other slot.
        boolean less = valueFirst == (code[test] == Op.JUMP_IF_I32_LT_S);
        int target = code[test + 3];
        if (code[producer] == Op.LOAD32_S) {
            int op = less ? Op.LOAD32_JUMP_IF_LT_S : Op.LOAD32_JUMP_IF_GT_S;
            return new int[] {op, value, code[producer + 2], code[producer + 3], code[producer + 4], other, target};
        }
        return less ? new int[] {Op.I32_ADD_JUMP_IF_LT_S, value, code[producer + 2], code[producer + 3], other, target} : null;
    }

    /** The pointer steps at {@code steps} with the counter's step and test at {@code test}; null if they have no fused form. */
    private static int[] steps(int[] code, int steps, int test) {
        int fusedOp = stepsFused(code[steps], code[test]);
        if (fusedOp < 0) return null;
        int stepsLength = Op.length(code, steps);
        int testLength = Op.length(code, test);
        int[] fused = new int[stepsLength + testLength - 1];
        fused[0] = fusedOp;
        System.arraycopy(code, steps + 1, fused, 1, stepsLength - 1);
        System.arraycopy(code, test + 1, fused, stepsLength, testLength - 1);
        return fused;
    }

    /** The instruction doing {@code steps}, then {@code test}; -1 if there is none. */
    private static int stepsFused(int steps, int test) {
        if (steps == Op.I32_ADD_IMM && test == Op.I32_ADD_IMM_JUMP_IF) return Op.I32_ADD_IMM_STEP_JUMP_IF;
        if (steps == Op.I64_ADD_IMM && test == Op.I64_ADD_IMM_JUMP_IF) return Op.I64_ADD_IMM_STEP_JUMP_IF;
        if (steps == Op.I32_ADD_IMM_2 && test == Op.I32_ADD_IMM_JUMP_IF_NE) return Op.I32_ADD_IMM_2_STEP_JUMP_IF_NE;
        if (steps == Op.I64_ADD_IMM_2 && test == Op.I64_ADD_IMM_JUMP_IF_NE) return Op.I64_ADD_IMM_2_STEP_JUMP_IF_NE;
        return -1;
    }
}
