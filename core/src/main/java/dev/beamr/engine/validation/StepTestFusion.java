package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses an i32 addition of two slots with the signed less-than test of its sum that follows it into
 * one {@link Op#I32_ADD_JUMP_IF_LT_S}: the step and test of a loop that strides by a variable,
 * {@code for (j = i * i; j < n; j += i)} as a sieve marks multiples. The test may name the sum first
 * ({@code j < n}) or second ({@code n > j}). Nothing may branch to the test, since the addition
 * would then be skipped.
 */
final class StepTestFusion {
    private StepTestFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.JUMP_IF_I32_LT_S || op == Op.JUMP_IF_I32_GT_S) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.I32_ADD, StepTestFusion::fuse);
    }

    private static void fuse(int[] code, int add, CodeRewrite rewrite) {
        int test = add + Op.length(code, add);
        if (test >= code.length || rewrite.label(test)) return;
        int sum = code[add + 1];
        int limit;
        if (code[test] == Op.JUMP_IF_I32_LT_S && code[test + 1] == sum) {
            limit = code[test + 2];
        } else if (code[test] == Op.JUMP_IF_I32_GT_S && code[test + 2] == sum) {
            limit = code[test + 1];
        } else {
            return;
        }
        rewrite.remove(add);
        rewrite.replace(test, new int[] {Op.I32_ADD_JUMP_IF_LT_S, sum, code[add + 2], code[add + 3], limit, code[test + 3]});
    }
}
