package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves an i32 load below the addition or pair of additions of constants right after it, when a
 * signed test of the loaded value follows them and they neither read nor write that value: the
 * load then reads through its address slot as the additions left it, its addend less what they
 * added to the slot. {@link TestFusion} then joins the load with its test, as in a quicksort's scan
 * down, {@code do { j--; x = a[j]; p = &a[j] - 1; } while (pivot < x)}, which clang writes with the
 * pointer's step between the load and the test.
 *
 * <p>Addresses wrap as the additions do: modulo 2^32 for a 32-bit memory, whose address slots only
 * i32 additions write, and 2^64 for memory64, whose only i64 additions write. A load that traps now
 * does so after the additions, which only changes slots of the frame the trap ends (these passes
 * run only on functions without exception handlers).
 */
final class LoadSinking {
    private LoadSinking() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.LOAD32_S) == 0) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int steps = pc + Op.length(code, pc);
            if (code[pc] != Op.LOAD32_S || steps >= code.length || rewrite.label(steps)) continue;
            int test = steps + Op.length(code, steps);
            if (test >= code.length || rewrite.label(test) || code[test] != Op.JUMP_IF_I32_LT_S) continue;
            int loaded = code[pc + 1];
            if (code[test + 1] != loaded && code[test + 2] != loaded) continue;
            if (Operands.reads(code, steps, loaded) || Operands.writes(code, steps, loaded)) continue;
            Long step = addressStep(code, steps, code[pc + 2]);
            if (step == null) continue;
            long addend = code[pc + 3] - step;
            if (addend != (int) addend) continue;
            int[] load = Arrays.copyOfRange(code, pc, steps);
            load[3] = (int) addend;
            rewrite.replace(pc, Arrays.copyOfRange(code, steps, test));
            rewrite.replace(steps, load);
            pc = steps;
        }
        return rewrite.result();
    }

    /**
     * What the additions of constants at {@code pc} (an _ADD_IMM or _ADD_IMM_2) add to slot
     * {@code address}, following the sums from one to the next; null if they are not such
     * additions or leave the slot holding something else.
     */
    private static Long addressStep(int[] code, int pc, int address) {
        // [dst, a, imm] of each addition, in the order they run; a pair encodes its second one first.
        int[][] additions = switch (code[pc]) {
            case Op.I32_ADD_IMM, Op.I64_ADD_IMM -> new int[][] {{code[pc + 1], code[pc + 2], code[pc + 3]}};
            case Op.I32_ADD_IMM_2, Op.I64_ADD_IMM_2 -> new int[][] {
                    {code[pc + 4], code[pc + 5], code[pc + 6]}, {code[pc + 1], code[pc + 2], code[pc + 3]}};
            default -> null;
        };
        if (additions == null) return null;
        // Slots known to hold the address slot's old value plus a constant.
        Map<Integer, Long> offsets = new HashMap<>();
        offsets.put(address, 0L);
        for (int[] addition : additions) {
            Long offset = offsets.get(addition[1]);
            if (offset == null) {
                offsets.remove(addition[0]);
            } else {
                offsets.put(addition[0], offset + addition[2]);
            }
        }
        return offsets.get(address);
    }
}
