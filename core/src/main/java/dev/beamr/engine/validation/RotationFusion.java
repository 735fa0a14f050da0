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
 * {@link Op#I32_MUL_ROTL_MUL_XOR}, as murmur3 mixes each word into its hash;</li>
 * <li>and a 32-bit load of that word right before it joins it, as one
 * {@link Op#I32_LOAD_MUL_ROTL_MUL_XOR}: the word is loaded where the mix is, and its slot no longer
 * written.</li>
 * </ul>
 * Each intermediate must be read by nothing else: the next instruction overwrites it, or no path
 * after it reads it. Nothing may branch to the instructions after the first.
 */
final class RotationFusion {
    private RotationFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_ROTL_IMM) == 0) return code;
        return loadedAndMixedIn(mixedIn(CodeRewrite.fuseAdjacent(code, RotationFusion::fused)));
    }

    /** Each I32_MUL_ROTL_IMM followed by the I32_MUL_IMM of its result and the I32_XOR of that, as one I32_MUL_ROTL_MUL_XOR. */
    private static int[] mixedIn(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_MUL_ROTL_IMM) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.I32_MUL_ROTL_IMM, (original, rotation, rewrite) -> {
            int product = rotation + Op.length(original, rotation);
            if (product >= original.length || original[product] != Op.I32_MUL_IMM || rewrite.label(product)) return;
            int mix = product + Op.length(original, product);
            if (mix >= original.length || original[mix] != Op.I32_XOR || rewrite.label(mix)) return;
            int rotated = original[rotation + 1];
            int multiplied = original[product + 1];
            int other = original[mix + 2] == multiplied ? original[mix + 3]
                    : original[mix + 3] == multiplied ? original[mix + 2] : -1;
            // The fused instruction reads the other operand first: the two results it no longer writes must not be it.
            if (original[product + 2] != rotated || other < 0 || other == rotated || other == multiplied
                    || !rewrite.deadAfter(product, rotated) || !rewrite.deadAfter(mix, multiplied)) {
                return;
            }
            rewrite.remove(rotation);
            rewrite.remove(product);
            rewrite.replace(mix, new int[] {Op.I32_MUL_ROTL_MUL_XOR, original[mix + 1], original[rotation + 2],
                    original[rotation + 3], original[rotation + 4], original[product + 3], other});
        });
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

    /** Each LOAD32_S (or LOAD32_U) whose word only the I32_MUL_ROTL_MUL_XOR right after it reads, as one I32_LOAD_MUL_ROTL_MUL_XOR. */
    private static int[] loadedAndMixedIn(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.I32_MUL_ROTL_MUL_XOR) == 0) return code;
        return CodeRewrite.fuseAdjacent(code, (original, load, mix, rewrite) -> {
            if (original[load] != Op.LOAD32_S && original[load] != Op.LOAD32_U || original[mix] != Op.I32_MUL_ROTL_MUL_XOR) {
                return null;
            }
            int word = original[load + 1];
            // The fused instruction reads the hash after the load: the word it no longer writes must not be it.
            if (original[mix + 2] != word || original[mix + 6] == word || !rewrite.deadAfter(mix, word)) return null;
            return new int[] {Op.I32_LOAD_MUL_ROTL_MUL_XOR, original[mix + 1], original[load + 2], original[mix + 3],
                    original[mix + 4], original[mix + 5], original[mix + 6], original[load + 3], original[load + 4]};
        });
    }
}
