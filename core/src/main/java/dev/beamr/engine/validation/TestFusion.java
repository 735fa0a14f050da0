package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses the instruction that computes an i32 with the signed comparison right after it that tests it
 * and jumps:
 * <ul>
 * <li>an addition of two slots followed by a signed less-than test of the sum, on either side,
 * becomes {@link Op#I32_ADD_JUMP_IF_LT_S}: the step and test of a loop that strides by a variable,
 * {@code for (j = i * i; j < n; j += i)} as a sieve marks multiples;</li>
 * <li>an i32 load followed by a signed less-than or greater-than test of what it loaded, on either
 * side, becomes {@link Op#LOAD32_JUMP_IF_LT_S} or {@link Op#LOAD32_JUMP_IF_GT_S}: a scan
 * {@code while (a[i] < p) i++} as a quicksort partitions.</li>
 * </ul>
 * Nothing may branch to the test, since the first instruction would then be skipped.
 */
final class TestFusion {
    private TestFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.JUMP_IF_I32_LT_S) == 0) return code;
        return CodeRewrite.fuseAdjacent(code, TestFusion::fused);
    }

    /** The addition or load at {@code producer} with the signed comparison at {@code test} that reads its value; null if none. */
    private static int[] fused(int[] code, int producer, int test, CodeRewrite rewrite) {
        boolean load = code[producer] == Op.LOAD32_S;
        if (!load && code[producer] != Op.I32_ADD) return null;
        if (code[test] != Op.JUMP_IF_I32_LT_S) return null;
        int value = code[producer + 1];
        boolean valueFirst = code[test + 1] == value;
        if (!valueFirst && code[test + 2] != value) return null;
        int other = valueFirst ? code[test + 2] : code[test + 1];
        // Whether the jump is taken when the value is less than the other slot (else greater).
        boolean less = valueFirst;
        int target = code[test + 3];
        if (load) {
            int op = less ? Op.LOAD32_JUMP_IF_LT_S : Op.LOAD32_JUMP_IF_GT_S;
            return new int[] {op, value, code[producer + 2], code[producer + 3], code[producer + 4], other, target};
        }
        return less ? new int[] {Op.I32_ADD_JUMP_IF_LT_S, value, code[producer + 2], code[producer + 3], other, target} : null;
    }
}
