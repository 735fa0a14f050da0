package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses an f64 product with the read-modify-write store that multiplies it by a third factor:
 * {@code t = a * b; mem[p] += t * c} becomes one F64_MUL_MUL_ADD_LOAD_STORE (and likewise for
 * {@code -=}) when nothing else reads {@code t}, as in a physics update {@code v -= d * m * dt}. The
 * product is still rounded before the second multiplication. Functions with exception handlers are
 * left as they are, like the other passes over lowered code.
 */
final class ProductFusion {
    /** How many instructions the search for a later read of the product visits before it assumes there is one. */
    private static final int SEARCH_LIMIT = 4096;

    private ProductFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL_ADD_LOAD_STORE || op == Op.F64_MUL_SUB_LOAD_STORE) == 0) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        int pc = 0;
        while (pc < code.length) {
            int next = pc + Op.length(code, pc);
            if (code[pc] == Op.F64_MUL && next < code.length && !rewrite.label(next) && fuses(code, pc, next, rewrite)) {
                int fused = code[next] == Op.F64_MUL_ADD_LOAD_STORE ? Op.F64_MUL_MUL_ADD_LOAD_STORE : Op.F64_MUL_MUL_SUB_LOAD_STORE;
                rewrite.replace(pc, new int[] {fused, code[pc + 2], code[pc + 3], code[next + 2], code[next + 3], code[next + 4], code[next + 5]});
                rewrite.remove(next);
                pc = next + Op.length(code, next);
            } else {
                pc = next;
            }
        }
        return rewrite.result();
    }

    /** Whether the F64_MUL at {@code product} only feeds, as its x, the read-modify-write store at {@code store}. */
    private static boolean fuses(int[] code, int product, int store, CodeRewrite rewrite) {
        int op = code[store];
        if (op != Op.F64_MUL_ADD_LOAD_STORE && op != Op.F64_MUL_SUB_LOAD_STORE) return false;
        int t = code[product + 1];
        if (code[store + 1] != t || code[store + 2] == t || code[store + 3] == t) return false;
        return !rewrite.search(rewrite.successors(store), t, SEARCH_LIMIT).read();
    }
}
