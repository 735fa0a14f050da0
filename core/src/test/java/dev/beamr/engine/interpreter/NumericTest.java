package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import org.junit.jupiter.api.Test;

import static dev.beamr.engine.model.ValType.F32;
import static dev.beamr.engine.model.ValType.F64;
import static dev.beamr.engine.model.ValType.I32;
import static dev.beamr.engine.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Numeric instructions against the specification's edge cases, one tiny function per evaluation. */
class NumericTest {

    /** Runs {@code [op, 0, 0]} or {@code [op, 0, 0, 1]} on parameters in slots 0 (and 1) and returns slot 0. */
    private static long eval(int op, ValType result, ValType[] params, long... args) {
        TestModule module = new TestModule();
        Code code = Op.isUnaryNumeric(op) ? new Code().op(op, 0, 0) : new Code().op(op, 0, 0, 1);
        module.function("f", new FuncType(params, new ValType[] {result}), 2,
                code.op(Op.RETURN, 0, 1).build());
        return module.instantiate().exportedFunction("f").call(args)[0];
    }

    private static int i32(int op, ValType param, long x) {
        return (int) eval(op, I32, new ValType[] {param}, x);
    }

    private static int i32(int op, int x, int y) {
        return (int) eval(op, I32, new ValType[] {I32, I32}, x, y);
    }

    private static long i64(int op, ValType param, long x) {
        return eval(op, I64, new ValType[] {param}, x);
    }

    private static long i64(int op, long x, long y) {
        return eval(op, I64, new ValType[] {I64, I64}, x, y);
    }

    private static float f32(int op, float x) {
        return Float.intBitsToFloat((int) eval(op, F32, new ValType[] {F32}, Float.floatToRawIntBits(x)));
    }

    private static int f32Bits(int op, ValType param, long x) {
        return (int) eval(op, F32, new ValType[] {param}, x);
    }

    private static double f64(int op, double x) {
        return Double.longBitsToDouble(eval(op, F64, new ValType[] {F64}, Double.doubleToRawLongBits(x)));
    }

    private static double f64(int op, double x, double y) {
        return Double.longBitsToDouble(eval(op, F64, new ValType[] {F64, F64},
                Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y)));
    }

    private static float f32(int op, float x, float y) {
        return Float.intBitsToFloat((int) eval(op, F32, new ValType[] {F32, F32},
                Float.floatToRawIntBits(x), Float.floatToRawIntBits(y)));
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    private static void assertTrap(TrapKind kind, Runnable action) {
        TrapException trap = assertThrows(TrapException.class, action::run);
        assertEquals(kind, trap.kind(), trap.getMessage());
        assertEquals("f", trap.function(), "the trap names the running function");
    }

    @Test
    void multiplyAddByImmediatesWrapsLikeTheTwoInstructions() {
        TestModule module = new TestModule();
        // s[1] = (int) s[0] * 0x01000193 + 0x7FFFFFFF
        module.function("f", new FuncType(new ValType[] {I32}, new ValType[] {I32}), 2,
                new Code().op(Op.I32_MUL_ADD_IMM, 1, 0, 0x01000193, 0x7FFFFFFF).op(Op.RETURN, 1, 1).build());
        var f = module.instantiate().exportedFunction("f");
        for (int x : new int[] {0, 1, -1, 123_456_789, Integer.MIN_VALUE}) {
            assertEquals((long) (x * 0x01000193 + 0x7FFFFFFF), f.call(x)[0], "x = " + x);
        }
    }

    @Test
    void pairedAdditionsRunTheEncodedSecondOneLastAndWrapAtTheirWidth() {
        TestModule module = new TestModule();
        // s[0] = (int) (s[0] + 1); then s[1] = (int) (s[0] + 2); return (s[0], s[1])
        module.function("i32", new FuncType(new ValType[] {I32, I32}, new ValType[] {I32, I32}), 2,
                new Code().op(Op.I32_ADD_IMM_2, 1, 0, 2, 0, 0, 1).op(Op.RETURN, 0, 2).build());
        // s[0] = s[0] - 1; then s[1] = s[0] + 2, as i64
        module.function("i64", new FuncType(new ValType[] {I64, I64}, new ValType[] {I64, I64}), 2,
                new Code().op(Op.I64_ADD_IMM_2, 1, 0, 2, 0, 0, -1).op(Op.RETURN, 0, 2).build());
        var instance = module.instantiate();
        assertArrayEquals(new long[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 2},
                instance.exportedFunction("i32").call(Integer.MAX_VALUE, 0));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1},
                instance.exportedFunction("i64").call(Long.MIN_VALUE, 0));
    }

    @Test
    void addImmediateAndJumpIfNonZeroLoopsUntilTheSumIsZero() {
        TestModule module = new TestModule();
        // do { s[1] += 7; s[0] -= 1; } while (s[0] != 0); return (s[0], s[1])
        module.function("f", new FuncType(new ValType[] {I32, I32}, new ValType[] {I32, I32}), 2, new Code()
                .op(Op.I32_ADD_IMM, 1, 1, 7)
                .op(Op.I32_ADD_IMM_JUMP_IF, 0, 0, -1, 0)
                .op(Op.RETURN, 0, 2).build());
        long[] results = module.instantiate().exportedFunction("f").call(5, 100);
        assertEquals(0, results[0]);
        assertEquals(135, results[1]);
    }

    @Test
    void i64AddImmediateAndJumpIfNonZeroLoopsUntilTheWholeSumIsZero() {
        TestModule module = new TestModule();
        // do { s[1] += 1; s[0] += 2^30; } while (s[0] != 0); return (s[0], s[1])
        module.function("f", new FuncType(new ValType[] {I64, I32}, new ValType[] {I64, I32}), 2, new Code()
                .op(Op.I32_ADD_IMM, 1, 1, 1)
                .op(Op.I64_ADD_IMM_JUMP_IF, 0, 0, 1 << 30, 0)
                .op(Op.RETURN, 0, 2).build());
        FunctionInstance f = module.instantiate().exportedFunction("f");
        assertArrayEquals(new long[] {0, 5}, f.call(-5L << 30, 0));
        // Halfway from -2^33 the sum is -2^32, whose low 32 bits are zero: the loop goes on.
        assertArrayEquals(new long[] {0, 8}, f.call(-1L << 33, 0));
    }

    @Test
    void addImmediateAndJumpIfNotEqualStepsUntilTheLimitComparingTheWrittenValue() {
        TestModule module = new TestModule();
        // do { s[2] += 1; s[0] += 5; } while (s[0] != s[1]); then the same in i64 from s[3] to s[4]
        module.function("f", new FuncType(new ValType[] {I32, I32, I32, I64, I64}, new ValType[] {I32, I32, I64}), 5, new Code()
                .op(Op.I32_ADD_IMM, 2, 2, 1)
                .op(Op.I32_ADD_IMM_JUMP_IF_NE, 0, 0, 5, 1, 0)
                .op(Op.I32_ADD_IMM, 2, 2, 1)
                .op(Op.I64_ADD_IMM_JUMP_IF_NE, 3, 3, -7, 4, 10)
                .op(Op.COPY, 1, 3)
                .op(Op.RETURN, 0, 3).build());
        long[] results = module.instantiate().exportedFunction("f").call(Integer.MAX_VALUE - 4, Integer.MIN_VALUE + 5, 0,
                Long.MIN_VALUE + 10, Long.MAX_VALUE - 3);
        // Two steps each, both wrapping on the second.
        assertEquals(Integer.MIN_VALUE + 5, results[0]);
        assertEquals(Long.MAX_VALUE - 3, results[1]);
        assertEquals(4, results[2]);
    }

    @Test
    void i32DivisionAndRemainder() {
        assertEquals(-3, i32(Op.I32_DIV_S, 7, -2));
        assertEquals(0x7FFFFFFF, i32(Op.I32_DIV_U, -1, 2));
        assertEquals(0, i32(Op.I32_REM_S, Integer.MIN_VALUE, -1));
        assertEquals(-1, i32(Op.I32_REM_S, -7, 2));
        assertEquals(1, i32(Op.I32_REM_U, -1, 2));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i32(Op.I32_DIV_S, Integer.MIN_VALUE, -1));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i32(Op.I32_DIV_S, 1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i32(Op.I32_DIV_U, 1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i32(Op.I32_REM_S, 1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i32(Op.I32_REM_U, 1, 0));
    }

    @Test
    void i32BitsShiftsAndComparisons() {
        assertEquals(2, i32(Op.I32_SHL, 1, 33), "shift counts are taken modulo 32");
        assertEquals(-4, i32(Op.I32_SHR_S, -8, 1));
        assertEquals(0x7FFFFFFC, i32(Op.I32_SHR_U, -8, 1));
        assertEquals(3, i32(Op.I32_ROTL, 0x80000001, 1));
        assertEquals(0xC0000000, i32(Op.I32_ROTR, 0x80000001, 1));
        assertEquals(32, i32(Op.I32_CLZ, I32, 0));
        assertEquals(32, i32(Op.I32_CTZ, I32, 0));
        assertEquals(32, i32(Op.I32_POPCNT, I32, -1));
        assertEquals(0, i32(Op.I32_LT_U, -1, 1));
        assertEquals(1, i32(Op.I32_LT_S, -1, 1));
        assertEquals(1, i32(Op.I32_GE_U, -1, 1));
        assertEquals(1, i32(Op.I32_EQZ, I32, 0x1_0000_0000L), "i32 readers ignore the upper slot bits");
        assertEquals(-1, i32(Op.I32_ADD, Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertEquals(-128, i32(Op.I32_EXTEND8_S, I32, 0x80));
        assertEquals(-32768, i32(Op.I32_EXTEND16_S, I32, 0x8000));
    }

    @Test
    void i64Arithmetic() {
        assertEquals(0, i64(Op.I64_REM_S, Long.MIN_VALUE, -1));
        assertEquals(Long.MAX_VALUE, i64(Op.I64_DIV_U, -1, 2));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i64(Op.I64_DIV_S, Long.MIN_VALUE, -1));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i64(Op.I64_REM_U, 5, 0));
        assertEquals(2, i64(Op.I64_SHL, 1, 65));
        assertEquals(1, i64(Op.I64_ROTL, Long.MIN_VALUE, 1));
        assertEquals(64, i64(Op.I64_CLZ, I64, 0));
        assertEquals(1, eval(Op.I64_LT_U, I32, new ValType[] {I64, I64}, 1, -1));
        assertEquals(0xFFFFFFFFL, i64(Op.I64_EXTEND_I32_U, I32, -1));
        assertEquals(-1, i64(Op.I64_EXTEND_I32_S, I32, 0xFFFFFFFFL));
        assertEquals(-0x80000000L, i64(Op.I64_EXTEND_I32_S, I64, 0x1234_8000_0000L), "i64.extend32_s");
        assertEquals(-1, i64(Op.I64_EXTEND8_S, I64, 0xFF));
    }

    @Test
    void floatMinMaxPropagateNaNAndOrderZeros() {
        assertEquals(bits(-0.0), bits(f64(Op.F64_MIN, 0.0, -0.0)));
        assertEquals(bits(0.0), bits(f64(Op.F64_MAX, -0.0, 0.0)));
        assertEquals(bits(-0.0f), bits(f32(Op.F32_MIN, 0.0f, -0.0f)));
        assertEquals(bits(0.0f), bits(f32(Op.F32_MAX, -0.0f, 0.0f)));
        assertEquals(true, Double.isNaN(f64(Op.F64_MIN, 1.0, Double.NaN)));
        assertEquals(true, Float.isNaN(f32(Op.F32_MAX, Float.NaN, 1.0f)));
        // A signalling NaN operand comes back quiet (an arithmetic NaN).
        long signalling = 0x7FF0_0000_0000_0001L;
        long result = eval(Op.F64_MAX, F64, new ValType[] {F64, F64}, signalling, bits(1.0));
        assertEquals(true, (result & 0x0008_0000_0000_0000L) != 0);
    }

    @Test
    void rounding() {
        assertEquals(2.0, f64(Op.F64_NEAREST, 2.5));
        assertEquals(4.0, f64(Op.F64_NEAREST, 3.5));
        assertEquals(bits(-0.0), bits(f64(Op.F64_NEAREST, -0.5)));
        assertEquals(0.0f, f32(Op.F32_NEAREST, 0.5f));
        assertEquals(bits(-0.0), bits(f64(Op.F64_CEIL, -0.5)));
        assertEquals(-1.0, f64(Op.F64_TRUNC, -1.5));
        assertEquals(-2.0f, f32(Op.F32_FLOOR, -1.5f));
        assertEquals(bits(-0.0f), bits(f32(Op.F32_TRUNC, -0.75f)));
        assertEquals(8388609.0f, f32(Op.F32_NEAREST, 8388609.0f), "large f32 integers stay exact");
        assertEquals(3.0f, f32(Op.F32_SQRT, 9.0f));
    }

    @Test
    void signOperationsWorkOnBitsAndKeepNaNPayloads() {
        assertEquals(0xFFA00000, f32Bits(Op.F32_NEG, F32, 0x7FA00000));
        assertEquals(0x7FA00000, f32Bits(Op.F32_ABS, F32, 0xFFA00000L));
        assertEquals(0xFFF0_0000_0000_0001L, eval(Op.F64_NEG, F64, new ValType[] {F64}, 0x7FF0_0000_0000_0001L));
        assertEquals(0xFF800001, (int) eval(Op.F32_COPYSIGN, F32, new ValType[] {F32, F32}, 0x7F800001, bits(-1.0f)));
        assertEquals(bits(2.0), eval(Op.F64_COPYSIGN, F64, new ValType[] {F64, F64}, bits(-2.0), bits(0.0)));
    }

    @Test
    void trappingConversionsHaveExactBoundaries() {
        assertEquals(Integer.MAX_VALUE, i32(Op.I32_TRUNC_F64_S, F64, bits(2147483647.9)));
        assertEquals(Integer.MIN_VALUE, i32(Op.I32_TRUNC_F64_S, F64, bits(-2147483648.9)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i32(Op.I32_TRUNC_F64_S, F64, bits(2147483648.0)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i32(Op.I32_TRUNC_F64_S, F64, bits(-2147483649.0)));
        assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, () -> i32(Op.I32_TRUNC_F32_S, F32, bits(Float.NaN)));
        assertEquals(0, i32(Op.I32_TRUNC_F32_U, F32, bits(-0.9f)));
        assertEquals(-1, i32(Op.I32_TRUNC_F64_U, F64, bits(4294967295.5)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i32(Op.I32_TRUNC_F32_U, F32, bits(4294967296.0f)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i32(Op.I32_TRUNC_F64_U, F64, bits(-1.0)));
        assertEquals(Long.MIN_VALUE, i64(Op.I64_TRUNC_F64_S, F64, bits(-9.223372036854775808E18)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i64(Op.I64_TRUNC_F64_S, F64, bits(9.223372036854775808E18)));
        assertEquals(0xFFFF_FFFF_FFFF_F800L, i64(Op.I64_TRUNC_F64_U, F64, bits(1.8446744073709550E19)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i64(Op.I64_TRUNC_F64_U, F64, bits(1.8446744073709552E19)));
        assertEquals(Long.MIN_VALUE, i64(Op.I64_TRUNC_F32_U, F32, bits(9.223372036854775808E18f)));
        assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, () -> i64(Op.I64_TRUNC_F64_U, F64, bits(Double.NaN)));
    }

    @Test
    void saturatingConversionsClamp() {
        assertEquals(0, i32(Op.I32_TRUNC_SAT_F64_S, F64, bits(Double.NaN)));
        assertEquals(Integer.MAX_VALUE, i32(Op.I32_TRUNC_SAT_F64_S, F64, bits(1e10)));
        assertEquals(Integer.MIN_VALUE, i32(Op.I32_TRUNC_SAT_F32_S, F32, bits(-1e10f)));
        assertEquals(0, i32(Op.I32_TRUNC_SAT_F64_U, F64, bits(-1.0)));
        assertEquals(-1, i32(Op.I32_TRUNC_SAT_F64_U, F64, bits(1e10)));
        assertEquals(-256, i32(Op.I32_TRUNC_SAT_F32_U, F32, bits(4294967040.0f)));
        assertEquals(-1L, i64(Op.I64_TRUNC_SAT_F64_U, F64, bits(1e20)));
        assertEquals(0L, i64(Op.I64_TRUNC_SAT_F32_U, F32, bits(Float.NaN)));
        assertEquals(Long.MAX_VALUE, i64(Op.I64_TRUNC_SAT_F64_S, F64, bits(Double.POSITIVE_INFINITY)));
    }

    @Test
    void integerToFloatConversionsRoundCorrectly() {
        assertEquals(0x43E0_0000_0000_0001L, eval(Op.F64_CONVERT_I64_U, F64, new ValType[] {I64}, 0x8000_0000_0000_0401L));
        assertEquals(0x5F000001, f32Bits(Op.F32_CONVERT_I64_U, I64, 0x8000_0080_0000_0001L));
        assertEquals(bits(1.8446744073709552E19), eval(Op.F64_CONVERT_I64_U, F64, new ValType[] {I64}, -1L));
        assertEquals(bits(4294967295.0f), f32Bits(Op.F32_CONVERT_I32_U, I32, -1));
        assertEquals(bits(4294967295.0), eval(Op.F64_CONVERT_I32_U, F64, new ValType[] {I32}, -1));
        assertEquals(bits(-1.0), eval(Op.F64_CONVERT_I32_S, F64, new ValType[] {I32}, 0xFFFFFFFFL));
        assertEquals(bits(9.223372036854775807E18f), f32Bits(Op.F32_CONVERT_I64_S, I64, Long.MAX_VALUE));
        assertEquals(bits(1.0f), f32Bits(Op.F32_DEMOTE_F64, F64, bits(1.0)));
        assertEquals(bits(0.5), eval(Op.F64_PROMOTE_F32, F64, new ValType[] {F32}, bits(0.5f)));
    }

    /** Runs {@code [op, 0, 0, imm]} on the parameter in slot 0 and returns slot 0. */
    private static long immediate(int op, ValType type, long x, int imm) {
        TestModule module = new TestModule();
        module.function("f", new FuncType(new ValType[] {type}, new ValType[] {type}), 1,
                new Code().op(op, 0, 0, imm).op(Op.RETURN, 0, 1).build());
        return module.instantiate().exportedFunction("f").call(x)[0];
    }

    @Test
    void immediateFormsTakeTheirSecondOperandFromTheCode() {
        assertEquals(-3, (int) immediate(Op.I32_ADD_IMM, I32, 5, -8));
        assertEquals(Integer.MIN_VALUE, (int) immediate(Op.I32_ADD_IMM, I32, Integer.MAX_VALUE, 1));
        assertEquals(0x80, (int) immediate(Op.I32_SHL_IMM, I32, 1, 39), "shift counts are taken mod 32");
        assertEquals(0x7FFFFFFF, (int) immediate(Op.I32_SHR_U_IMM, I32, -1, 1));
        assertEquals(1, (int) immediate(Op.I32_LT_U_IMM, I32, 3, -1), "-1 compares as 2^32 - 1");
        assertEquals(0, (int) immediate(Op.I32_LT_S_IMM, I32, 3, -1));
        assertEquals(-1L, immediate(Op.I64_ADD_IMM, I64, 0, -1), "i64 immediates are sign-extended");
        assertEquals(0xFFFF_FFFF_0000_0000L, immediate(Op.I64_XOR_IMM, I64, 0xFFFF_FFFFL, -1));
        assertEquals(-6, immediate(Op.I64_MUL_IMM, I64, 3, -2));
    }

    /** Whether the fused compare-and-branch {@code op} jumps for operands x and y (slots 0 and 1). */
    private static boolean jumps(int op, ValType type, long x, long y) {
        Code code = new Code().op(op, 0, 1, -1);
        int target = code.here() - 1;
        code.op(Op.CONST_32, 0, 0).op(Op.RETURN, 0, 1);
        code.patch(target, code.here());
        code.op(Op.CONST_32, 0, 1).op(Op.RETURN, 0, 1);
        TestModule module = new TestModule();
        module.function("f", new FuncType(new ValType[] {type, type}, new ValType[] {I32}), 2, code.build());
        return module.instantiate().exportedFunction("f").call(x, y)[0] == 1;
    }

    @Test
    void fusedComparisonsBranchOnTheirOutcome() {
        assertEquals(true, jumps(Op.JUMP_IF_I32_LT_S, I32, -1, 0));
        assertEquals(false, jumps(Op.JUMP_IF_I32_LT_U, I32, -1, 0));
        assertEquals(true, jumps(Op.JUMP_IF_I32_LE_U, I32, 0, -1));
        assertEquals(true, jumps(Op.JUMP_IF_I32_EQ, I32, 0x1_0000_0007L, 7), "i32 operands use only the low 32 bits");
        assertEquals(false, jumps(Op.JUMP_IF_I64_EQ, I64, 0x1_0000_0007L, 7));
        assertEquals(true, jumps(Op.JUMP_IF_I64_LT_U, I64, 1, -1));
        assertEquals(false, jumps(Op.JUMP_IF_I64_LE_S, I64, 1, -1));
        assertEquals(true, jumps(Op.JUMP_IF_I32_GE_S_IMM, I32, 5, 5), "the immediate form compares with its constant 1, not slot 1");
        assertEquals(false, jumps(Op.JUMP_IF_I32_GE_S_IMM, I32, 0, 5));
        assertEquals(true, jumps(Op.JUMP_IF_I32_GE_U_IMM, I32, -1, 5), "-1 compares as 2^32 - 1");
    }

    /** Whether the whole-slot branch {@code op} jumps on the i64 x. */
    private static boolean jumps64(int op, long x) {
        Code code = new Code().op(op, 0, -1);
        int target = code.here() - 1;
        code.op(Op.CONST_32, 0, 0).op(Op.RETURN, 0, 1);
        code.patch(target, code.here());
        code.op(Op.CONST_32, 0, 1).op(Op.RETURN, 0, 1);
        TestModule module = new TestModule();
        module.function("f", new FuncType(new ValType[] {I64}, new ValType[] {I32}), 1, code.build());
        return module.instantiate().exportedFunction("f").call(x)[0] == 1;
    }

    @Test
    void wholeSlotBranchesTestAll64Bits() {
        assertEquals(true, jumps64(Op.JUMP_IF_64, 1L << 32), "a zero low half is not zero");
        assertEquals(false, jumps64(Op.JUMP_IF_64, 0));
        assertEquals(true, jumps64(Op.JUMP_UNLESS_64, 0));
        assertEquals(false, jumps64(Op.JUMP_UNLESS_64, 1L << 63));
    }
}
