package dev.beamr.engine.runtime;

import dev.beamr.InvalidModuleException;
import dev.beamr.engine.model.ConstExpr;

import java.util.List;

/**
 * Evaluates constant expressions (global initializers, segment offsets and element items) against
 * an instance under construction: {@code global.get} reads the globals created so far and
 * {@code ref.func} the instance's function index space. Supports the extended-const arithmetic.
 *
 * <p>Validation has already checked each expression; the checks here only keep a module that
 * slipped past it from failing with anything but a typed error.
 */
final class ConstantEvaluator {
    private static final int GLOBAL_GET = 0x23;
    private static final int I32_CONST = 0x41;
    private static final int I64_CONST = 0x42;
    private static final int F32_CONST = 0x43;
    private static final int F64_CONST = 0x44;
    private static final int I32_ADD = 0x6A;
    private static final int I32_SUB = 0x6B;
    private static final int I32_MUL = 0x6C;
    private static final int I64_ADD = 0x7C;
    private static final int I64_SUB = 0x7D;
    private static final int I64_MUL = 0x7E;
    private static final int REF_NULL = 0xD0;
    private static final int REF_FUNC = 0xD2;

    private final FunctionInstance[] functions;
    private final Global[] globals;

    /** Both arrays are read at evaluation time, so entries filled in later become visible. */
    ConstantEvaluator(FunctionInstance[] functions, Global[] globals) {
        this.functions = functions;
        this.globals = globals;
    }

    /** The expression's numeric result as raw bits (i32 and f32 in the low 32 bits). */
    long number(ConstExpr expr) {
        return evaluate(expr).number;
    }

    /** The expression's reference result; null is the null reference. */
    Object reference(ConstExpr expr) {
        return evaluate(expr).reference;
    }

    private record Value(long number, Object reference) {}

    private Value evaluate(ConstExpr expr) {
        List<ConstExpr.Instruction> instructions = expr.instructions();
        long[] numbers = new long[instructions.size()];
        Object[] references = new Object[instructions.size()];
        int height = 0;
        for (ConstExpr.Instruction instruction : instructions) {
            long immediate = instruction.immediate();
            switch (instruction.opcode()) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> numbers[height++] = immediate;
                case REF_NULL -> references[height++] = null;
                case REF_FUNC -> references[height++] = function(expr, immediate);
                case GLOBAL_GET -> {
                    Global global = global(expr, immediate);
                    numbers[height] = global.value();
                    references[height++] = global.ref();
                }
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    if (height < 2) throw invalid(expr, "arithmetic on fewer than two operands");
                    height--;
                    numbers[height - 1] = arithmetic(instruction.opcode(), numbers[height - 1], numbers[height]);
                }
                default -> throw invalid(expr, "opcode 0x" + Integer.toHexString(instruction.opcode()) + " is not constant");
            }
        }
        if (height != 1) throw invalid(expr, "leaves " + height + " values instead of one");
        return new Value(numbers[0], references[0]);
    }

    private static long arithmetic(int opcode, long left, long right) {
        return switch (opcode) {
            case I32_ADD -> (int) left + (int) right;
            case I32_SUB -> (int) left - (int) right;
            case I32_MUL -> (int) left * (int) right;
            case I64_ADD -> left + right;
            case I64_SUB -> left - right;
            default -> left * right;
        };
    }

    private FunctionInstance function(ConstExpr expr, long index) {
        if (index < 0 || index >= functions.length || functions[(int) index] == null) {
            throw invalid(expr, "ref.func of unknown function " + index);
        }
        return functions[(int) index];
    }

    private Global global(ConstExpr expr, long index) {
        if (index < 0 || index >= globals.length || globals[(int) index] == null) {
            throw invalid(expr, "global.get of unknown or not yet initialized global " + index);
        }
        return globals[(int) index];
    }

    private static InvalidModuleException invalid(ConstExpr expr, String problem) {
        return new InvalidModuleException("constant expression " + problem, -1, expr.offset());
    }
}
