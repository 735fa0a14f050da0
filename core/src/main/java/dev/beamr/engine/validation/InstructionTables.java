package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.ValType;

import static dev.beamr.engine.model.ValType.F32;
import static dev.beamr.engine.model.ValType.F64;
import static dev.beamr.engine.model.ValType.I32;
import static dev.beamr.engine.model.ValType.I64;

/** Typing and lowering of the numeric and memory-access instructions, indexed by opcode byte. */
final class InstructionTables {
    private InstructionTables() {}

    /** Marks an instruction that needs no code because a slot already holds the result's bits. */
    static final int NO_CODE = -1;

    /**
     * A numeric instruction: pops one ({@code binary == false}) or two operands of type
     * {@code operand} and pushes {@code result}; lowered to {@code [op, slotOfFirstOperand]}.
     */
    record Numeric(int op, ValType operand, boolean binary, ValType result) {}

    /**
     * A load or store: {@code alignLog2} is the natural alignment, {@code op} the short-form opcode
     * (also the kind of MEM_LOAD / MEM_STORE), {@code type} the loaded or stored value's type.
     */
    record Access(int op, int alignLog2, ValType type, boolean store) {}

    /** Numeric instructions with a single-byte opcode (0x45 .. 0xC4); null where none. */
    static final Numeric[] NUMERIC = new Numeric[256];
    /** The saturating truncations, 0xFC 0 .. 7. */
    static final Numeric[] SATURATING = new Numeric[8];
    /** Loads and stores, 0x28 .. 0x3E; null where none. */
    static final Access[] ACCESS = new Access[256];

    static {
        unary(0x45, I32, I32, Op.I32_EQZ);
        binaryRange(0x46, 0x4F, I32, I32, Op.I32_EQ);
        unary(0x50, I64, I32, Op.I64_EQZ);
        binaryRange(0x51, 0x5A, I64, I32, Op.I64_EQ);
        binaryRange(0x5B, 0x60, F32, I32, Op.F32_EQ);
        binaryRange(0x61, 0x66, F64, I32, Op.F64_EQ);
        unaryRange(0x67, 0x69, I32, I32, Op.I32_CLZ);
        binaryRange(0x6A, 0x78, I32, I32, Op.I32_ADD);
        unaryRange(0x79, 0x7B, I64, I64, Op.I64_CLZ);
        binaryRange(0x7C, 0x8A, I64, I64, Op.I64_ADD);
        unaryRange(0x8B, 0x91, F32, F32, Op.F32_ABS);
        binaryRange(0x92, 0x98, F32, F32, Op.F32_ADD);
        unaryRange(0x99, 0x9F, F64, F64, Op.F64_ABS);
        binaryRange(0xA0, 0xA6, F64, F64, Op.F64_ADD);

        unary(0xA7, I64, I32, NO_CODE);
        unaryRange(0xA8, 0xA9, F32, I32, Op.I32_TRUNC_F32_S);
        unaryRange(0xAA, 0xAB, F64, I32, Op.I32_TRUNC_F64_S);
        unaryRange(0xAC, 0xAD, I32, I64, Op.I64_EXTEND_I32_S);
        unaryRange(0xAE, 0xAF, F32, I64, Op.I64_TRUNC_F32_S);
        unaryRange(0xB0, 0xB1, F64, I64, Op.I64_TRUNC_F64_S);
        unaryRange(0xB2, 0xB3, I32, F32, Op.F32_CONVERT_I32_S);
        unaryRange(0xB4, 0xB5, I64, F32, Op.F32_CONVERT_I64_S);
        unary(0xB6, F64, F32, Op.F32_DEMOTE_F64);
        unaryRange(0xB7, 0xB8, I32, F64, Op.F64_CONVERT_I32_S);
        unaryRange(0xB9, 0xBA, I64, F64, Op.F64_CONVERT_I64_S);
        unary(0xBB, F32, F64, Op.F64_PROMOTE_F32);
        unary(0xBC, F32, I32, NO_CODE);
        unary(0xBD, F64, I64, NO_CODE);
        unary(0xBE, I32, F32, NO_CODE);
        unary(0xBF, I64, F64, NO_CODE);
        unaryRange(0xC0, 0xC1, I32, I32, Op.I32_EXTEND8_S);
        unaryRange(0xC2, 0xC3, I64, I64, Op.I64_EXTEND8_S);
        unary(0xC4, I64, I64, Op.I64_EXTEND_I32_S);

        SATURATING[0] = new Numeric(Op.I32_TRUNC_SAT_F32_S, F32, false, I32);
        SATURATING[1] = new Numeric(Op.I32_TRUNC_SAT_F32_U, F32, false, I32);
        SATURATING[2] = new Numeric(Op.I32_TRUNC_SAT_F64_S, F64, false, I32);
        SATURATING[3] = new Numeric(Op.I32_TRUNC_SAT_F64_U, F64, false, I32);
        SATURATING[4] = new Numeric(Op.I64_TRUNC_SAT_F32_S, F32, false, I64);
        SATURATING[5] = new Numeric(Op.I64_TRUNC_SAT_F32_U, F32, false, I64);
        SATURATING[6] = new Numeric(Op.I64_TRUNC_SAT_F64_S, F64, false, I64);
        SATURATING[7] = new Numeric(Op.I64_TRUNC_SAT_F64_U, F64, false, I64);

        load(0x28, Op.LOAD32_S, 2, I32);
        load(0x29, Op.LOAD64, 3, I64);
        load(0x2A, Op.LOAD32_S, 2, F32);
        load(0x2B, Op.LOAD64, 3, F64);
        load(0x2C, Op.LOAD8_S, 0, I32);
        load(0x2D, Op.LOAD8_U, 0, I32);
        load(0x2E, Op.LOAD16_S, 1, I32);
        load(0x2F, Op.LOAD16_U, 1, I32);
        load(0x30, Op.LOAD8_S, 0, I64);
        load(0x31, Op.LOAD8_U, 0, I64);
        load(0x32, Op.LOAD16_S, 1, I64);
        load(0x33, Op.LOAD16_U, 1, I64);
        load(0x34, Op.LOAD32_S, 2, I64);
        load(0x35, Op.LOAD32_U, 2, I64);
        store(0x36, Op.STORE32, 2, I32);
        store(0x37, Op.STORE64, 3, I64);
        store(0x38, Op.STORE32, 2, F32);
        store(0x39, Op.STORE64, 3, F64);
        store(0x3A, Op.STORE8, 0, I32);
        store(0x3B, Op.STORE16, 1, I32);
        store(0x3C, Op.STORE8, 0, I64);
        store(0x3D, Op.STORE16, 1, I64);
        store(0x3E, Op.STORE32, 2, I64);
    }

    private static void unary(int opcode, ValType operand, ValType result, int op) {
        NUMERIC[opcode] = new Numeric(op, operand, false, result);
    }

    /** Opcodes first..last map to consecutive ops from firstOp, as the instruction set lists them in binary order. */
    private static void unaryRange(int first, int last, ValType operand, ValType result, int firstOp) {
        for (int opcode = first; opcode <= last; opcode++) unary(opcode, operand, result, firstOp + opcode - first);
    }

    private static void binaryRange(int first, int last, ValType operand, ValType result, int firstOp) {
        for (int opcode = first; opcode <= last; opcode++) {
            NUMERIC[opcode] = new Numeric(firstOp + opcode - first, operand, true, result);
        }
    }

    private static void load(int opcode, int op, int alignLog2, ValType type) {
        ACCESS[opcode] = new Access(op, alignLog2, type, false);
    }

    private static void store(int opcode, int op, int alignLog2, ValType type) {
        ACCESS[opcode] = new Access(op, alignLog2, type, true);
    }
}
