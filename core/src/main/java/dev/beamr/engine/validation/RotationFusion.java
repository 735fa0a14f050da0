package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses a 32-bit rotation by a constant with the multiplication by a constant right before or after
 * it, the rounds of most non-cryptographic hashes (murmur, xxHash, FxHash):
 * <ul>
 * <li>{@code t = a * C; d = rotl(t, s)} becomes one {@link Op#I32_MUL_ROTL_IMM};</li>
 * <li>{@code t = rotl(a, s); d = t * C} and {@code d = t * C + D} become one
 * {@link Op#I32_ROTL_MUL_ADD_IMM}.</li>
 * </ul>
 * The intermediate {@code t} must be read by nothing else: the second instruction overwrites it, or
 * no path after it reads it. Nothing may branch to the second instruction.
 */
final class RotationFusion {
    private RotationFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_ROTL_IMM) == 0) return code;
        return CodeRewrite.fuseAdjacent(code, RotationFusion::fused);
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
