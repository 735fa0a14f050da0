package dev.beamr.engine.ir;

import java.util.function.IntConsumer;

/**
 * What instructions do with numeric slots and where control goes after them, for the passes that
 * analyse or rewrite the intermediate form. An instruction this class does not describe (calls,
 * exceptions, tables, bulk memory, reference instructions, {@code BR_TABLE}) is <em>opaque</em>: it
 * counts as reading every slot and writing none, so an analysis that meets one assumes the worst.
 */
public final class Operands {
    private Operands() {}

    private static final int[] NONE = {};
    /** Positions, relative to the opcode, of the slots each described instruction reads; null when opaque. */
    private static final int[][] READS = new int[Op.COUNT][];
    /** Positions of the slots each described instruction writes. */
    private static final int[][] WRITES = new int[Op.COUNT][];
    /** Positions of each memory access's address slot, each followed by its addend at the position in {@link #ADDENDS}. */
    private static final int[][] ADDRESSES = new int[Op.COUNT][];
    private static final int[][] ADDENDS = new int[Op.COUNT][];

    static {
        for (int op = 0; op < Op.COUNT; op++) {
            WRITES[op] = NONE;
            ADDRESSES[op] = NONE;
            ADDENDS[op] = NONE;
        }
        describe(NONE, NONE, Op.UNREACHABLE, Op.JUMP, Op.FUEL, Op.WHOLE_LOOP);
        // Branch copies and returns read a run of slots, which reads() checks besides these.
        describe(NONE, NONE, Op.BR, Op.RETURN);
        describe(new int[] {1}, NONE, Op.JUMP_IF, Op.JUMP_UNLESS, Op.JUMP_IF_64, Op.JUMP_UNLESS_64, Op.BR_IF, Op.GLOBAL_SET);
        describe(new int[] {2}, new int[] {1}, Op.COPY);
        describe(NONE, new int[] {1}, Op.GLOBAL_GET, Op.CONST_32, Op.CONST_64, Op.MEMORY_SIZE);
        describe(new int[] {2, 3, 4}, new int[] {1}, Op.SELECT, Op.F64_MUL_ADD, Op.F64_MUL_SUB);
        for (int op = Op.LOAD8_S; op <= Op.LOAD64; op++) access(op, new int[] {2}, new int[] {1}, 2, 3);
        for (int op = Op.STORE8; op <= Op.STORE64; op++) access(op, new int[] {1, 2}, NONE, 1, 3);
        for (int op = Op.STORE8_IMM; op <= Op.STORE64_IMM; op++) access(op, new int[] {1}, NONE, 1, 3);
        for (int op = Op.I32_EQZ; op <= Op.I64_TRUNC_SAT_F64_U; op++) {
            describe(Op.isUnaryNumeric(op) ? new int[] {2} : new int[] {2, 3}, new int[] {1}, op);
        }
        for (int op = Op.I32_ADD_IMM; op <= Op.I64_SHR_U_IMM; op++) describe(new int[] {2}, new int[] {1}, op);
        describe(new int[] {2}, new int[] {1}, Op.I32_ADD_IMM_JUMP_IF, Op.I64_ADD_IMM_JUMP_IF, Op.I32_MUL_ADD_IMM,
                Op.I32_MUL_ROTL_IMM, Op.I32_ROTL_MUL_ADD_IMM);
        describe(new int[] {2, 6}, new int[] {1}, Op.I32_MUL_ROTL_MUL_XOR);
        access(Op.I32_LOAD_MUL_ROTL_MUL_XOR, new int[] {2, 6}, new int[] {1}, 2, 7);
        describe(new int[] {2, 3, 4, 5, 6, 7}, new int[] {1}, Op.F64_DOT_3);
        describe(new int[] {2, 3}, new int[] {1}, Op.F64_DIV_MUL_SQRT);
        for (int op = Op.JUMP_IF_I32_EQ; op <= Op.JUMP_IF_I64_LE_U; op++) {
            boolean immediate = op >= Op.JUMP_IF_I32_EQ_IMM && op <= Op.JUMP_IF_I32_GE_U_IMM;
            describe(immediate ? new int[] {1} : new int[] {1, 2}, NONE, op);
        }
        for (int op = Op.F64_ADD_LOAD; op <= Op.F64_MUL_LOAD; op++) access(op, new int[] {2, 3}, new int[] {1}, 3, 4);
        access(Op.F64_ADD_LOAD_STORE, new int[] {1, 2}, NONE, 2, 3);
        access(Op.F64_MUL_ADD_LOAD_STORE, new int[] {1, 2, 3}, NONE, 3, 4);
        access(Op.F64_MUL_SUB_LOAD_STORE, new int[] {1, 2, 3}, NONE, 3, 4);
        access(Op.F64_MUL_MUL_ADD_LOAD_STORE, new int[] {1, 2, 3, 4}, NONE, 4, 5);
        access(Op.F64_MUL_MUL_SUB_LOAD_STORE, new int[] {1, 2, 3, 4}, NONE, 4, 5);
        for (int op : new int[] {Op.F64_MUL_MUL_ADD_LOAD_STORE_3, Op.F64_MUL_MUL_SUB_LOAD_STORE_3}) {
            describe(new int[] {1, 2, 3, 4, 7, 8, 11, 12}, NONE, op);
            ADDRESSES[op] = new int[] {4, 8, 12};
            ADDENDS[op] = new int[] {5, 9, 13};
        }
        access(Op.F64_MUL_LOAD_ADD_STORE, new int[] {1, 2, 5}, NONE, 2, 3);
        ADDRESSES[Op.F64_MUL_LOAD_ADD_STORE] = new int[] {2, 5};
        ADDENDS[Op.F64_MUL_LOAD_ADD_STORE] = new int[] {3, 6};
        // A pair's second addition and a step's comparison read after the write; counting those reads
        // as coming first only makes analyses more cautious.
        describe(new int[] {2, 5}, new int[] {1, 4}, Op.I32_ADD_IMM_2, Op.I64_ADD_IMM_2);
        describe(new int[] {2, 4}, new int[] {1}, Op.I32_ADD_IMM_JUMP_IF_NE, Op.I64_ADD_IMM_JUMP_IF_NE);
        describe(new int[] {2, 3, 4}, new int[] {1}, Op.I32_ADD_JUMP_IF_LT_S);
        // The step's reads come after the store, which writes no slot.
        access(Op.STORE8_IMM_ADD_JUMP_IF_LT_S, new int[] {1, 6, 7, 8}, new int[] {5}, 1, 3);
        access(Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S, new int[] {1, 6, 7, 8, 10, 11}, new int[] {5, 10}, 1, 3);
        access(Op.LOAD32_JUMP_IF_LT_S, new int[] {2, 5}, new int[] {1}, 2, 3);
        access(Op.LOAD32_JUMP_IF_GT_S, new int[] {2, 5}, new int[] {1}, 2, 3);
        describe(new int[] {1, 3, 5, 7}, new int[] {1, 3, 5}, Op.I32_STEP_2_JUMP_IF_NE, Op.I64_STEP_2_JUMP_IF_NE);
        describe(new int[] {1, 3}, new int[] {1, 3}, Op.I32_STEP_JUMP_IF, Op.I64_STEP_JUMP_IF);
        // The multiply-add and the store read after the load's write; counting those reads as coming first only makes analyses more cautious.
        access(Op.F64_LOAD_MUL_ADD_STORE, new int[] {2, 6, 7, 8, 9, 10}, new int[] {1, 5}, 2, 3);
        ADDRESSES[Op.F64_LOAD_MUL_ADD_STORE] = new int[] {2, 9};
        ADDENDS[Op.F64_LOAD_MUL_ADD_STORE] = new int[] {3, 11};
    }

    private static void describe(int[] reads, int[] writes, int... ops) {
        for (int op : ops) {
            READS[op] = reads;
            WRITES[op] = writes;
        }
    }

    private static void access(int op, int[] reads, int[] writes, int address, int addend) {
        describe(reads, writes, op);
        ADDRESSES[op] = new int[] {address};
        ADDENDS[op] = new int[] {addend};
    }

    /** Whether the instruction's reads and writes are described here (see the class documentation). */
    public static boolean described(int op) {
        return READS[op] != null;
    }

    /** Whether the instruction at {@code pc} may read numeric slot {@code slot}; an opaque one may read any. */
    public static boolean reads(int[] code, int pc, int slot) {
        return readCount(code, pc, slot) > 0;
    }

    /**
     * How many of the operands of the instruction at {@code pc} read numeric slot {@code slot} (a
     * branch copy or return reading a run of slots that holds it counts once); an opaque instruction
     * counts as {@link Integer#MAX_VALUE}.
     */
    public static int readCount(int[] code, int pc, int slot) {
        int op = code[pc];
        int[] reads = READS[op];
        if (reads == null) return Integer.MAX_VALUE;
        int count = 0;
        for (int position : reads) {
            if (code[pc + position] == slot) count++;
        }
        boolean inCopiedRun = switch (op) {
            case Op.BR -> inRun(slot, code[pc + 2], code[pc + 4]);
            case Op.BR_IF -> inRun(slot, code[pc + 3], code[pc + 5]);
            case Op.RETURN -> inRun(slot, code[pc + 1], code[pc + 2]);
            default -> false;
        };
        return inCopiedRun ? count + 1 : count;
    }

    private static boolean inRun(int slot, int first, int count) {
        return slot >= first && slot < first + count;
    }

    /** Positions, relative to the opcode, of the slots a described instruction reads (besides a branch copy's or return's run). */
    public static int[] readPositions(int op) {
        return READS[op].clone();
    }

    /**
     * Whether {@code op} only computes the slot it writes from the slots it reads, after reading them
     * all, and cannot trap: constants, copies, selects and numeric instructions other than divisions,
     * remainders and trapping truncations.
     */
    public static boolean pure(int op) {
        return switch (op) {
            case Op.COPY, Op.CONST_32, Op.CONST_64, Op.SELECT, Op.F64_MUL_ADD, Op.F64_MUL_SUB, Op.I32_MUL_ADD_IMM,
                 Op.I32_MUL_ROTL_IMM, Op.I32_ROTL_MUL_ADD_IMM, Op.I32_MUL_ROTL_MUL_XOR, Op.F64_DOT_3,
                 Op.F64_DIV_MUL_SQRT -> true;
            case Op.I32_DIV_S, Op.I32_DIV_U, Op.I32_REM_S, Op.I32_REM_U, Op.I64_DIV_S, Op.I64_DIV_U, Op.I64_REM_S,
                 Op.I64_REM_U -> false;
            default -> op >= Op.I32_EQZ && op <= Op.I64_TRUNC_SAT_F64_U && !(op >= Op.I32_TRUNC_F32_S && op <= Op.I64_TRUNC_F64_U)
                    || op >= Op.I32_ADD_IMM && op <= Op.I64_SHR_U_IMM;
        };
    }

    /** Whether the instruction at {@code pc}, a described one, writes numeric slot {@code slot}. */
    public static boolean writes(int[] code, int pc, int slot) {
        for (int position : WRITES[code[pc]]) {
            if (code[pc + position] == slot) return true;
        }
        return false;
    }

    /** Passes each numeric slot the instruction at {@code pc}, a described one, writes. */
    public static void written(int[] code, int pc, IntConsumer slots) {
        for (int position : WRITES[code[pc]]) slots.accept(code[pc + position]);
    }

    /**
     * Positions, relative to the opcode, of the address slots of a short-form memory access (the
     * {@code addr} of {@code [.., addr, addend, offset]}); empty for other instructions. The addend
     * of each is at the same index of {@link #addends}.
     */
    public static int[] addresses(int op) {
        return ADDRESSES[op].clone();
    }

    /** The addend positions that go with {@link #addresses}. */
    public static int[] addends(int op) {
        return ADDENDS[op].clone();
    }

    /** Passes the position in {@code code} of each branch target of the instruction at {@code pc}. */
    public static void targetPositions(int[] code, int pc, IntConsumer positions) {
        int op = code[pc];
        switch (op) {
            case Op.JUMP, Op.BR, Op.BR_REFS -> positions.accept(pc + 1);
            case Op.JUMP_IF, Op.JUMP_UNLESS, Op.JUMP_IF_64, Op.JUMP_UNLESS_64, Op.BR_IF, Op.BR_IF_REFS -> positions.accept(pc + 2);
            case Op.I32_ADD_IMM_JUMP_IF, Op.I64_ADD_IMM_JUMP_IF -> positions.accept(pc + 4);
            case Op.I32_ADD_IMM_JUMP_IF_NE, Op.I64_ADD_IMM_JUMP_IF_NE, Op.I32_ADD_JUMP_IF_LT_S -> positions.accept(pc + 5);
            case Op.LOAD32_JUMP_IF_LT_S, Op.LOAD32_JUMP_IF_GT_S -> positions.accept(pc + 6);
            case Op.STORE8_IMM_ADD_JUMP_IF_LT_S, Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S -> positions.accept(pc + 9);
            case Op.I32_STEP_2_JUMP_IF_NE, Op.I64_STEP_2_JUMP_IF_NE -> positions.accept(pc + 8);
            case Op.I32_STEP_JUMP_IF, Op.I64_STEP_JUMP_IF -> positions.accept(pc + 5);
            case Op.BR_TABLE -> {
                for (int i = 0; i <= code[pc + 2]; i++) positions.accept(pc + 3 + 5 * i);
            }
            default -> {
                if (op >= Op.JUMP_IF_I32_EQ && op <= Op.JUMP_IF_I64_LE_U) positions.accept(pc + 3);
            }
        }
    }

    /** Passes each offset the instruction at {@code pc} may branch to. */
    public static void targets(int[] code, int pc, IntConsumer targets) {
        targetPositions(code, pc, position -> targets.accept(code[position]));
    }

    /** Whether execution may continue with the next instruction after {@code op}. */
    public static boolean fallsThrough(int op) {
        return switch (op) {
            case Op.UNREACHABLE, Op.JUMP, Op.BR, Op.BR_REFS, Op.BR_TABLE, Op.RETURN, Op.RETURN_REFS, Op.THROW, Op.RETHROW,
                 Op.RETURN_CALL, Op.RETURN_CALL_INDIRECT -> false;
            default -> true;
        };
    }
}
