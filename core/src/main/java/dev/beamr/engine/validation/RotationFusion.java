package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses a 32-bit rotation by a constant with the multiplication by a constant right before or after
 * it, the rounds of most non-cryptographic hashes (murmur, xxHash, FxHash):
 * <ul>
 * <li>{@code t = a * C; d = rotl(t, s)} becomes one {@link Op#I32_MUL_ROTL_IMM};</li>
 * <li>{@code t = rotl(a, s); d = t * C} and {@code d = t * C + D} become one
 * {@link Op#I32_ROTL_MUL_ADD_IMM};</li>
 * <li>then {@code t = rotl(a * C, s); u = t * C2; d = u ^ b} (or {@code b ^ u}) becomes one
 * {@link Op#I32_MUL_ROTL_MUL_XOR}, as murmur3 mixes each word into its hash.</li>
 * </ul>
 * Each intermediate must be read by nothing else: the next instruction overwrites it, or no path
 * after it reads it. Nothing may branch to the instructions after the first.
 */
final class RotationFusion {
    private RotationFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_ROTL_IMM) == 0) return code;
        return mixedIn(CodeRewrite.fuseAdjacent(code, RotationFusion::fused));
    }

    /** Each I32_MUL_ROTL_IMM followed by the I32_MUL_IMM of its result and the I32_XOR of that, as one I32_MUL_ROTL_MUL_XOR. */
    private static int[] mixedIn(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_MUL_ROTL_IMM) == 0) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int product = pc + Op.length(code, pc);
            int mix = product < code.length ? product + Op.length(code, product) : code.length;
            if (code[pc] != Op.I32_MUL_ROTL_IMM || mix >= code.length || rewrite.label(product) || rewrite.label(mix)
                    || code[product] != Op.I32_MUL_IMM || code[mix] != Op.I32_XOR) continue;
            int rotated = code[pc + 1];
            int multiplied = code[product + 1];
            int other = code[mix + 2] == multiplied ? code[mix + 3] : code[mix + 3] == multiplied ? code[mix + 2] : -1;
            // The fused instruction reads the other operand first: the two results it no longer writes must not be it.
            if (code[product + 2] != rotated || other < 0 || other == rotated || other == multiplied
                    || !rewrite.deadAfter(product, rotated) || !rewrite.deadAfter(mix, multiplied)) continue;
            rewrite.remove(pc);
            rewrite.remove(product);
            rewrite.replace(mix, new int[] {Op.I32_MUL_ROTL_MUL_XOR, code[mix + 1], code[pc + 2], code[pc + 3],
                    code[pc + 4], code[product + 3], other});
            pc = mix;
        }
        return rewrite.result();
    }

    /**
     * The instruction at {@code first} and the one at {@code second}, its result's only reader, as
     * one; null if they have no fused form or something else reads that result.
     */
    private static int[] fused(int[] code, int first, int second, CodeRewrite rewrite) {
        int op = code[first];
        int next = code[second];
        boolean rotation = op == Op.I32_MUL_IMM && next == Op.I32_ROTL_IMM;
        boolean product = op == Op.I32_ROTL_IMM && (next == Op.I32_MUL_IMM || next == Op.I32_MUL_ADD_IMM);
        int t = code[first + 1];
        if (!rotation && !product || code[second + 2] != t || !rewrite.deadAfter(second, t)) return null;
        int a = code[first + 2];
        if (rotation) return new int[] {Op.I32_MUL_ROTL_IMM, code[second + 1], a, code[first + 3], code[second + 3]};
        int addend = next == Op.I32_MUL_ADD_IMM ? code[second + 4] : 0;
        return new int[] {Op.I32_ROTL_MUL_ADD_IMM, code[second + 1], a, code[first + 3], code[second + 3], addend};
    }
}
