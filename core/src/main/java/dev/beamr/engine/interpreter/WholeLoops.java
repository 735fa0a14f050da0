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
 * marked instructions do, in their order, and each turn after the first charges its run's fuel as
 * the branch back to the run's FUEL would; the slots hold what the instructions would have left in
 * them when the loop ends, and an access out of bounds ends the loop as it ends the instruction. The dispatch loop leaves the mark
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
        if (closing - body <= 16 && inLocals(code, body, closing)) {
            return productsInLocals(m, function, code, body, closing, fp, s, heap, addressMask);
        }
        int start = code[closing + 8];
        for (;;) {
            for (int pc = body; pc < closing; pc += 8) {
                addProduct(heap, addressMask, longBitsToDouble(s[fp + code[pc + 1]]),
                        s[fp + code[pc + 2]] + code[pc + 3], code[pc + 4], s[fp + code[pc + 5]] + code[pc + 6], code[pc + 7]);
            }
            int next = Interpreter.stepTwoAndTest(code, closing, fp, s);
            if (next != start) return next;
            chargeTurn(m, function, code, start);
        }
    }

    /**
     * One F64_MUL_LOAD_ADD_STORE: the f64 at {@code to} + {@code toOffset} gets {@code factor} times the
     * f64 at {@code from} + {@code fromOffset} added to it, the addresses (address slot plus addend)
     * masked and checked as LOAD64's and STORE64's; the word at {@code from} is loaded before the one
     * at {@code to}, so that a trap comes from the same access as it would in the dispatch loop.
     */
    private static void addProduct(MemorySegment heap, long addressMask, double factor, long from, int fromOffset,
                                   long to, int toOffset) {
        double product = factor * longBitsToDouble(heap.get(I64, Interpreter.address(from & addressMask, fromOffset)));
        long at = Interpreter.address(to & addressMask, toOffset);
        heap.set(I64, at, doubleToRawLongBits(product + longBitsToDouble(heap.get(I64, at))));
    }

    /**
     * Whether the products (one or two) can run with the stepped slots in locals: every access goes
     * through one of the two pointers the closing instruction steps, and no factor, the counter or
     * the limit is a stepped slot, so that only the pointers and the counter change from turn to turn.
     */
    private static boolean inLocals(int[] code, int body, int closing) {
        int first = code[closing + 1];
        int second = code[closing + 3];
        int counter = code[closing + 5];
        int limit = code[closing + 7];
        if (first == second || counter == first || counter == second || limit == first || limit == second || limit == counter) {
            return false;
        }
        for (int pc = body; pc < closing; pc += 8) {
            int factor = code[pc + 1];
            int from = code[pc + 2];
            int to = code[pc + 5];
            if (factor == first || factor == second || factor == counter
                    || (from != first && from != second) || (to != first && to != second)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One or two products per turn, {@code y[i] += a * x[i]} as clang emits it, unrolled by two or
     * not, with the pointers and the counter in locals until the loop ends (a trap or an abort
     * leaves the frame, and its slots, behind) and each product's operands decoded once.
     */
    private static int productsInLocals(Machine m, CompiledFunction function, int[] code, int body, int closing, int fp,
                                        long[] s, MemorySegment heap, long addressMask) {
        int firstSlot = code[closing + 1];
        int secondSlot = code[closing + 3];
        boolean wide = code[closing] == Op.I64_STEP_2_JUMP_IF_NE;
        long firstStep = code[closing + 2];
        long secondStep = code[closing + 4];
        long counterStep = code[closing + 6];
        long limit = s[fp + code[closing + 7]];
        int start = code[closing + 8];
        boolean two = closing - body == 16;
        Product product0 = Product.at(code, body, fp, s, secondSlot);
        Product product1 = Product.at(code, two ? body + 8 : body, fp, s, secondSlot);
        long first = s[fp + firstSlot];
        long second = s[fp + secondSlot];
        long counter = s[fp + code[closing + 5]];
        for (;;) {
            product0.add(heap, addressMask, first, second);
            if (two) product1.add(heap, addressMask, first, second);
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
        s[fp + firstSlot] = first;
        s[fp + secondSlot] = second;
        s[fp + code[closing + 5]] = counter;
        return closing + Op.length(code, closing);
    }

    /** An F64_MUL_LOAD_ADD_STORE of a products loop in locals, decoded: its factor, and which pointer, addend and offset its load and its store use. */
    private record Product(double factor, boolean fromSecond, int fromAddend, int fromOffset,
                           boolean toSecond, int toAddend, int toOffset) {
        static Product at(int[] code, int pc, int fp, long[] s, int secondSlot) {
            return new Product(longBitsToDouble(s[fp + code[pc + 1]]), code[pc + 2] == secondSlot, code[pc + 3], code[pc + 4],
                    code[pc + 5] == secondSlot, code[pc + 6], code[pc + 7]);
        }

        /** Runs it with the stepped pointers at {@code first} and {@code second}. */
        void add(MemorySegment heap, long addressMask, long first, long second) {
            addProduct(heap, addressMask, factor, (fromSecond ? second : first) + fromAddend, fromOffset,
                    (toSecond ? second : first) + toAddend, toOffset);
        }
    }
}
