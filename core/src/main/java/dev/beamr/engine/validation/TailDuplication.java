package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;

/**
 * Replaces a jump to a short run that returns by a copy of that run, as in
 * {@code return n < 2 ? n : f(n)}, where the early result would otherwise jump to the shared
 * return: that saves the jump, and the run it ended and the copy become one straight line, charged
 * at once. Both must be pure ({@link Operands#pure}), so nothing can happen between the two charges
 * that merging them could show. Code no path reaches any more is then dropped, and a FUEL that
 * directly follows another, its label no longer reached by a branch, joins it: a label no branch
 * reaches starts no run.
 */
final class TailDuplication {
    /** The most instructions, its return excluded, that a copied run may hold. */
    private static final int MAX_COPIED = 3;

    private TailDuplication() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.JUMP) == 0) return code;
        CodeRewrite rewrite = new CodeRewrite(code);
        // The current run's FUEL while every instruction since it is pure, else -1.
        int charge = -1;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int op = code[pc];
            if (op == Op.FUEL) {
                charge = pc;
                continue;
            }
            if (rewrite.label(pc)) charge = -1;
            if (op == Op.JUMP) {
                int target = code[pc + 1];
                int[] copy = charge < 0 ? null : returningRun(code, target);
                if (copy != null) {
                    int cost = code[charge + 1] + (code[target] == Op.FUEL ? code[target + 1] : 0);
                    rewrite.replace(charge, new int[] {Op.FUEL, cost});
                    rewrite.replace(pc, copy);
                }
                charge = -1;
            } else if (!Operands.pure(op)) {
                charge = -1;
            }
        }
        if (!rewrite.changed()) return code;
        return CodeRewrite.fuseAdjacent(withoutUnreachable(rewrite.result()), (moved, first, second, fuse) ->
                moved[first] == Op.FUEL && moved[second] == Op.FUEL
                        ? new int[] {Op.FUEL, moved[first + 1] + moved[second + 1]} : null);
    }

    /** {@code code} without the instructions no path from its entry reaches. */
    private static int[] withoutUnreachable(int[] code) {
        CodeRewrite rewrite = new CodeRewrite(code);
        BitSet reached = new BitSet(code.length);
        Deque<Integer> pending = CodeRewrite.starting(0);
        while (!pending.isEmpty()) {
            int pc = pending.pop();
            if (pc >= code.length || reached.get(pc)) continue;
            reached.set(pc);
            pending.addAll(rewrite.successors(pc));
        }
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (!reached.get(pc)) rewrite.remove(pc);
        }
        return rewrite.result();
    }

    /**
     * The instructions of the run at {@code target}, its FUEL left out, when they are at most
     * {@link #MAX_COPIED} pure ones followed by a return; else null.
     */
    private static int[] returningRun(int[] code, int target) {
        int start = code[target] == Op.FUEL ? target + Op.length(code, target) : target;
        int pc = start;
        for (int copied = 0; pc < code.length; copied++) {
            int op = code[pc];
            if (op == Op.RETURN || op == Op.RETURN_REFS) return Arrays.copyOfRange(code, start, pc + Op.length(code, pc));
            if (copied == MAX_COPIED || !Operands.pure(op)) return null;
            pc += Op.length(code, pc);
        }
        return null;
    }
}
