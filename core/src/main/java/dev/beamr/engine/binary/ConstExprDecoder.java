package dev.beamr.engine.binary;

import dev.beamr.engine.model.ConstExpr;
import dev.beamr.engine.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a constant expression up to its final {@code end}. Constant instructions are decoded with
 * their immediates; any other instruction is recorded with its first immediate so that validation
 * can reject it, and stepped over (nested blocks included) to find the expression's end.
 */
final class ConstExprDecoder {
    private ConstExprDecoder() {}

    static ConstExpr decode(BinaryReader reader, InstructionSkipper skipper) {
        int exprStart = reader.position();
        List<ConstExpr.Instruction> instructions = new ArrayList<>();
        int depth = 0;
        while (true) {
            int opcodeStart = reader.position();
            int opcode = InstructionSkipper.readOpcode(reader);
            if (opcode == InstructionSkipper.END && depth == 0) {
                return new ConstExpr(List.copyOf(instructions), exprStart);
            }
            if (InstructionSkipper.opensBlock(opcode)) {
                depth++;
            } else if (InstructionSkipper.closesBlock(opcode) && depth > 0) {
                depth--;
            }
            ValType refType = opcode == 0xD0 ? reader.readRefType() : null;
            long immediate = refType != null ? 0 : skipper.skipImmediates(reader, opcode, opcodeStart);
            instructions.add(new ConstExpr.Instruction(opcode, immediate, refType));
        }
    }
}
