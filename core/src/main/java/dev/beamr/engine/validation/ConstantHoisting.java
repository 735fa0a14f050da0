package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.Arrays;

/**
 * Moves a constant written inside a loop to just before the loop, so that it is written once
 * instead of on every turn: clang materializes an f64 constant at its use, and nbody's pair loop
 * writes its time step to a slot on each turn to divide it by a distance. A loop here is the code
 * from a label to the last branch back to it; outer loops come first, so a constant leaves every
 * loop it can.
 *
 * <p>A constant moves when the loop is entered only by falling into its label from an instruction
 * that does not branch; the loop holds only instructions whose slot writes {@link Operands} knows
 * (no calls, no branches that copy values); every write to the constant's slot in the loop writes
 * that same constant; and no path from the label reads the slot before writing it, so that what the
 * slot held before the loop is never seen. Functions with exception handlers are left as they are,
 * like the other passes over lowered code.
 */
final class ConstantHoisting {
    private ConstantHoisting() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, Op::isConstant) == 0 || !hasLoop(code)) return code;
        // For each label: the last instruction that branches back to it, and the first that branches to it.
        int[] lastBranch = new int[code.length];
        int[] firstBranch = new int[code.length];
        Arrays.fill(lastBranch, -1);
        Arrays.fill(firstBranch, -1);
        int previous = -1;
        int[] before = new int[code.length];
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            before[pc] = previous;
            previous = pc;
            int source = pc;
            Operands.targets(code, pc, target -> {
                if (firstBranch[target] < 0) firstBranch[target] = source;
                lastBranch[target] = Math.max(lastBranch[target], source);
            });
        }
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int label = 0; label < code.length; label += Op.length(code, label)) {
            int end = lastBranch[label];
            if (end >= label && firstBranch[label] >= label && before[label] >= 0) {
                hoist(code, label, end, before[label], rewrite);
            }
        }
        return rewrite.result();
    }

    private static boolean hasLoop(int[] code) {
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int source = pc;
            boolean[] back = {false};
            Operands.targets(code, pc, target -> back[0] |= target <= source);
            if (back[0]) return true;
        }
        return false;
    }

    /** Moves the constants that may leave the loop from {@code label} to {@code end} to after {@code entry}, the instruction falling into it. */
    private static void hoist(int[] code, int label, int end, int entry, CodeRewrite rewrite) {
        if (!rewrite.original(entry) || rewrite.branches(entry)) return;
        int loopEnd = end + Op.length(code, end);
        for (int pc = label; pc < loopEnd; pc += Op.length(code, pc)) {
            int op = code[pc];
            if (!Operands.described(op) || op == Op.BR || op == Op.BR_IF) return;
        }
        int[] moved = new int[0];
        for (int pc = label; pc < loopEnd; pc += Op.length(code, pc)) {
            if (!Op.isConstant(code[pc]) || !rewrite.original(pc)) continue;
            int slot = code[pc + 1];
            long value = Op.constant(code, pc);
            if (!onlyWrittenWith(code, label, loopEnd, slot, value)) continue;
            if (rewrite.readOnSomePath(CodeRewrite.starting(label), slot)) continue;
            int[] instruction = Arrays.copyOfRange(code, pc, pc + Op.length(code, pc));
            for (int other = pc; other < loopEnd; other += Op.length(code, other)) {
                if (Op.isConstant(code[other]) && code[other + 1] == slot) rewrite.remove(other);
            }
            moved = concat(moved, instruction);
        }
        if (moved.length > 0) {
            rewrite.replace(entry, concat(Arrays.copyOfRange(code, entry, entry + Op.length(code, entry)), moved));
        }
    }

    /** Whether every instruction from {@code label} to {@code loopEnd} that writes {@code slot} writes {@code value} as a constant. */
    private static boolean onlyWrittenWith(int[] code, int label, int loopEnd, int slot, long value) {
        for (int pc = label; pc < loopEnd; pc += Op.length(code, pc)) {
            if (!Operands.writes(code, pc, slot)) continue;
            if (!Op.isConstant(code[pc]) || Op.constant(code, pc) != value) return false;
        }
        return true;
    }

    private static int[] concat(int[] first, int[] second) {
        int[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
