package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.BitSet;
import java.util.Deque;

/**
 * Removes an addition of a constant whose sum only serves as the address of memory accesses after
 * it, or is copied: {@code t = x + k; .. store(t, v); .. y = t} becomes
 * {@code .. store(x + k, v); .. y = x + k}, the access adding the constant as its addend and the copy
 * becoming the addition, one instruction fewer. The lowering folds an addition into the access that
 * consumes it right away; this pass catches the sums that wait in a slot, as when clang keeps an
 * address in a local ({@code local.tee}) for an access further on, computes a store's address before
 * its value, or steps a loop's pointer by copying a sum it computed earlier.
 *
 * <p>A sum folds when, in the straight line after the addition (no label in between), it is read
 * only that way (an address with no addend of its own, or the source of a copy), before {@code x} or
 * the sum's slot is written again, and no path from there reads it. Functions with exception
 * handlers are left as they are, since a throw may reach a handler from inside the line.
 */
final class AddressFolding {
    private static final int MAX_ROUNDS = 4;

    private final int[] code;
    private final CodeRewrite rewrite;
    /** Instructions the pass may still visit, in all its rounds; when none are left, it folds no more. */
    private long budget;

    private AddressFolding(int[] code, long budget) {
        this.code = code;
        this.rewrite = new CodeRewrite(code);
        this.budget = budget;
    }

    /**
     * The code with the sums that only serve as addresses or copies folded into their readers;
     * {@code code} itself when there is none. A fold can enable another that an earlier addition was
     * waiting for (its {@code x} written by an addition that folds), so the pass runs again on its
     * output while it changes something, at most {@link #MAX_ROUNDS} times. The instructions it visits
     * are bounded by a budget linear in the code's size, so that no function, however long its
     * straight lines, makes validation slow.
     */
    static int[] apply(int[] code) {
        return apply(code, CodeRewrite.budget(code));
    }

    /** As {@link #apply(int[])}, visiting at most {@code budget} instructions. */
    static int[] apply(int[] code, long budget) {
        if (CodeRewrite.count(code, op -> op == Op.I32_ADD_IMM || op == Op.I64_ADD_IMM) == 0) return code;
        for (int round = 0; round < MAX_ROUNDS && budget > 0; round++) {
            AddressFolding folding = new AddressFolding(code, budget);
            for (int pc = 0; pc < code.length && folding.budget > 0; pc += Op.length(code, pc)) {
                if (code[pc] == Op.I32_ADD_IMM || code[pc] == Op.I64_ADD_IMM) folding.fold(pc);
            }
            budget = folding.budget;
            if (!folding.rewrite.changed()) break;
            code = folding.rewrite.result();
        }
        return code;
    }

    /** Rewrites the readers of the sum computed at {@code add} and removes the addition, or changes nothing when it cannot. */
    private void fold(int add) {
        int sum = code[add + 1];
        int base = code[add + 2];
        BitSet readers = new BitSet();
        int at = add + Op.length(code, add);
        boolean dead;
        for (;;) {
            if (--budget <= 0) return;
            if (at >= code.length || rewrite.label(at)) {
                dead = !readers.isEmpty() && !readLater(CodeRewrite.starting(at), sum);
                break;
            }
            int op = code[at];
            // An instruction an earlier fold replaced is not what the code says: stop short of it.
            if (!Operands.described(op) || !rewrite.original(at)) return;
            int folded = op == Op.COPY && code[at + 2] == sum ? 1 : addressUses(at, sum);
            if (folded < 0 || Operands.readCount(code, at, sum) != folded) return;
            if (folded > 0) readers.set(at);
            if (Operands.writes(code, at, sum)) {
                dead = !readers.isEmpty();
                break;
            }
            if (Operands.writes(code, at, base) || rewrite.branches(at)) {
                dead = !readers.isEmpty() && !readLater(rewrite.successors(at), sum);
                break;
            }
            at += Op.length(code, at);
        }
        if (!dead) return;
        for (int reader = readers.nextSetBit(0); reader >= 0; reader = readers.nextSetBit(reader + 1)) {
            if (code[reader] == Op.COPY) {
                rewrite.replace(reader, new int[] {code[add], code[reader + 1], base, code[add + 3]});
            } else {
                int[] addresses = Operands.addresses(code[reader]);
                int[] addends = Operands.addends(code[reader]);
                for (int i = 0; i < addresses.length; i++) {
                    if (code[reader + addresses[i]] == sum) {
                        code[reader + addresses[i]] = base;
                        code[reader + addends[i]] = code[add + 3];
                    }
                }
            }
        }
        rewrite.remove(add);
    }

    /** How many of the instruction's addresses are the slot with no addend, or -1 when one has an addend, which would not fold. */
    private int addressUses(int pc, int slot) {
        int[] addresses = Operands.addresses(code[pc]);
        int[] addends = Operands.addends(code[pc]);
        int count = 0;
        for (int i = 0; i < addresses.length; i++) {
            if (code[pc + addresses[i]] != slot) continue;
            if (code[pc + addends[i]] != 0) return -1;
            count++;
        }
        return count;
    }

    /** Whether a path from {@code starts} reads the slot, within the search limit and what is left of the budget. */
    private boolean readLater(Deque<Integer> starts, int slot) {
        CodeRewrite.Search search = rewrite.search(starts, slot, (int) Math.min(CodeRewrite.SEARCH_LIMIT, budget));
        budget -= search.steps();
        return search.read();
    }
}
