package dev.beamr.engine.validation;

import dev.beamr.InvalidModuleException;
import dev.beamr.engine.model.ConstExpr;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.ValType;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Checks constant expressions: only constant instructions (with the extended-const arithmetic),
 * {@code global.get} only of immutable imported globals, and exactly one result of the expected type.
 */
final class ConstantChecker {
    static final int GLOBAL_GET = 0x23;
    static final int REF_FUNC = 0xD2;

    private final int functionCount;
    private final List<GlobalType> globals;
    private final int importedGlobalCount;

    /** {@code globals} starts with the imported ones; only those may be read. */
    ConstantChecker(int functionCount, List<GlobalType> globals, int importedGlobalCount) {
        this.functionCount = functionCount;
        this.globals = globals;
        this.importedGlobalCount = importedGlobalCount;
    }

    void check(ConstExpr expression, ValType expected) {
        Deque<ValType> stack = new ArrayDeque<>();
        for (ConstExpr.Instruction instruction : expression.instructions()) {
            switch (instruction.opcode()) {
                case 0x41 -> stack.push(ValType.I32);
                case 0x42 -> stack.push(ValType.I64);
                case 0x43 -> stack.push(ValType.F32);
                case 0x44 -> stack.push(ValType.F64);
                case 0xD0 -> stack.push(instruction.refType());
                case REF_FUNC -> {
                    if (instruction.immediate() < 0 || instruction.immediate() >= functionCount) {
                        throw ModuleContext.unknown("function", instruction.immediate(), -1, expression.offset());
                    }
                    stack.push(ValType.FUNCREF);
                }
                case GLOBAL_GET -> stack.push(readableGlobal(instruction.immediate(), expression).type());
                case 0x6A, 0x6B, 0x6C -> arithmetic(stack, ValType.I32, expression);
                case 0x7C, 0x7D, 0x7E -> arithmetic(stack, ValType.I64, expression);
                default -> throw new InvalidModuleException("constant expression required", -1, expression.offset());
            }
        }
        if (stack.size() != 1 || stack.peek() != expected) {
            throw new InvalidModuleException("type mismatch", -1, expression.offset());
        }
    }

    private GlobalType readableGlobal(long index, ConstExpr expression) {
        if (index < 0 || index >= importedGlobalCount) {
            throw ModuleContext.unknown("global", index, -1, expression.offset());
        }
        GlobalType global = globals.get((int) index);
        if (global.mutable()) throw new InvalidModuleException("constant expression required", -1, expression.offset());
        return global;
    }

    private static void arithmetic(Deque<ValType> stack, ValType type, ConstExpr expression) {
        for (int operand = 0; operand < 2; operand++) {
            if (stack.isEmpty() || stack.pop() != type) throw new InvalidModuleException("type mismatch", -1, expression.offset());
        }
        stack.push(type);
    }
}
