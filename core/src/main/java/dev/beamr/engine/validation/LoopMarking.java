package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Marks with {@link Op#WHOLE_LOOP} the loops that the interpreter can run in one go: a run that
 * starts with its FUEL, holds nothing but the loop's body, and ends with the branch back to that
 * FUEL, where the body is
 * <ul>
 * <li>one byte store fused with its step and test ({@link Op#STORE8_IMM_ADD_JUMP_IF_LT_S},
 * {@link Op#STORE8_IMM_STEP_ADD_JUMP_IF_LT_S}): a sieve's marking loop, or a strided fill;</li>
 * <li>products added in place ({@link Op#F64_MUL_LOAD_ADD_STORE}), closed by two pointer steps
 * and a counter's step and test ({@link Op#I32_STEP_2_JUMP_IF_NE}, {@link Op#I64_STEP_2_JUMP_IF_NE}):
 * {@code y[i] += a * x[i]}, as a matrix product's inner loop runs it, unrolled or not.</li>
 * </ul>
 * Dispatching such a body costs more than its work; the interpreter runs every turn of the marked
 * loop in a loop of its own. The mark changes no instruction, so a branch into the body and compiled
 * code run it as before.
 */
final class LoopMarking {
    private LoopMarking() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.STORE8_IMM_ADD_JUMP_IF_LT_S || op == Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S
                || op == Op.I32_STEP_2_JUMP_IF_NE || op == Op.I64_STEP_2_JUMP_IF_NE) == 0) {
            return code;
        }
        return CodeRewrite.rewriteAt(code, Op.FUEL, LoopMarking::mark);
    }

    private static void mark(int[] code, int fuel, CodeRewrite rewrite) {
        int body = fuel + Op.length(code, fuel);
        if (body < code.length && branchesBackTo(code, closing(code, body), fuel)) {
            int length = Op.length(code, body);
            int[] marked = new int[1 + length];
            marked[0] = Op.WHOLE_LOOP;
            System.arraycopy(code, body, marked, 1, length);
            rewrite.replace(body, marked);
        }
    }

    /** The instruction that closes a body starting at {@code body}, if the body has a form this pass marks; else -1. */
    private static int closing(int[] code, int body) {
        int op = code[body];
        if (op == Op.STORE8_IMM_ADD_JUMP_IF_LT_S || op == Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S) return body;
        int pc = body;
        while (pc < code.length && code[pc] == Op.F64_MUL_LOAD_ADD_STORE) pc += Op.length(code, pc);
        if (pc == body || pc >= code.length) return -1;
        return code[pc] == Op.I32_STEP_2_JUMP_IF_NE || code[pc] == Op.I64_STEP_2_JUMP_IF_NE ? pc : -1;
    }

    private static boolean branchesBackTo(int[] code, int closing, int fuel) {
        if (closing < 0) return false;
        int[] target = {-1};
        Operands.targets(code, closing, t -> target[0] = t);
        return target[0] == fuel;
    }
}
