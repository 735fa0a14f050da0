package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

/**
 * Turns {@code a = mem[p]; .. d = a - x * y; mem[p] = d} into one F64_MUL_SUB_LOAD_STORE when the
 * load is further back than the lowering looks (nbody loads a body's velocity before the arithmetic
 * that computes how much it changes). The load moves down to the store, so the instructions in
 * between must not write memory (nothing between can change what it reads) or trap otherwise than a
 * load does, no branch may leave between them, and nothing may read {@code a} or {@code d}
 * afterwards. Functions with exception handlers are left as they are, like the other passes over
 * lowered code.
 */
final class InPlaceUpdates {
    /** How many instructions may separate the load from the subtraction. */
    private static final int DISTANCE_LIMIT = 256;

    private InPlaceUpdates() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.F64_MUL_SUB) == 0) return code;
        return CodeRewrite.rewriteAt(code, Op.LOAD64, InPlaceUpdates::fuse);
    }

    private static void fuse(int[] code, int load, CodeRewrite rewrite) {
        int a = code[load + 1];
        int p = code[load + 2];
        if (a == p || !rewrite.original(load)) return;
        int at = load + Op.length(code, load);
        for (int distance = 0; distance < DISTANCE_LIMIT && at < code.length && !rewrite.label(at); distance++) {
            int op = code[at];
            if (!rewrite.original(at)) return;
            if (op == Op.F64_MUL_SUB && code[at + 2] == a) {
                fuseAt(code, load, at, rewrite);
                return;
            }
            if (!readsMovePast(op) || rewrite.branches(at) || Operands.reads(code, at, a) || Operands.writes(code, at, a)
                    || Operands.writes(code, at, p)) {
                return;
            }
            at += Op.length(code, at);
        }
    }

    /** Fuses when the F64_MUL_SUB at {@code subtraction} is stored straight back where {@code load} read. */
    private static void fuseAt(int[] code, int load, int subtraction, CodeRewrite rewrite) {
        int a = code[load + 1];
        int d = code[subtraction + 1];
        int x = code[subtraction + 3];
        int y = code[subtraction + 4];
        int store = subtraction + Op.length(code, subtraction);
        if (x == a || y == a || store >= code.length || rewrite.label(store) || !rewrite.original(store)) return;
        boolean storedBack = code[store] == Op.STORE64 && code[store + 1] == code[load + 2] && code[store + 2] == d
                && code[store + 3] == code[load + 3] && code[store + 4] == code[load + 4];
        if (!storedBack || d == code[store + 1]) return;
        if (!rewrite.deadAfter(store, a) || d != a && !rewrite.deadAfter(store, d)) return;
        rewrite.remove(load);
        rewrite.replace(subtraction, new int[] {Op.F64_MUL_SUB_LOAD_STORE, x, y, code[load + 2], code[load + 3], code[load + 4]});
        rewrite.remove(store);
    }

    /**
     * Whether a load may move down past the instruction: it is itself a load, or a described
     * instruction that accesses no memory and cannot trap.
     */
    private static boolean readsMovePast(int op) {
        if (op >= Op.LOAD8_S && op <= Op.LOAD64 || op >= Op.F64_ADD_LOAD && op <= Op.F64_MUL_LOAD) return true;
        boolean traps = op >= Op.I32_DIV_S && op <= Op.I32_REM_U || op >= Op.I64_DIV_S && op <= Op.I64_REM_U
                || op >= Op.I32_TRUNC_F32_S && op <= Op.I64_TRUNC_F64_U;
        return Operands.described(op) && Operands.addresses(op).length == 0 && !traps;
    }
}
