package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Turns a 32-bit rotation of a product back into one. clang folds the left shift of
 * {@code rotl(a * C, s)} into the multiplication, so the rotation reaches the module as
 * {@code ((a * C) >>> (32 - s)) | (a * (C << s))}: two multiplications, a shift and an or, as hash
 * functions of the murmur family do for each word. Where the second product and the shifted one serve
 * only the or, and all four instructions share one straight line, the shift and the second product
 * are dropped and the or becomes {@code rotl(t, s)} of the first product's slot {@code t}.
 */
final class RotationRecovery {
    /** How many instructions after the first product the or may come. */
    private static final int DISTANCE_LIMIT = 16;

    private RotationRecovery() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_OR) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.I32_MUL_IMM, RotationRecovery::recover);
    }

    /** Looks for the rest of the rotation after the product {@code t = a * C} at {@code product}. */
    private static void recover(int[] code, int product, CodeRewrite rewrite) {
        int t = code[product + 1];
        int a = code[product + 2];
        int factor = code[product + 3];
        if (t == a) return;
        int shift = -1;
        int shifted = -1;
        int other = -1;
        int otherSlot = -1;
        int at = product + Op.length(code, product);
        for (int distance = 0; distance < DISTANCE_LIMIT && at < code.length && !rewrite.label(at); distance++) {
            int op = code[at];
            if (!Operands.described(op) || !rewrite.original(at) || rewrite.branches(at)) return;
            if (shift < 0 && op == Op.I32_SHR_U_IMM && code[at + 2] == t && code[at + 1] != a && validShift(code[at + 3])) {
                shift = at;
                shifted = code[at + 1];
            } else if (other < 0 && op == Op.I32_MUL_IMM && code[at + 2] == a && code[at + 1] != a && code[at + 1] != t) {
                other = at;
                otherSlot = code[at + 1];
            } else if (shift >= 0 && other >= 0 && op == Op.I32_OR && orOf(code, at, shifted, otherSlot)) {
                int amount = 32 - code[shift + 3];
                if (code[other + 3] != factor << amount || shifted == otherSlot) return;
                if (!rewrite.deadAfter(at, shifted) || !rewrite.deadAfter(at, otherSlot)) return;
                rewrite.remove(shift);
                rewrite.remove(other);
                rewrite.replace(at, new int[] {Op.I32_ROTL_IMM, code[at + 1], t, amount});
                return;
            } else if (Operands.writes(code, at, a) || Operands.writes(code, at, t)
                    || shift >= 0 && (Operands.reads(code, at, shifted) || Operands.writes(code, at, shifted))
                    || other >= 0 && (Operands.reads(code, at, otherSlot) || Operands.writes(code, at, otherSlot))) {
                return;
            }
            at += Op.length(code, at);
        }
    }

    private static boolean validShift(int amount) {
        return amount > 0 && amount < 32;
    }

    private static boolean orOf(int[] code, int pc, int x, int y) {
        return code[pc + 2] == x && code[pc + 3] == y || code[pc + 2] == y && code[pc + 3] == x;
    }
}
