package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.beamr.engine.model.ValType.I32;
import static dev.beamr.engine.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Loads, stores, bounds, growth and bulk operations on 32- and 64-bit memories, plus globals and tables. */
class MemoryTest {

    /** load(address) with the given load instruction and static offset. */
    private static FunctionInstance loader(Instance instance) {
        return instance.exportedFunction("load");
    }

    private static Instance memoryModule(boolean is64, int loadOp, int offset) {
        ValType address = is64 ? I64 : I32;
        TestModule module = new TestModule();
        module.memory(1, 3, is64);
        module.function("load", new FuncType(new ValType[] {address}, new ValType[] {I64}), 1,
                new Code().op(loadOp, 0, 0, 0, offset).op(Op.RETURN, 0, 1).build());
        module.function("store64", new FuncType(new ValType[] {address, I64}, new ValType[0]), 2,
                new Code().op(Op.STORE64, 0, 1, 0, 0).op(Op.RETURN, 0, 0).build());
        module.function("grow", new FuncType(new ValType[] {address}, new ValType[] {address}), 1,
                new Code().op(Op.MEMORY_GROW, 0, 0).op(Op.RETURN, 0, 1).build());
        module.function("size", new FuncType(new ValType[0], new ValType[] {address}), 1,
                new Code().op(Op.MEMORY_SIZE, 0, 0).op(Op.RETURN, 0, 1).build());
        return module.instantiate();
    }

    private static void assertOutOfBounds(Runnable action) {
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, assertThrows(TrapException.class, action::run).kind());
    }

    @Test
    void storesWriteLittleEndian() {
        Instance instance = memoryModule(false, Op.LOAD8_S, 1);
        instance.exportedFunction("store64").call(0, 0x8899_AABB_CCDD_EEFFL);
        Memory memory = (Memory) instance.export("memory0");
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xEE, (byte) 0xDD, (byte) 0xCC}, memory.read(0, 4));
        assertEquals(0xFFFF_FFFF_FFFF_FFEEL, loader(instance).call(0)[0], "byte 1 sign-extended through the static offset");
    }

    @Test
    void everyLoadKindReadsLittleEndian() {
        long stored = 0x8899_AABB_CCDD_EEFFL;
        long[][] expectations = {
            {Op.LOAD8_U, 0xFF}, {Op.LOAD8_S, -1}, {Op.LOAD16_U, 0xEEFF}, {Op.LOAD16_S, (short) 0xEEFF},
            {Op.LOAD32_U, 0xCCDD_EEFFL}, {Op.LOAD32_S, (int) 0xCCDD_EEFF}, {Op.LOAD64, stored},
        };
        for (long[] expectation : expectations) {
            Instance instance = memoryModule(false, (int) expectation[0], 8);
            instance.exportedFunction("store64").call(8, stored);
            assertEquals(expectation[1], loader(instance).call(0)[0], Op.name((int) expectation[0]));
        }
    }

    @Test
    void accessesPastTheEndTrapWithoutWrapping() {
        Instance narrow = memoryModule(false, Op.LOAD32_S, 0);
        assertEquals(0, loader(narrow).call(65532)[0]);
        assertOutOfBounds(() -> loader(narrow).call(65533));
        assertOutOfBounds(() -> loader(narrow).call(0xFFFF_FFFFL));
        assertOutOfBounds(() -> loader(memoryModule(false, Op.LOAD8_U, Integer.MAX_VALUE)).call(0xFFFF_FFFFL));

        Instance wide = memoryModule(true, Op.LOAD8_U, 0x20);
        assertEquals(0, loader(wide).call(65535 - 0x20)[0]);
        assertOutOfBounds(() -> loader(wide).call(0xFFFF_FFFF_FFFF_FFF0L));
        assertOutOfBounds(() -> loader(wide).call(Long.MIN_VALUE));
        assertOutOfBounds(() -> wide.exportedFunction("store64").call(-8, 1));
    }

    @Test
    void generalAccessesTakeAnyMemoryAndOffset() {
        TestModule module = new TestModule();
        module.memory(1, 1, true);
        module.memory(1, 1, false);
        FuncType type = new FuncType(new ValType[] {I64, I64}, new ValType[] {I64});
        module.function("roundTrip", type, 2, new Code()
                .op(Op.MEM_STORE, Op.STORE32, 0, 1, 4, 0)
                .op(Op.MEM_LOAD, Op.LOAD32_U, 0, 1, 4, 0)
                .op(Op.RETURN, 0, 1).build());
        module.function("farOffset", type, 2, new Code()
                .op(Op.MEM_LOAD, Op.LOAD8_U, 0, 0, 0, 1)
                .op(Op.RETURN, 0, 1).build());
        module.function("wrapping", type, 2, new Code()
                .op(Op.MEM_LOAD, Op.LOAD8_U, 0, 0, 0x10, 0)
                .op(Op.RETURN, 0, 1).build());
        Instance instance = module.instantiate();
        assertArrayEquals(new long[] {0xDEADBEEFL}, instance.exportedFunction("roundTrip").call(100, 0xDEADBEEFL));
        assertEquals(0xDEADBEEFL, ((Memory) instance.export("memory1")).segment()
                .get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 104) & 0xFFFFFFFFL);
        assertOutOfBounds(() -> instance.exportedFunction("farOffset").call(0, 0));
        assertOutOfBounds(() -> instance.exportedFunction("wrapping").call(-8, 0));
    }

    @Test
    void addendsWrapWithTheIndexTypeButOffsetsDoNot() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        FuncType load = new FuncType(new ValType[] {I32}, new ValType[] {I64});
        module.function("load", load, 1, new Code().op(Op.LOAD8_U, 0, 0, 0x20, 0).op(Op.RETURN, 0, 1).build());
        module.function("loadAtOffset", load, 1, new Code().op(Op.LOAD8_U, 0, 0, 0, 0x20).op(Op.RETURN, 0, 1).build());
        module.function("store", new FuncType(new ValType[] {I32, I32}, new ValType[0]), 2,
                new Code().op(Op.STORE8, 0, 1, -1, 0).op(Op.RETURN, 0, 0).build());
        Instance instance = module.instantiate();
        instance.exportedFunction("store").call(0x11, 0xAB);
        assertArrayEquals(new long[] {0xAB}, instance.exportedFunction("load").call(0xFFFF_FFF0L), "-16 + 0x20 wraps to 0x10");
        assertOutOfBounds(() -> instance.exportedFunction("loadAtOffset").call(0xFFFF_FFF0L));
    }

    @Test
    void growReturnsTheOldSizeAndNewPagesAreUsable() {
        Instance instance = memoryModule(false, Op.LOAD64, 0);
        assertArrayEquals(new long[] {1}, instance.exportedFunction("grow").call(1));
        instance.exportedFunction("store64").call(65536 + 8, 1234);
        assertArrayEquals(new long[] {1234}, loader(instance).call(65536 + 8));
        assertArrayEquals(new long[] {2}, instance.exportedFunction("size").call());
        assertEquals(-1, (int) instance.exportedFunction("grow").call(2)[0], "past the maximum");
        assertEquals(-1, (int) instance.exportedFunction("grow").call(0xFFFF_FFFFL)[0], "delta is unsigned");
        Instance wide = memoryModule(true, Op.LOAD64, 0);
        assertArrayEquals(new long[] {-1}, wide.exportedFunction("grow").call(Long.MIN_VALUE));
    }

    @Test
    void bulkOperationsCheckBoundsBeforeWriting() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        int data = module.passiveData(new byte[] {1, 2, 3, 4, 5});
        FuncType three = new FuncType(new ValType[] {I32, I32, I32}, new ValType[0]);
        module.function("fill", three, 3, new Code().op(Op.MEMORY_FILL, 0, 0).op(Op.RETURN, 0, 0).build());
        module.function("copy", three, 3, new Code().op(Op.MEMORY_COPY, 0, 0, 0).op(Op.RETURN, 0, 0).build());
        module.function("init", three, 3, new Code().op(Op.MEMORY_INIT, 0, 0, data).op(Op.RETURN, 0, 0).build());
        module.function("drop", new FuncType(new ValType[0], new ValType[0]), 0,
                new Code().op(Op.DATA_DROP, data).op(Op.RETURN, 0, 0).build());
        Instance instance = module.instantiate();
        Memory memory = (Memory) instance.export("memory0");
        instance.exportedFunction("init").call(10, 1, 4);
        assertArrayEquals(new byte[] {0, 2, 3, 4, 5, 0}, memory.read(9, 6));
        instance.exportedFunction("copy").call(11, 10, 4);
        assertArrayEquals(new byte[] {2, 2, 3, 4, 5, 0}, memory.read(10, 6), "overlapping copy moves as if buffered");
        instance.exportedFunction("fill").call(12, 0x1AB, 2);
        assertArrayEquals(new byte[] {2, 2, (byte) 0xAB, (byte) 0xAB, 5}, memory.read(10, 5));
        assertOutOfBounds(() -> instance.exportedFunction("fill").call(65535, 0, 2));
        assertEquals(0, memory.read(65535, 1)[0], "nothing written by a failing fill");
        assertOutOfBounds(() -> instance.exportedFunction("init").call(0, 2, 4));
        instance.exportedFunction("drop").call();
        instance.exportedFunction("init").call(65536, 0, 0);
        assertOutOfBounds(() -> instance.exportedFunction("init").call(0, 0, 1));
    }

    @Test
    void floatBitsSurviveStoresAndGlobals() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        int global = module.global(ValType.F32, 0);
        FuncType type = new FuncType(new ValType[] {ValType.F32}, new ValType[] {ValType.F32});
        module.function("roundTrip", type, 3, new Code()
                .op(Op.CONST_32, 1, 0).op(Op.COPY, 2, 0).op(Op.STORE32, 1, 2, 0, 16)
                .op(Op.LOAD32_S, 1, 1, 0, 16).op(Op.GLOBAL_SET, 1, global).op(Op.GLOBAL_GET, 0, global)
                .op(Op.RETURN, 0, 1).build());
        int signallingNaN = 0x7F80_0001;
        long result = module.instantiate().exportedFunction("roundTrip").call(signallingNaN)[0];
        assertEquals(signallingNaN, (int) result);
    }

    @Test
    void tableInstructions() {
        TestModule module = new TestModule();
        FuncType nullary = new FuncType(new ValType[0], new ValType[] {I32});
        int seven = module.function("seven", nullary, 1, new Code().op(Op.CONST_32, 0, 7).op(Op.RETURN, 0, 1).build());
        module.table(1, 10);
        // grow the table by 2 with ref.func seven, set element 0 to it as well, then read sizes and nullness.
        module.function("exercise", new FuncType(new ValType[0], new ValType[] {I32, I32, I32, I32}), 6, new Code()
                .op(Op.REF_FUNC, 0, seven).op(Op.CONST_32, 1, 2).op(Op.TABLE_GROW, 0, 0)   // s0 = old size 1
                .op(Op.TABLE_SIZE, 1, 0)                                                   // s1 = 3
                .op(Op.CONST_32, 2, 0).op(Op.TABLE_GET, 2, 0).op(Op.REF_IS_NULL, 2)        // s2 = element 0 is null
                .op(Op.CONST_32, 3, 2).op(Op.TABLE_GET, 3, 0).op(Op.REF_IS_NULL, 3)        // s3 = element 2 is null
                .op(Op.RETURN, 0, 4).build());
        module.function("outside", new FuncType(new ValType[0], new ValType[0]), 1, new Code()
                .op(Op.CONST_32, 0, 10).op(Op.TABLE_GET, 0, 0).op(Op.RETURN, 0, 0).build());
        Instance instance = module.instantiate();
        assertArrayEquals(new long[] {1, 3, 1, 0}, instance.exportedFunction("exercise").call());
        TrapException trap = assertThrows(TrapException.class, () -> instance.exportedFunction("outside").call());
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, trap.kind());
        assertEquals("outside", trap.function());
    }

    @Test
    void fusedF64ArithmeticLoadsItsRightOperandAndRoundsTheProductBeforeAdding() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        FuncType withMemory = new FuncType(new ValType[] {I32, ValType.F64}, new ValType[] {ValType.F64});
        int[][] loadForms = {{Op.F64_ADD_LOAD}, {Op.F64_SUB_LOAD}, {Op.F64_MUL_LOAD}};
        for (int[] form : loadForms) {
            // s[1] op f64 at ((s[0] + 8) & 0xFFFFFFFF) + 16
            module.function(Op.name(form[0]), withMemory, 2,
                    new Code().op(form[0], 1, 1, 0, 8, 16).op(Op.RETURN, 1, 1).build());
        }
        FuncType threeF64 = new FuncType(new ValType[] {ValType.F64, ValType.F64, ValType.F64}, new ValType[] {ValType.F64});
        module.function("F64_MUL_ADD", threeF64, 3, new Code().op(Op.F64_MUL_ADD, 0, 0, 1, 2).op(Op.RETURN, 0, 1).build());
        module.function("F64_MUL_SUB", threeF64, 3, new Code().op(Op.F64_MUL_SUB, 0, 0, 1, 2).op(Op.RETURN, 0, 1).build());
        module.function("store64", new FuncType(new ValType[] {I32, I64}, new ValType[0]), 2,
                new Code().op(Op.STORE64, 0, 1, 0, 0).op(Op.RETURN, 0, 0).build());
        Instance instance = module.instantiate();
        instance.exportedFunction("store64").call(124, Double.doubleToRawLongBits(0.25));
        long base = 100;
        assertEquals(1.75, f64(instance, "F64_ADD_LOAD", base, 1.5));
        assertEquals(1.25, f64(instance, "F64_SUB_LOAD", base, 1.5));
        assertEquals(0.375, f64(instance, "F64_MUL_LOAD", base, 1.5));
        assertOutOfBounds(() -> f64(instance, "F64_ADD_LOAD", 65536 - 24 + 1, 1.0));
        assertOutOfBounds(() -> f64(instance, "F64_MUL_LOAD", -32, 1.0));
        // (1 + 2^-30)^2 rounds to 1 + 2^-29 before the addition: a fused multiply-add would leave 2^-60.
        double x = 1 + 0x1p-30;
        assertEquals(0.0, f64(instance, "F64_MUL_ADD", -(1 + 0x1p-29), x, x));
        assertEquals(0.0, f64(instance, "F64_MUL_SUB", 1 + 0x1p-29, x, x));
        assertEquals(0x1p-60, Math.fma(x, x, -(1 + 0x1p-29)), "the case tells the two apart");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f64(instance, "F64_MUL_SUB", -0.0, 0.0, 1.0)));
    }

    @Test
    void storesOfAnImmediateWriteItsLowBytesAndTrapOutOfBounds() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        FuncType atAddress = new FuncType(new ValType[] {I32}, new ValType[0]);
        // imm at ((s[0] + 8) & 0xFFFFFFFF) + 16
        for (int op = Op.STORE8_IMM; op <= Op.STORE64_IMM; op++) {
            module.function(Op.name(op), atAddress, 1, new Code().op(op, 0, -2, 8, 16).op(Op.RETURN, 0, 0).build());
        }
        module.function("load64", new FuncType(new ValType[] {I32}, new ValType[] {I64}), 1,
                new Code().op(Op.LOAD64, 0, 0, 0, 0).op(Op.RETURN, 0, 1).build());
        Instance instance = module.instantiate();
        long[] expected = {0xFEL, 0xFFFEL, 0xFFFF_FFFEL, -2L};
        for (int op = Op.STORE8_IMM; op <= Op.STORE64_IMM; op++) {
            FunctionInstance store = instance.exportedFunction(Op.name(op));
            long at = 1000 + 16L * (op - Op.STORE8_IMM);
            store.call(at - 24);
            assertEquals(expected[op - Op.STORE8_IMM], instance.exportedFunction("load64").call(at)[0], Op.name(op));
            int width = 1 << (op - Op.STORE8_IMM);
            assertOutOfBounds(() -> store.call(65536 - 24 - width + 1));
        }
    }

    @Test
    void anF64SumStoredInPlaceAddsTheLoadedValueOnTheRight() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        // mem[((s[0] + 8) & 0xFFFFFFFF) + 16] = s[1] + that
        module.function("addInPlace", new FuncType(new ValType[] {I32, ValType.F64}, new ValType[0]), 2,
                new Code().op(Op.F64_ADD_LOAD_STORE, 1, 0, 8, 16).op(Op.RETURN, 0, 0).build());
        defineStoreAndLoad64(module);
        Instance instance = module.instantiate();
        instance.exportedFunction("store64").call(124, Double.doubleToRawLongBits(0.25));
        FunctionInstance addInPlace = instance.exportedFunction("addInPlace");
        addInPlace.call(100, Double.doubleToRawLongBits(1.5));
        addInPlace.call(100, Double.doubleToRawLongBits(-0.5));
        assertEquals(1.25, Double.longBitsToDouble(instance.exportedFunction("load64").call(124)[0]));
        assertOutOfBounds(() -> addInPlace.call(65536 - 24 - 7, Double.doubleToRawLongBits(1.0)));
        assertEquals(0, instance.exportedFunction("load64").call(65536 - 8)[0], "a failed access writes nothing");
    }

    @Test
    void anAxpyStepAddsTheProductOnTheLeftAndLoadsItsFactorFirst() {
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        // mem[((s[1] + 8) & 0xFFFFFFFF) + 16] = s[2] * mem[(s[0] & 0xFFFFFFFF) + 32] + that
        module.function("axpy", new FuncType(new ValType[] {I32, I32, ValType.F64}, new ValType[0]), 3,
                new Code().op(Op.F64_MUL_LOAD_ADD_STORE, 2, 0, 0, 32, 1, 8, 16).op(Op.RETURN, 0, 0).build());
        defineStoreAndLoad64(module);
        Instance instance = module.instantiate();
        instance.exportedFunction("store64").call(232, Double.doubleToRawLongBits(3.0));
        instance.exportedFunction("store64").call(124, Double.doubleToRawLongBits(0.25));
        FunctionInstance axpy = instance.exportedFunction("axpy");
        axpy.call(200, 100, Double.doubleToRawLongBits(1.5));
        assertEquals(4.75, Double.longBitsToDouble(instance.exportedFunction("load64").call(124)[0]));
        // 1e308 * 10 overflows to infinity before the addition: no fused multiply-add.
        instance.exportedFunction("store64").call(232, Double.doubleToRawLongBits(1e308));
        instance.exportedFunction("store64").call(124, Double.doubleToRawLongBits(-Double.MAX_VALUE));
        axpy.call(200, 100, Double.doubleToRawLongBits(10.0));
        assertEquals(Double.POSITIVE_INFINITY, Double.longBitsToDouble(instance.exportedFunction("load64").call(124)[0]));
        // The factor's load traps first: the other address is in bounds and keeps its value.
        assertOutOfBounds(() -> axpy.call(65536 - 32 - 7, 100, Double.doubleToRawLongBits(1.0)));
        assertEquals(Double.POSITIVE_INFINITY, Double.longBitsToDouble(instance.exportedFunction("load64").call(124)[0]));
        assertOutOfBounds(() -> axpy.call(200, 65536 - 24 - 7, Double.doubleToRawLongBits(1.0)));
        assertEquals(0, instance.exportedFunction("load64").call(65536 - 8)[0], "a failed access writes nothing");
    }

    @Test
    void aProductOfSlotsAddedInPlaceIsRoundedBeforeTheAddition() {
        // 0.25 + 1.5 * 3; -MAX + 1e308 * 10 overflows to infinity before the addition.
        assertProductInPlace(Op.F64_MUL_ADD_LOAD_STORE, 0.25, new double[] {1.5, 3}, 4.75,
                -Double.MAX_VALUE, new double[] {1e308, 10}, Double.POSITIVE_INFINITY);
    }

    @Test
    void aProductSubtractedInPlaceIsRoundedBeforeTheSubtraction() {
        // 5 - 1.5 * 3; MAX - (-1e308 * 10) overflows to infinity before the subtraction.
        assertProductInPlace(Op.F64_MUL_SUB_LOAD_STORE, 5.0, new double[] {1.5, 3}, 0.5,
                Double.MAX_VALUE, new double[] {-1e308, 10}, Double.POSITIVE_INFINITY);
    }

    @Test
    void aProductOfThreeAddedOrSubtractedInPlaceIsRoundedAtEachStep() {
        // 0.25 + (1.5 * 3) * 2 and 5 - (1.5 * 3) * 2; 1e308 * 10 overflows before the multiplication by
        // 0.1, which would have brought it back.
        assertProductInPlace(Op.F64_MUL_MUL_ADD_LOAD_STORE, 0.25, new double[] {1.5, 3, 2}, 9.25,
                0, new double[] {1e308, 10, 0.1}, Double.POSITIVE_INFINITY);
        assertProductInPlace(Op.F64_MUL_MUL_SUB_LOAD_STORE, 5.0, new double[] {1.5, 3, 2}, -4.0,
                0, new double[] {1e308, 10, 0.1}, Double.NEGATIVE_INFINITY);
    }

    /**
     * Runs [op, factors.., addr, addend, offset] on mem[((s[0] + 8) & 0xFFFFFFFF) + 16], the factors in
     * s[1] .. and multiplied in that order (a product of three names them a, c, b): from {@code start} it must give {@code expected}; from {@code large} with the
     * {@code overflowing} factors, {@code overflowed} (each product rounded, no fused multiply-add); at
     * the end of memory, a trap that writes nothing.
     */
    private static void assertProductInPlace(int op, double start, double[] factors, double expected,
                                             double large, double[] overflowing, double overflowed) {
        ValType[] params = new ValType[1 + factors.length];
        Arrays.fill(params, ValType.F64);
        params[0] = I32;
        int[] instruction = new int[factors.length + 4];
        instruction[0] = op;
        int[] slots = factors.length == 3 ? new int[] {1, 3, 2} : new int[] {1, 2};
        System.arraycopy(slots, 0, instruction, 1, slots.length);
        instruction[factors.length + 2] = 8;
        instruction[factors.length + 3] = 16;
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        module.function("inPlace", new FuncType(params, new ValType[0]), params.length,
                new Code().op(instruction).op(Op.RETURN, 0, 0).build());
        defineStoreAndLoad64(module);
        Instance instance = module.instantiate();
        FunctionInstance inPlace = instance.exportedFunction("inPlace");
        FunctionInstance store64 = instance.exportedFunction("store64");
        FunctionInstance load64 = instance.exportedFunction("load64");
        store64.call(124, Double.doubleToRawLongBits(start));
        inPlace.call(arguments(100, factors));
        assertEquals(expected, Double.longBitsToDouble(load64.call(124)[0]));
        store64.call(124, Double.doubleToRawLongBits(large));
        inPlace.call(arguments(100, overflowing));
        assertEquals(overflowed, Double.longBitsToDouble(load64.call(124)[0]));
        assertOutOfBounds(() -> inPlace.call(arguments(65536 - 24 - 7, factors)));
        assertEquals(0, load64.call(65536 - 8)[0], "a failed access writes nothing");
    }

    /** An address followed by f64 factors, as raw bits. */
    private static long[] arguments(long address, double[] factors) {
        long[] arguments = new long[1 + factors.length];
        arguments[0] = address;
        for (int i = 0; i < factors.length; i++) arguments[1 + i] = Double.doubleToRawLongBits(factors[i]);
        return arguments;
    }

    /** Adds functions store64(address, bits) and load64(address) on memory 0, to set up and read back the f64 operands. */
    private static void defineStoreAndLoad64(TestModule module) {
        module.function("store64", new FuncType(new ValType[] {I32, I64}, new ValType[0]), 2,
                new Code().op(Op.STORE64, 0, 1, 0, 0).op(Op.RETURN, 0, 0).build());
        module.function("load64", new FuncType(new ValType[] {I32}, new ValType[] {I64}), 1,
                new Code().op(Op.LOAD64, 0, 0, 0, 0).op(Op.RETURN, 0, 1).build());
    }

    private static double f64(Instance instance, String function, long address, double value) {
        return Double.longBitsToDouble(instance.exportedFunction(function).call(address, Double.doubleToRawLongBits(value))[0]);
    }

    private static double f64(Instance instance, String function, double a, double x, double y) {
        return Double.longBitsToDouble(instance.exportedFunction(function).call(
                Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y))[0]);
    }
}
