package dev.beamr.engine.model;

import java.util.List;

/**
 * A constant expression (global initializer, segment offset or element item), decoded into its
 * instructions without the final {@code end}. Validation checks that only constant instructions
 * appear and that the result type is right.
 *
 * @param instructions the instructions in order
 * @param offset       byte offset of the expression in the module, for error messages
 */
public record ConstExpr(List<Instruction> instructions, long offset) {

    /**
     * One instruction. {@code opcode} is the single-byte opcode (0x41 i32.const, 0x42 i64.const,
     * 0x43 f32.const, 0x44 f64.const, 0x23 global.get, 0xD0 ref.null, 0xD2 ref.func, 0x6A/0x6B/0x6C
     * i32.add/sub/mul, 0x7C/0x7D/0x7E i64.add/sub/mul) or any other opcode the decoder met, which
     * validation rejects as non-constant ({@code 0xFD00 | sub} style values for prefixed opcodes).
     *
     * @param immediate the constant's value (f32/f64 as raw bits) or the global/function index
     * @param refType   the heap type of {@code ref.null}, otherwise null
     */
    public record Instruction(int opcode, long immediate, ValType refType) {}
}
