package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Fuses an f64 product with the instruction further on that is its only reader:
 * <ul>
 * <li>a read-modify-write store that multiplies it by a third factor: {@code t = a * b; .. mem[p] += t * c}
 * becomes one F64_MUL_MUL_ADD_LOAD_STORE where the store was (and likewise for {@code -=}), as in a
 * physics update {@code v -= d * m * dt};</li>
 * <li>an addition or subtraction: {@code t = a * b; .. d = x + t} becomes {@code d = x + a * b}, an
 * F64_MUL_ADD (or F64_MUL_SUB for {@code x - t}), as a sum of squares {@code dx*dx + dy*dy + dz*dz}
 * is computed. Validation fuses a product with the addition right after it; this pass takes the
 * ones further apart. An addition of NaNs may then give the other operand's NaN, as WebAssembly
 * allows.</li>
 * </ul>
 * The product is still rounded before it is used; it moves down to its reader, so nothing in between
 * may write {@code t}, {@code a} or {@code b}, and nothing after may read {@code t}. Functions with
 * exception handlers are left as they are, like the other passes over lowered code.
 */
final class ProductFusion {
    /** How many instructions may separate the product from its reader. */
    private static final int DISTANCE_LIMIT = 256;

    private ProductFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL_ADD_LOAD_STORE || op == Op.F64_MUL_SUB_LOAD_STORE
                || op == Op.F64_ADD || op == Op.F64_SUB) == 0) {
            return code;
        }
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
            int[] fused = Operands.readCount(code, at, t) == 1 ? fusedReader(code, at, t, a, b) : null;
            if (fused != null) {
                if (!rewrite.deadAfter(at, t)) return;
                rewrite.remove(product);
                rewrite.replace(at, fused);
                return;
            }
            if (Operands.reads(code, at, t) || Operands.writes(code, at, t) || Operands.writes(code, at, a)
                    || Operands.writes(code, at, b) || rewrite.branches(at)) {
                return;
            }
            at += Op.length(code, at);
        }
    }

    /**
     * The instruction at {@code at}, which reads the product {@code t = a * b} once, with the product
     * computed in it; null when it cannot take the product over.
     */
    private static int[] fusedReader(int[] code, int at, int t, int a, int b) {
        return switch (code[at]) {
            case Op.F64_MUL_ADD_LOAD_STORE -> code[at + 1] != t ? null
                    : new int[] {Op.F64_MUL_MUL_ADD_LOAD_STORE, a, code[at + 2], b, code[at + 3], code[at + 4], code[at + 5]};
            case Op.F64_MUL_SUB_LOAD_STORE -> code[at + 1] != t ? null
                    : new int[] {Op.F64_MUL_MUL_SUB_LOAD_STORE, a, code[at + 2], b, code[at + 3], code[at + 4], code[at + 5]};
            case Op.F64_ADD -> new int[] {Op.F64_MUL_ADD, code[at + 1], code[at + 2] == t ? code[at + 3] : code[at + 2], a, b};
            case Op.F64_SUB -> code[at + 3] != t ? null : new int[] {Op.F64_MUL_SUB, code[at + 1], code[at + 2], a, b};
            default -> null;
        };
    }
}
