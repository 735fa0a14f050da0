package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.HashMap;
import java.util.Map;

/**
 * Removes the writes of a constant to a slot that already holds it. clang materializes an f64 or i64
 * constant at each of its uses and the lowering gives each its stack slot, so a straight line of
 * code often writes the same constant to the same slot again (nbody's time step, once per body).
 * What a slot holds is known from the constants written to it earlier in the same straight line;
 * a label, an instruction writing the slot, an opaque instruction and a branch that does not fall
 * through forget it. Functions with exception handlers are left as they are, since a handler is
 * entered without a branch.
 */
final class ConstantReuse {
    private ConstantReuse() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, Op::isConstant) < 2) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        Map<Integer, Long> held = new HashMap<>();
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (rewrite.label(pc)) held.clear();
            int op = code[pc];
            if (Op.isConstant(op)) {
                long value = Op.constant(code, pc);
                Long before = held.put(code[pc + 1], value);
                if (before != null && before == value) rewrite.remove(pc);
            } else if (Operands.described(op) && Operands.fallsThrough(op)) {
                Operands.written(code, pc, held::remove);
            } else {
                held.clear();
            }
        }
        return rewrite.result();
    }
}
