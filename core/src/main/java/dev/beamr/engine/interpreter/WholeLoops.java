package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Op;

import java.lang.foreign.MemorySegment;

import static dev.beamr.engine.interpreter.MemoryOps.I64;
import static dev.beamr.engine.interpreter.MemoryOps.I8;
import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * Runs a loop marked {@link Op#WHOLE_LOOP}: every turn, until its closing branch falls through, in
 * a loop of its own instead of one dispatch per instruction and turn. Each turn does what the
 * marked instructions do, in their order, reading and writing the frame's slots as they do, and
 * each turn after the first charges its run's fuel as the branch back to the run's FUEL would; an
 * access out of bounds ends the loop as it ends the instruction. The dispatch loop leaves the mark
 * to {@code Interpreter.run}, so these loops spend nothing of its inlining budget.
 */
final class WholeLoops {
    private WholeLoops() {}

    /** Runs the loop marked at {@code mark} and returns the pc after its closing branch. */
    static int run(Machine m, CompiledFunction function, int[] code, int mark, int fp, long[] s,
                   MemorySegment heap, long addressMask) {
        int body = mark + 1;
        return code[body] == Op.F64_MUL_LOAD_ADD_STORE
                ? productsAdded(m, function, code, body, fp, s, heap, addressMask)
                : byteStores(m, function, code, body, fp, s, heap, addressMask);
    }

    /** Charges one more turn of the loop whose run starts at {@code start}, its FUEL. */
    private static void chargeTurn(Machine m, CompiledFunction function, int[] code, int start) {
        if ((m.fuel -= code[start + 1]) < 0) Metering.refuel(m, function);
    }

    /** A STORE8_IMM_ADD_JUMP_IF_LT_S or STORE8_IMM_STEP_ADD_JUMP_IF_LT_S that branches back to its own run. */
    private static int byteStores(Machine m, CompiledFunction function, int[] code, int pc, int fp, long[] s,
                                  MemorySegment heap, long addressMask) {
        boolean stepping = code[pc] == Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S;
        int address = fp + code[pc + 1];
        byte value = (byte) code[pc + 2];
        int addend = code[pc + 3];
        int offset = code[pc + 4];
        int sum = fp + code[pc + 5];
        int a = fp + code[pc + 6];
        int b = fp + code[pc + 7];
        int limit = fp + code[pc + 8];
        int start = code[pc + 9];
        int pointer = stepping ? fp + code[pc + 10] : 0;
        int stride = stepping ? fp + code[pc + 11] : 0;
        for (;;) {
            heap.set(I8, Interpreter.address((s[address] + addend) & addressMask, offset), value);
            if (stepping) s[pointer] += s[stride];
            int next = (int) s[a] + (int) s[b];
            s[sum] = next;
            if (next >= (int) s[limit]) return pc + Op.length(code, pc);
            chargeTurn(m, function, code, start);
        }
    }

    /** F64_MUL_LOAD_ADD_STOREs from {@code body} on, closed by an I32_STEP_2_JUMP_IF_NE or I64_STEP_2_JUMP_IF_NE. */
    private static int productsAdded(Machine m, CompiledFunction function, int[] code, int body, int fp, long[] s,
                                     MemorySegment heap, long addressMask) {
        int closing = body;
        while (code[closing] == Op.F64_MUL_LOAD_ADD_STORE) closing += Op.length(code, closing);
        Axpy axpy = Axpy.of(code, body, closing);
        if (axpy != null) return axpy.run(m, function, code, closing, fp, s, heap, addressMask);
        int start = code[closing + 8];
        for (;;) {
            for (int pc = body; pc < closing; pc += 8) {
                double product = longBitsToDouble(s[fp + code[pc + 1]]) * Interpreter.loadF64(heap, s, fp, code, pc + 2, addressMask);
                long at = Interpreter.address((s[fp + code[pc + 5]] + code[pc + 6]) & addressMask, code[pc + 7]);
                heap.set(I64, at, doubleToRawLongBits(product + longBitsToDouble(heap.get(I64, at))));
            }
            int next = Interpreter.stepTwoAndTest(code, closing, fp, s);
            if (next != start) return next;
            chargeTurn(m, function, code, start);
        }
    }

    /**
     * The products-added loop in the form it almost always has, {@code y[i] += a * x[i]}: every
     * access addresses through one of the two stepped pointers, and no factor, the counter or the
     * limit is a stepped slot. Then only the pointers and the counter change from turn to turn, and
     * they stay in locals until the loop ends (a trap or an abort leaves the frame, and its slots,
     * behind). Each product's operands are decoded once: which pointer and which addend and offset
     * its load and its store use.
     */
    private static final class Axpy {
        private final int[] factors;
        private final boolean[] loadsSecond;
        private final int[] loadAddends;
        private final int[] loadOffsets;
        private final boolean[] storesSecond;
        private final int[] storeAddends;
        private final int[] storeOffsets;

        private Axpy(int count) {
            factors = new int[count];
            loadsSecond = new boolean[count];
            loadAddends = new int[count];
            loadOffsets = new int[count];
            storesSecond = new boolean[count];
            storeAddends = new int[count];
            storeOffsets = new int[count];
        }

        static Axpy of(int[] code, int body, int closing) {
            int first = code[closing + 1];
            int second = code[closing + 3];
            int counter = code[closing + 5];
            int limit = code[closing + 7];
            if (first == second || counter == first || counter == second
                    || limit == first || limit == second || limit == counter) {
                return null;
            }
            int count = (closing - body) / 8;
            Axpy axpy = new Axpy(count);
            for (int i = 0, pc = body; i < count; i++, pc += 8) {
                int factor = code[pc + 1];
                int load = code[pc + 2];
                int store = code[pc + 5];
                if (factor == first || factor == second || factor == counter
                        || (load != first && load != second) || (store != first && store != second)) {
                    return null;
                }
                axpy.factors[i] = factor;
                axpy.loadsSecond[i] = load == second;
                axpy.loadAddends[i] = code[pc + 3];
                axpy.loadOffsets[i] = code[pc + 4];
                axpy.storesSecond[i] = store == second;
                axpy.storeAddends[i] = code[pc + 6];
                axpy.storeOffsets[i] = code[pc + 7];
            }
            return axpy;
        }

        int run(Machine m, CompiledFunction function, int[] code, int closing, int fp, long[] s,
                MemorySegment heap, long addressMask) {
            boolean wide = code[closing] == Op.I64_STEP_2_JUMP_IF_NE;
            int firstSlot = fp + code[closing + 1];
            int secondSlot = fp + code[closing + 3];
            int counterSlot = fp + code[closing + 5];
            long firstStep = code[closing + 2];
            long secondStep = code[closing + 4];
            long counterStep = code[closing + 6];
            long limit = s[fp + code[closing + 7]];
            int start = code[closing + 8];
            int count = factors.length;
            double[] factorValues = new double[count];
            for (int i = 0; i < count; i++) factorValues[i] = longBitsToDouble(s[fp + factors[i]]);
            long first = s[firstSlot];
            long second = s[secondSlot];
            long counter = s[counterSlot];
            for (;;) {
                for (int i = 0; i < count; i++) {
                    long from = (loadsSecond[i] ? second : first) + loadAddends[i];
                    double x = longBitsToDouble(heap.get(I64, Interpreter.address(from & addressMask, loadOffsets[i])));
                    long to = (storesSecond[i] ? second : first) + storeAddends[i];
                    long at = Interpreter.address(to & addressMask, storeOffsets[i]);
                    heap.set(I64, at, doubleToRawLongBits(factorValues[i] * x + longBitsToDouble(heap.get(I64, at))));
                }
                boolean again;
                if (wide) {
                    first += firstStep;
                    second += secondStep;
                    counter += counterStep;
                    again = counter != limit;
                } else {
                    first = (int) (first + firstStep);
                    second = (int) (second + secondStep);
                    counter = (int) (counter + counterStep);
                    again = (int) counter != (int) limit;
                }
                if (!again) break;
                chargeTurn(m, function, code, start);
            }
            s[firstSlot] = first;
            s[secondSlot] = second;
            s[counterSlot] = counter;
            return closing + Op.length(code, closing);
        }
    }
}
