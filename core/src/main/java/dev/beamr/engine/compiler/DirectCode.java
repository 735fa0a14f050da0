package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.Op;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.Map;

import static java.lang.constant.ConstantDescs.CD_Double;
import static java.lang.constant.ConstantDescs.CD_Float;
import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Long;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

/**
 * The hottest numeric instructions and comparisons as plain JVM bytecode rather than calls to
 * {@link CompiledOps}. Both compute the same; but every call the JIT inlines costs compile-time
 * nodes, and once a method reaches HotSpot's node budget the remaining calls stay real calls,
 * which in a large function would hit its memory accesses.
 */
final class DirectCode {
    private DirectCode() {}

    /** How operands and the result are converted between raw slot bits and JVM values. */
    enum Operands { INT, LONG, LONG_BY_INT, FLOAT, DOUBLE }

    record Operation(Operands operands, Opcode opcode) {}

    /** A comparison: how operands are converted, and the branch taken when it holds. */
    record Comparison(Operands operands, boolean unsigned, Opcode branch) {}

    private static final Map<Integer, Operation> OPERATIONS = new HashMap<>();
    private static final Map<Integer, Comparison> COMPARISONS = new HashMap<>();

    static {
        operation(Op.I32_ADD, Operands.INT, Opcode.IADD);
        operation(Op.I32_SUB, Operands.INT, Opcode.ISUB);
        operation(Op.I32_MUL, Operands.INT, Opcode.IMUL);
        operation(Op.I32_SHL, Operands.INT, Opcode.ISHL);
        operation(Op.I32_SHR_S, Operands.INT, Opcode.ISHR);
        operation(Op.I32_SHR_U, Operands.INT, Opcode.IUSHR);
        // Bitwise i32 operations work on the whole slot, as in the interpreter: readers use the low 32 bits.
        operation(Op.I32_AND, Operands.LONG, Opcode.LAND);
        operation(Op.I32_OR, Operands.LONG, Opcode.LOR);
        operation(Op.I32_XOR, Operands.LONG, Opcode.LXOR);
        operation(Op.I64_ADD, Operands.LONG, Opcode.LADD);
        operation(Op.I64_SUB, Operands.LONG, Opcode.LSUB);
        operation(Op.I64_MUL, Operands.LONG, Opcode.LMUL);
        operation(Op.I64_AND, Operands.LONG, Opcode.LAND);
        operation(Op.I64_OR, Operands.LONG, Opcode.LOR);
        operation(Op.I64_XOR, Operands.LONG, Opcode.LXOR);
        operation(Op.I64_SHL, Operands.LONG_BY_INT, Opcode.LSHL);
        operation(Op.I64_SHR_S, Operands.LONG_BY_INT, Opcode.LSHR);
        operation(Op.I64_SHR_U, Operands.LONG_BY_INT, Opcode.LUSHR);
        operation(Op.F32_ADD, Operands.FLOAT, Opcode.FADD);
        operation(Op.F32_SUB, Operands.FLOAT, Opcode.FSUB);
        operation(Op.F32_MUL, Operands.FLOAT, Opcode.FMUL);
        operation(Op.F32_DIV, Operands.FLOAT, Opcode.FDIV);
        operation(Op.F64_ADD, Operands.DOUBLE, Opcode.DADD);
        operation(Op.F64_SUB, Operands.DOUBLE, Opcode.DSUB);
        operation(Op.F64_MUL, Operands.DOUBLE, Opcode.DMUL);
        operation(Op.F64_DIV, Operands.DOUBLE, Opcode.DDIV);

        comparisons(Operands.INT, false, Op.I32_EQ, Op.I32_NE, Op.I32_LT_S, Op.I32_GT_S, Op.I32_LE_S, Op.I32_GE_S);
        comparisons(Operands.INT, true, -1, -1, Op.I32_LT_U, Op.I32_GT_U, Op.I32_LE_U, Op.I32_GE_U);
        comparisons(Operands.LONG, false, Op.I64_EQ, Op.I64_NE, Op.I64_LT_S, Op.I64_GT_S, Op.I64_LE_S, Op.I64_GE_S);
        comparisons(Operands.LONG, true, -1, -1, Op.I64_LT_U, Op.I64_GT_U, Op.I64_LE_U, Op.I64_GE_U);
    }

    private static void operation(int op, Operands operands, Opcode opcode) {
        OPERATIONS.put(op, new Operation(operands, opcode));
    }

    /** Registers eq, ne, lt, gt, le, ge (-1 where there is none). */
    private static void comparisons(Operands operands, boolean unsigned, int... ops) {
        Opcode[] intBranches = {Opcode.IF_ICMPEQ, Opcode.IF_ICMPNE, Opcode.IF_ICMPLT, Opcode.IF_ICMPGT, Opcode.IF_ICMPLE, Opcode.IF_ICMPGE};
        Opcode[] zeroBranches = {Opcode.IFEQ, Opcode.IFNE, Opcode.IFLT, Opcode.IFGT, Opcode.IFLE, Opcode.IFGE};
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] < 0) continue;
            boolean comparesInts = operands == Operands.INT && !unsigned;
            COMPARISONS.put(ops[i], new Comparison(operands, unsigned, comparesInts ? intBranches[i] : zeroBranches[i]));
        }
    }

    /** The direct form of a two-operand numeric instruction, or null when it goes through {@link CompiledOps}. */
    static Operation operation(int op) {
        return OPERATIONS.get(op);
    }

    /** The direct form of a comparison (I32_EQ .. I64_GE_U), or null. */
    static Comparison comparison(int op) {
        return COMPARISONS.get(op);
    }

    /** Converts the raw slot bits on the stack to the JVM value an operation on {@code operands} takes. */
    static void toOperand(CodeBuilder b, Operands operands) {
        switch (operands) {
            case INT -> b.l2i();
            case LONG, LONG_BY_INT -> { }
            case FLOAT -> b.l2i().invokestatic(CD_Float, "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
            case DOUBLE -> b.invokestatic(CD_Double, "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
        }
    }

    /** Converts an operation's JVM result on the stack back to raw slot bits. */
    static void toSlot(CodeBuilder b, Operands operands) {
        switch (operands) {
            case INT -> b.i2l();
            case LONG, LONG_BY_INT -> { }
            case FLOAT -> b.invokestatic(CD_Float, "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float)).i2l();
            case DOUBLE -> b.invokestatic(CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
        }
    }

    static void operate(CodeBuilder b, Operation operation) {
        b.with(OperatorInstruction.of(operation.opcode()));
    }

    /** Branches to {@code target} when the comparison of the two operands on the stack holds. */
    static void branch(CodeBuilder b, Comparison comparison, Label target) {
        if (comparison.unsigned()) {
            ClassDesc owner = comparison.operands() == Operands.INT ? CD_Integer : CD_Long;
            ClassDesc operand = comparison.operands() == Operands.INT ? CD_int : CD_long;
            b.invokestatic(owner, "compareUnsigned", MethodTypeDesc.of(CD_int, operand, operand));
        } else if (comparison.operands() == Operands.LONG) {
            b.lcmp();
        }
        b.branch(comparison.branch(), target);
    }
}
