package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;

import java.util.Arrays;

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
            int[] fused = Arrays.copyOfRange(original, load, store + Op.length(original, store));
            // The three instructions' operands in a row, their opcodes dropped.
            int[] operands = new int[fused.length - 2];
            operands[0] = Op.F64_LOAD_MUL_ADD_STORE;
            System.arraycopy(fused, 1, operands, 1, 4);
            System.arraycopy(fused, 6, operands, 5, 4);
            System.arraycopy(fused, 11, operands, 9, 4);
            rewrite.replace(load, operands);
            rewrite.remove(multiplyAdd);
            rewrite.remove(store);
        });
    }
}
