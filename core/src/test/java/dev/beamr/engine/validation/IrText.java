package dev.beamr.engine.validation;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.ir.Op;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads lowered code back instruction by instruction: as text for exact comparisons
 * ({@code "0 COPY 2 0 | 3 I32_ADD 2"}), and as a check that the code is well-formed: every
 * instruction is complete, and every jump and handler target is the start of an instruction.
 */
final class IrText {
    private IrText() {}

    static String of(int[] code) {
        List<String> instructions = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            int length = length(code, pc);
            StringBuilder text = new StringBuilder().append(pc).append(' ').append(Op.name(code[pc]));
            for (int i = 1; i < length; i++) text.append(' ').append(code[pc + i]);
            instructions.add(text.toString());
            pc += length;
        }
        return String.join(" | ", instructions);
    }

    /** Throws AssertionError when the function's code or handlers are not well-formed. */
    static void checkShape(CompiledFunction function) {
        int[] code = function.code();
        BitSet starts = new BitSet();
        List<Integer> targets = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            starts.set(pc);
            int op = code[pc];
            if (op < 0 || op >= Op.COUNT) throw new AssertionError(function.name() + ": bad opcode " + op + " at " + pc);
            switch (op) {
                case Op.JUMP, Op.BR, Op.BR_REFS -> targets.add(code[pc + 1]);
                case Op.JUMP_IF, Op.JUMP_UNLESS, Op.JUMP_IF_64, Op.JUMP_UNLESS_64, Op.BR_IF, Op.BR_IF_REFS -> targets.add(code[pc + 2]);
                case Op.I32_ADD_IMM_JUMP_IF, Op.I64_ADD_IMM_JUMP_IF -> targets.add(code[pc + 4]);
                case Op.I32_ADD_IMM_JUMP_IF_NE, Op.I64_ADD_IMM_JUMP_IF_NE -> targets.add(code[pc + 5]);
                case Op.FUEL -> {
                    if (code[pc + 1] <= 0) throw new AssertionError(function.name() + ": FUEL of cost " + code[pc + 1] + " at " + pc);
                }
                case Op.BR_TABLE -> {
                    for (int entry = 0; entry <= code[pc + 2]; entry++) targets.add(code[pc + 3 + 5 * entry]);
                }
                default -> {
                    if (op >= Op.JUMP_IF_I32_EQ && op <= Op.JUMP_IF_I64_LE_U) targets.add(code[pc + 3]);
                }
            }
            pc += length(code, pc);
        }
        if (pc != code.length) throw new AssertionError(function.name() + ": last instruction is incomplete");
        for (Handler handler : function.handlers()) {
            if (handler.tag() != Handler.DELEGATE) targets.add(handler.target());
            else if (handler.target() < 0 || handler.target() > function.handlers().length) {
                throw new AssertionError(function.name() + ": delegate to handler " + handler.target());
            }
        }
        for (int target : targets) {
            if (!starts.get(target)) throw new AssertionError(function.name() + ": target " + target + " is not an instruction");
        }
    }

    static int length(int[] code, int pc) {
        return Op.length(code, pc);
    }
}
