package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

/**
 * Fuses an f64 load, the multiply-add right after it that reads the loaded value, and the store
 * right after that of the sum into one {@link Op#F64_LOAD_MUL_ADD_STORE}: {@code x += v[i] * dt;
 * p->x = x}, as an integrator steps positions. The three run in their order, so the loaded value
 * and the sum are still written to their slots. Nothing may branch to the second or third, since
 * the instructions before them would then be skipped.
 */
final class AccumulationFusion {
    private AccumulationFusion() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL_ADD) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.LOAD64, (original, load, rewrite) -> {
            int multiplyAdd = load + Op.length(original, load);
            if (multiplyAdd >= original.length || original[multiplyAdd] != Op.F64_MUL_ADD || rewrite.label(multiplyAdd)) return;
            int loaded = original[load + 1];
            if (original[multiplyAdd + 3] != loaded && original[multiplyAdd + 4] != loaded) return;
            int store = multiplyAdd + Op.length(original, multiplyAdd);
            if (store >= original.length || original[store] != Op.STORE64 || rewrite.label(store)
                    || original[store + 2] != original[multiplyAdd + 1]) {
                return;
            }
            // The three instructions' operands in a row, four each, their opcodes dropped.
            int[] fused = new int[13];
            fused[0] = Op.F64_LOAD_MUL_ADD_STORE;
            System.arraycopy(original, load + 1, fused, 1, 4);
            System.arraycopy(original, multiplyAdd + 1, fused, 5, 4);
            System.arraycopy(original, store + 1, fused, 9, 4);
            rewrite.replace(load, fused);
            rewrite.remove(multiplyAdd);
            rewrite.remove(store);
        });
    }
}
