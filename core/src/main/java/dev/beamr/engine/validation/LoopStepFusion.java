package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses the steps of a loop's pointers with the step and test of its counter right after them, when
 * every step adds a constant to a slot in place:
 * <ul>
 * <li>a pair of additions followed by a counter step tested against a slot becomes
 * {@link Op#I32_STEP_2_JUMP_IF_NE} or {@link Op#I64_STEP_2_JUMP_IF_NE}: a loop over two arrays,
 * {@code for (i = 0; i != n; i += 2, p += 16, q += 16)}, as a matrix product's inner loop;</li>
 * <li>one addition followed by a counter step tested for zero becomes {@link Op#I32_STEP_JUMP_IF}
 * or {@link Op#I64_STEP_JUMP_IF}: {@code for (k = n; k != 0; k--, p += 56)}.</li>
 * </ul>
 * The pointers and the counter are of one width. A loop whose body is one byte store joins it too:
 * a STORE8_IMM followed by a step by a slot and its signed test ({@link Op#I32_ADD_JUMP_IF_LT_S})
 * becomes {@link Op#STORE8_IMM_ADD_JUMP_IF_LT_S}, and with an i64 stepped in place by a slot between
 * them, {@link Op#STORE8_IMM_STEP_ADD_JUMP_IF_LT_S}: a sieve's marking loop,
 * {@code for (j = i * i; j < n; j += i) a[j] = 0}, the second as memory64 code keeps a pointer beside
 * the index. Nothing may branch to the instructions after the first, since those before would then
 * be skipped.
 */
final class LoopStepFusion {
    private LoopStepFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_ADD_IMM_JUMP_IF_NE || op == Op.I64_ADD_IMM_JUMP_IF_NE
                || op == Op.I32_ADD_IMM_JUMP_IF || op == Op.I64_ADD_IMM_JUMP_IF || op == Op.I32_ADD_JUMP_IF_LT_S) == 0) {
            return code;
        }
        return CodeRewrite.fuseAdjacent(code, LoopStepFusion::fused);
    }

    /** The pointer steps at {@code steps} with the counter step and test at {@code test}; null if they are not such a pair. */
    private static int[] fused(int[] code, int steps, int test, CodeRewrite rewrite) {
        if (code[steps] == Op.STORE8_IMM) return storeLoop(code, steps, test, rewrite);
        int op = code[test];
        boolean limited = op == Op.I32_ADD_IMM_JUMP_IF_NE || op == Op.I64_ADD_IMM_JUMP_IF_NE;
        if (!limited && op != Op.I32_ADD_IMM_JUMP_IF && op != Op.I64_ADD_IMM_JUMP_IF) return null;
        boolean wide = op == Op.I64_ADD_IMM_JUMP_IF_NE || op == Op.I64_ADD_IMM_JUMP_IF;
        int counter = code[test + 1];
        if (code[test + 2] != counter) return null;
        if (limited) {
            // A pair encodes its second addition first: [op, dst2, a2, imm2, dst1, a1, imm1].
            if (code[steps] != (wide ? Op.I64_ADD_IMM_2 : Op.I32_ADD_IMM_2)
                    || code[steps + 4] != code[steps + 5] || code[steps + 1] != code[steps + 2]) {
                return null;
            }
            return new int[] {wide ? Op.I64_STEP_2_JUMP_IF_NE : Op.I32_STEP_2_JUMP_IF_NE,
                    code[steps + 4], code[steps + 6], code[steps + 1], code[steps + 3],
                    counter, code[test + 3], code[test + 4], code[test + 5]};
        }
        if (code[steps] != (wide ? Op.I64_ADD_IMM : Op.I32_ADD_IMM) || code[steps + 1] != code[steps + 2]) return null;
        return new int[] {wide ? Op.I64_STEP_JUMP_IF : Op.I32_STEP_JUMP_IF,
                code[steps + 1], code[steps + 3], counter, code[test + 3], code[test + 4]};
    }

    /**
     * The byte store at {@code store} with the I32_ADD_JUMP_IF_LT_S right after it, or after an i64
     * pointer step in place right after it; null if they do not follow it so.
     */
    private static int[] storeLoop(int[] code, int store, int next, CodeRewrite rewrite) {
        int[] fused;
        int test = next;
        if (code[next] == Op.I64_ADD && code[next + 1] == code[next + 2]) {
            test = next + Op.length(code, next);
            if (test >= code.length || rewrite.label(test) || !rewrite.original(test)) return null;
            fused = new int[12];
            fused[0] = Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S;
            fused[10] = code[next + 1];
            fused[11] = code[next + 3];
        } else {
            fused = new int[10];
            fused[0] = Op.STORE8_IMM_ADD_JUMP_IF_LT_S;
        }
        if (code[test] != Op.I32_ADD_JUMP_IF_LT_S) return null;
        System.arraycopy(code, store + 1, fused, 1, 4);
        System.arraycopy(code, test + 1, fused, 5, 5);
        if (test != next) rewrite.remove(test);
        return fused;
    }
}
