package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Fuses an f64 product with the read-modify-write store that multiplies it by a third factor:
 * {@code t = a * b; .. mem[p] += t * c} becomes one F64_MUL_MUL_ADD_LOAD_STORE where the store was
 * (and likewise for {@code -=}) when nothing else reads {@code t}, as in a physics update
 * {@code v -= d * m * dt}. The product is still rounded before the second multiplication; it moves
 * down to the store, so nothing in between may write {@code t}, {@code a} or {@code b}. Functions with
 * exception handlers are left as they are, like the other passes over lowered code.
 */
final class ProductFusion {
    /** How many instructions may separate the product from the store. */
    private static final int DISTANCE_LIMIT = 256;

    private ProductFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL_ADD_LOAD_STORE || op == Op.F64_MUL_SUB_LOAD_STORE) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.F64_MUL, ProductFusion::fuse);
    }

    private static void fuse(int[] code, int product, CodeRewrite rewrite) {
        int t = code[product + 1];
        int a = code[product + 2];
        int b = code[product + 3];
        if (t == a || t == b) return;
        int at = product + Op.length(code, product);
        for (int distance = 0; distance < DISTANCE_LIMIT && at < code.length && !rewrite.label(at); distance++) {
            int op = code[at];
            if (!Operands.described(op) || !rewrite.original(at)) return;
            boolean store = op == Op.F64_MUL_ADD_LOAD_STORE || op == Op.F64_MUL_SUB_LOAD_STORE;
            if (store && code[at + 1] == t && Operands.readCount(code, at, t) == 1) {
                if (rewrite.readOnSomePath(rewrite.successors(at), t)) return;
                int fused = op == Op.F64_MUL_ADD_LOAD_STORE ? Op.F64_MUL_MUL_ADD_LOAD_STORE : Op.F64_MUL_MUL_SUB_LOAD_STORE;
                rewrite.remove(product);
                rewrite.replace(at, new int[] {fused, a, b, code[at + 2], code[at + 3], code[at + 4], code[at + 5]});
                return;
            }
            if (Operands.reads(code, at, t) || Operands.writes(code, at, t) || Operands.writes(code, at, a)
                    || Operands.writes(code, at, b) || rewrite.branches(at)) {
                return;
            }
            at += Op.length(code, at);
        }
    }

}
