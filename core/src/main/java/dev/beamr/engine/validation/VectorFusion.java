package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Fuses the f64 arithmetic of 3-vectors, as physics and geometry code writes it, into single
 * instructions:
 * <ul>
 * <li>a dot product: {@code t = a0 * b0; .. u = t + a1 * b1; .. d = u + a2 * b2} becomes one
 * {@link Op#F64_DOT_3} where the last addition was ({@code dx*dx + dy*dy + dz*dz});</li>
 * <li>an inverse cubed distance: {@code u = sqrt(x); w = x * u; r = k / w} becomes one
 * {@link Op#F64_DIV_MUL_SQRT};</li>
 * <li>a 3-vector update: three F64_MUL_MUL_ADD_LOAD_STOREs (or _SUB_) in a row that share two of
 * their factors ({@code v.x -= dx * m * dt; v.y -= dy * m * dt; v.z -= dz * m * dt})
 * become one {@link Op#F64_MUL_MUL_ADD_LOAD_STORE_3} (or _SUB_), which makes the three updates in
 * their order.</li>
 * </ul>
 * Every product and sum is still rounded in its order. The fused instruction computes what the ones
 * it replaces computed, where the last of them was, so nothing in between may write what they read,
 * and the intermediate slots they no longer write must not be read afterwards. Functions with
 * exception handlers are left as they are, like the other passes over lowered code.
 */
final class VectorFusion {
    /** How many instructions may separate two terms of a dot product. */
    private static final int DISTANCE_LIMIT = 16;

    private VectorFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL || op == Op.F64_SQRT
                || op == Op.F64_MUL_MUL_ADD_LOAD_STORE || op == Op.F64_MUL_MUL_SUB_LOAD_STORE) == 0) {
            return code;
        }
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (!rewrite.original(pc)) continue;
            switch (code[pc]) {
                case Op.F64_MUL -> fuseDotProduct(code, pc, rewrite);
                case Op.F64_SQRT -> fuseInverseCube(code, pc, rewrite);
                case Op.F64_MUL_MUL_ADD_LOAD_STORE, Op.F64_MUL_MUL_SUB_LOAD_STORE -> fuseUpdate(code, pc, rewrite);
                default -> { }
            }
        }
        return rewrite.result();
    }

    private static void fuseDotProduct(int[] code, int product, CodeRewrite rewrite) {
        int t = code[product + 1];
        int a0 = code[product + 2];
        int b0 = code[product + 3];
        if (t == a0 || t == b0) return;
        int second = nextReader(code, product, t, rewrite, a0, b0);
        if (second < 0 || !accumulates(code, second, t)) return;
        int u = code[second + 1];
        int a1 = code[second + 3];
        int b1 = code[second + 4];
        if (u == a0 || u == b0 || !rewrite.deadAfter(second, t)) return;
        int third = nextReader(code, second, u, rewrite, a0, b0, a1, b1);
        if (third < 0 || !accumulates(code, third, u) || !rewrite.deadAfter(third, u)) return;
        rewrite.remove(product);
        rewrite.remove(second);
        rewrite.replace(third, new int[] {Op.F64_DOT_3, code[third + 1], a0, b0, a1, b1, code[third + 3], code[third + 4]});
    }

    /** Whether the instruction at {@code at} is an F64_MUL_ADD adding a product to {@code t}, neither factor {@code t}. */
    private static boolean accumulates(int[] code, int at, int t) {
        return code[at] == Op.F64_MUL_ADD && code[at + 2] == t && code[at + 3] != t && code[at + 4] != t;
    }

    /**
     * The next instruction after {@code from} that reads slot {@code t}, when every one in between
     * leaves {@code t} and the {@code kept} slots alone, does not branch, and is no label; -1 otherwise.
     */
    private static int nextReader(int[] code, int from, int t, CodeRewrite rewrite, int... kept) {
        int at = from + Op.length(code, from);
        for (int distance = 0; distance < DISTANCE_LIMIT && at < code.length; distance++) {
            if (rewrite.label(at) || !rewrite.original(at) || !Operands.described(code[at])) return -1;
            if (Operands.reads(code, at, t)) return at;
            if (Operands.writes(code, at, t) || rewrite.branches(at)) return -1;
            for (int slot : kept) {
                if (Operands.writes(code, at, slot)) return -1;
            }
            at += Op.length(code, at);
        }
        return -1;
    }

    private static void fuseInverseCube(int[] code, int root, CodeRewrite rewrite) {
        int u = code[root + 1];
        int x = code[root + 2];
        int product = root + Op.length(code, root);
        if (u == x || product >= code.length || code[product] != Op.F64_MUL || rewrite.label(product)) return;
        int w = code[product + 1];
        boolean multipliesRoot = code[product + 2] == x && code[product + 3] == u
                || code[product + 2] == u && code[product + 3] == x;
        int quotient = product + Op.length(code, product);
        if (!multipliesRoot || quotient >= code.length || code[quotient] != Op.F64_DIV || rewrite.label(quotient)
                || code[quotient + 3] != w) {
            return;
        }
        int r = code[quotient + 1];
        int k = code[quotient + 2];
        if (k == u || k == w || u != r && !rewrite.deadAfter(quotient, u) || w != r && !rewrite.deadAfter(quotient, w)) {
            return;
        }
        rewrite.remove(root);
        rewrite.remove(product);
        rewrite.replace(quotient, new int[] {Op.F64_DIV_MUL_SQRT, r, k, x});
    }

    private static void fuseUpdate(int[] code, int first, CodeRewrite rewrite) {
        int second = first + Op.length(code, first);
        int third = second + Op.length(code, second);
        if (third >= code.length || code[second] != code[first] || code[third] != code[first]
                || rewrite.label(second) || rewrite.label(third) || !rewrite.original(second) || !rewrite.original(third)
                || code[second + 2] != code[first + 2] || code[third + 2] != code[first + 2]) {
            return;
        }
        int[] updates = {first, second, third};
        for (int shared : new int[] {code[first + 1], code[first + 3]}) {
            int[] fused = new int[15];
            fused[0] = code[first] == Op.F64_MUL_MUL_ADD_LOAD_STORE ? Op.F64_MUL_MUL_ADD_LOAD_STORE_3 : Op.F64_MUL_MUL_SUB_LOAD_STORE_3;
            fused[1] = shared;
            fused[2] = code[first + 2];
            int k = 0;
            for (int at : updates) {
                if (code[at + 1] != shared && code[at + 3] != shared) break;
                // The update's own operands (its other factor, its address) as the fused one holds them.
                System.arraycopy(code, at + 3, fused, 3 + 4 * k, 4);
                if (code[at + 3] == shared) fused[3 + 4 * k] = code[at + 1];
                k++;
            }
            if (k < 3) continue;
            rewrite.remove(first);
            rewrite.remove(second);
            rewrite.replace(third, fused);
            return;
        }
    }
}
