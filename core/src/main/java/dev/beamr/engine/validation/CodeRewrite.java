package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.function.IntPredicate;

/**
 * A function's code as a pass rewrites it: instructions replaced or removed by their offset in the
 * original, then laid out again with every branch target moved along.
 */
final class CodeRewrite {
    /** How many instructions one search for a read of a slot visits before it assumes there is one. */
    static final int SEARCH_LIMIT = 4096;
    private static final int[] REMOVED = {};

    private final int[] code;
    private final boolean[] labels;
    /** What replaces the instruction starting at each offset: null to keep it, {@link #REMOVED} to drop it. */
    private final int[][] replaced;
    private boolean changed;
    /**
     * Instructions that {@link #search} may still visit, linear in the code's size, so that a pass
     * searching from many places of a long function stays fast; when none are left, every search
     * answers that the slot is read, which changes nothing.
     */
    private long searchBudget;

    CodeRewrite(int[] code) {
        this.code = code;
        this.searchBudget = budget(code);
        this.labels = new boolean[code.length];
        this.replaced = new int[code.length][];
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            Operands.targets(code, pc, target -> labels[target] = true);
        }
    }

    /** Instructions a pass over {@code code} may visit: linear in its size, with an allowance for short code. */
    static long budget(int[] code) {
        return 64L * code.length + 65_536;
    }

    /**
     * How many instructions of {@code code} have an opcode {@code ops} accepts: a pass with nothing to
     * work on returns before it allocates anything, which matters for modules of many tiny functions.
     */
    static int count(int[] code, IntPredicate ops) {
        int count = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (ops.test(code[pc])) count++;
        }
        return count;
    }

    /** What a pass does at one instruction: rewrite it and the ones after it, or leave them. */
    interface Step {
        void at(int[] code, int pc, CodeRewrite rewrite);
    }

    /** Runs {@code step} at each instruction with opcode {@code op}, in order, and returns the code as rewritten. */
    static int[] rewriteAt(int[] code, int op, Step step) {
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (code[pc] == op) step.at(code, pc, rewrite);
        }
        return rewrite.result();
    }

    /** What a pass makes of two instructions in a row: the one instruction that replaces both, or null to keep them. */
    interface Pair {
        int[] fused(int[] code, int first, int second, CodeRewrite rewrite);
    }

    /**
     * Offers {@code pair} every two instructions in a row where the second is no label (a branch to
     * it would skip the first) and the first is still as the code holds it, and makes each fusion it
     * answers: the first instruction is removed and the second replaced. A fused instruction is not
     * offered again as the first of a pair.
     */
    static int[] fuseAdjacent(int[] code, Pair pair) {
        CodeRewrite rewrite = new CodeRewrite(code);
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int next = pc + Op.length(code, pc);
            if (next >= code.length || rewrite.label(next) || !rewrite.original(pc)) continue;
            int[] fused = pair.fused(code, pc, next, rewrite);
            if (fused == null) continue;
            rewrite.remove(pc);
            rewrite.replace(next, fused);
            pc = next;
        }
        return rewrite.result();
    }

    /** Whether some branch goes to the instruction at {@code pc}. */
    boolean label(int pc) {
        return labels[pc];
    }

    void remove(int pc) {
        replace(pc, REMOVED);
    }

    /** Replaces the instruction at {@code pc} by {@code instruction}, whose branch targets are offsets in the original code. */
    void replace(int pc, int[] instruction) {
        replaced[pc] = instruction;
        changed = true;
    }

    /** Whether the instruction at {@code pc} is still the one the code holds. */
    boolean original(int pc) {
        return replaced[pc] == null;
    }

    /** The instruction replacing the one at {@code pc}, at offset 0; null when it is kept or removed. */
    int[] replacement(int pc) {
        int[] replacement = replaced[pc];
        return replacement == REMOVED ? null : replacement;
    }

    boolean changed() {
        return changed;
    }

    /** The result of {@link #search}: whether a path reads the slot, and how many instructions were visited. */
    record Search(boolean read, int steps) {}

    static Deque<Integer> starting(int pc) {
        Deque<Integer> starts = new ArrayDeque<>();
        starts.push(pc);
        return starts;
    }

    /** Whether the instruction at {@code pc} may branch, or does not fall through: it ends a straight line. */
    boolean branches(int pc) {
        boolean[] branches = {!Operands.fallsThrough(code[pc])};
        Operands.targets(code, pc, target -> branches[0] = true);
        return branches[0];
    }

    /** The offsets execution may go to after the instruction at {@code pc}. */
    Deque<Integer> successors(int pc) {
        Deque<Integer> next = new ArrayDeque<>();
        Operands.targets(code, pc, next::push);
        if (Operands.fallsThrough(code[pc])) next.push(pc + Op.length(code, pc));
        return next;
    }

    /**
     * Whether nothing reads numeric slot {@code slot} after the instruction at {@code pc}, one the
     * code holds: the instruction overwrites it, or no path from it reads it ({@link #readOnSomePath}).
     */
    boolean deadAfter(int pc, int slot) {
        return Operands.writes(code, pc, slot) || !readOnSomePath(successors(pc), slot);
    }

    /** As {@link #search(Deque, int, int)} within {@link #SEARCH_LIMIT}: whether a path reads the slot. */
    boolean readOnSomePath(Deque<Integer> starts, int slot) {
        return search(starts, slot, SEARCH_LIMIT).read();
    }

    /**
     * Whether a path from one of {@code starts} reads numeric slot {@code slot} before writing it, in
     * the code as it will be once the replacements so far are made. A path that meets an opaque
     * instruction counts as reading it, and so does the search once it has visited {@code limit}
     * instructions or spent what is left of this rewrite's budget for searches.
     */
    Search search(Deque<Integer> starts, int slot, int limit) {
        BitSet visited = new BitSet(code.length);
        int steps = 0;
        while (!starts.isEmpty()) {
            int pc = starts.pop();
            while (pc < code.length && !visited.get(pc)) {
                if (++steps > limit || --searchBudget < 0) return new Search(true, steps);
                visited.set(pc);
                int[] replacement = replacement(pc);
                if (original(pc)) {
                    if (Operands.reads(code, pc, slot)) return new Search(true, steps);
                    if (Operands.writes(code, pc, slot)) break;
                    Operands.targets(code, pc, starts::push);
                    if (!Operands.fallsThrough(code[pc])) break;
                } else if (replacement != null) {
                    if (Operands.reads(replacement, 0, slot)) return new Search(true, steps);
                    if (Operands.writes(replacement, 0, slot)) break;
                    Operands.targets(replacement, 0, starts::push);
                    if (!Operands.fallsThrough(replacement[0])) break;
                }
                pc += Op.length(code, pc);
            }
        }
        return new Search(false, steps);
    }

    /** The code with the replacements made, its branch targets moved with the instructions. */
    int[] result() {
        if (!changed) return code;
        int[] moved = new int[code.length + 1];
        int size = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            moved[pc] = size;
            size += replaced[pc] == null ? Op.length(code, pc) : replaced[pc].length;
        }
        moved[code.length] = size;
        int[] compacted = new int[size];
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            int[] replacement = replaced[pc];
            if (replacement == null) {
                System.arraycopy(code, pc, compacted, moved[pc], Op.length(code, pc));
            } else {
                System.arraycopy(replacement, 0, compacted, moved[pc], replacement.length);
            }
        }
        for (int pc = 0; pc < size; pc += Op.length(compacted, pc)) {
            Operands.targetPositions(compacted, pc, position -> compacted[position] = moved[compacted[position]]);
        }
        return compacted;
    }
}
