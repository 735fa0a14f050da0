package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.WasmExceptionPayload;
import dev.beamr.engine.runtime.WasmFunction;

import java.lang.foreign.MemorySegment;

import static dev.beamr.engine.interpreter.MemoryOps.I16;
import static dev.beamr.engine.interpreter.MemoryOps.I32;
import static dev.beamr.engine.interpreter.MemoryOps.I64;
import static dev.beamr.engine.interpreter.MemoryOps.I8;
import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * Executes module-defined functions by interpreting their intermediate form (see
 * {@link dev.beamr.engine.ir}). Calls between functions of one instance push frames on the thread's
 * {@link Machine} instead of recursing in Java, so wasm recursion depth is bounded by the configured
 * limits, not by the Java stack.
 */
public final class Interpreter implements ExecutionEngine {
    /** Default limit on nested wasm calls per thread. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 100_000;
    /** Default limit on value slots per thread (each costs a long and a reference). */
    public static final int DEFAULT_MAX_SLOTS = 16 << 20;

    /** A shared interpreter with the default limits. */
    public static final Interpreter INSTANCE = new Interpreter(DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_SLOTS);

    private final int maxCallDepth;
    private final int maxSlots;
    private final ThreadLocal<Machine> machines;

    /**
     * @param maxCallDepth nested wasm calls a thread may have before STACK_EXHAUSTED
     * @param maxSlots     value slots (locals and operands of all active frames) a thread may use
     */
    public Interpreter(int maxCallDepth, int maxSlots) {
        if (maxCallDepth <= 0) throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
        if (maxSlots <= 0) throw new IllegalArgumentException("maxSlots must be positive: " + maxSlots);
        this.maxCallDepth = maxCallDepth;
        this.maxSlots = maxSlots;
        this.machines = ThreadLocal.withInitial(() -> new Machine(maxSlots, maxCallDepth));
    }

    public int maxCallDepth() {
        return maxCallDepth;
    }

    public int maxSlots() {
        return maxSlots;
    }

    @Override
    public void execute(WasmFunction function, Instance caller, long[] values, Object[] refs) {
        Machine machine = machines.get();
        CompiledFunction code = function.code();
        FuncType type = code.type();
        int base = machine.depth;
        // A nested execution (a host function calling back into wasm) builds above the active frames.
        int fp = machine.top;
        int outerBase = machine.base;
        CompiledFunction outerRunning = machine.running;
        CompiledFunction[] outerCallees = machine.callees;
        try {
            machine.ensureSlots(fp + (long) code.frameSize(), code);
            long[] slots = machine.slots;
            Object[] slotRefs = machine.refs;
            for (int i = 0; i < type.paramCount(); i++) {
                if (type.param(i).isReference()) slotRefs[fp + i] = refs[i];
                else slots[fp + i] = values[i];
            }
            clearLocals(slots, slotRefs, code, fp);
            run(machine, function.instance(), code, fp, base);
            slots = machine.slots;
            slotRefs = machine.refs;
            for (int i = 0; i < type.resultCount(); i++) {
                if (type.result(i).isReference()) refs[i] = slotRefs[fp + i];
                else values[i] = slots[fp + i];
            }
        } catch (StackOverflowError e) {
            throw new TrapException(TrapKind.STACK_EXHAUSTED, code.name(), "the Java thread stack overflowed", null);
        } finally {
            machine.depth = base;
            machine.base = outerBase;
            machine.running = outerRunning;
            machine.callees = outerCallees;
        }
    }

    /** Zeroes a new frame's declared locals; parameters are already in place. */
    private static void clearLocals(long[] slots, Object[] refs, CompiledFunction function, int fp) {
        for (int i = fp + function.type().paramCount(), end = fp + function.localCount(); i < end; i++) slots[i] = 0;
        for (int local : function.refLocals()) refs[fp + local] = null;
    }

    private static void moveValues(long[] slots, int from, int to, int count) {
        for (int i = 0; i < count; i++) slots[to + i] = slots[from + i];
    }

    private static void moveRefs(Object[] refs, int from, int to, int count) {
        for (int i = 0; i < count; i++) refs[to + i] = refs[from + i];
    }

    /** Memory 0's current bytes, or null when the instance has no memory. */
    private static MemorySegment memory0(Instance instance) {
        Memory[] memories = instance.memories();
        return memories.length == 0 ? null : memories[0].segment();
    }

    /**
     * A memory-0 access address: the operand (already masked to its index type) plus a static offset
     * below 2^31. A memory64 operand at or above 2^63 could wrap to a small address, so it yields -1
     * instead, which the segment rejects; branch-free because every load and store goes through it.
     */
    static long address(long operand, int offset) {
        return (operand + offset) | (operand >> 63);
    }

    private static TrapException trap(TrapKind kind, CompiledFunction function) {
        return new TrapException(kind, function.name());
    }

    /** Names the running function in a trap raised by a helper that did not know it. */
    private static TrapException attribute(TrapException trap, CompiledFunction function) {
        if (trap.function() != null) return trap;
        String message = trap.getMessage();
        String prefix = trap.kind().message() + ": ";
        String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : null;
        return new TrapException(trap.kind(), function.name(), detail, trap.getCause());
    }

    /**
     * The dispatch loop. Runs {@code entry} (its frame at {@code entryFp} already set up) until it
     * returns, with its results in its first slots. Suspended callers at depth {@code base} and
     * above belong to this run. {@link #execute} runs the instructions that need no call; this loop
     * takes the others: calls and returns, exceptions, and the instructions executed out of line.
     */
    private static void run(Machine m, Instance inst, CompiledFunction entry, int entryFp, int base) {
        CompiledFunction func = entry;
        m.base = base;
        m.running = func;
        m.callees = inst.interpretedCode();
        int[] code = func.code();
        int fp = entryFp;
        int pc = 0;
        long[] s = m.slots;
        Object[] r = m.refs;
        MemorySegment heap = memory0(inst);
        long addressMask = inst.memories().length > 0 && inst.memories()[0].is64() ? -1L : 0xFFFFFFFFL;
        // Operands of the shared call sequence; pc stays at the call instruction until it completes,
        // so that exception handlers covering the call see it.
        FunctionInstance target = null;
        int argBase = 0;
        int returnPc = 0;
        boolean tail = false;
        for (;;) {
            try {
                for (;;) {
                    returning: {
                        calling: {
                            long stop = execute(code, pc, fp, s, heap, addressMask, m);
                            func = m.running;
                            code = func.code();
                            fp = (int) (stop >>> 32);
                            pc = (int) stop;
                            switch (code[pc]) {
                                case Op.UNREACHABLE -> throw trap(TrapKind.UNREACHABLE, func);
                                case Op.BR_REFS -> {
                                    moveValues(s, fp + code[pc + 2], fp + code[pc + 3], code[pc + 4]);
                                    moveRefs(r, fp + code[pc + 2], fp + code[pc + 3], code[pc + 4]);
                                    pc = code[pc + 1];
                                }
                                case Op.BR_IF_REFS -> {
                                    if ((int) s[fp + code[pc + 1]] != 0) {
                                        moveValues(s, fp + code[pc + 3], fp + code[pc + 4], code[pc + 5]);
                                        moveRefs(r, fp + code[pc + 3], fp + code[pc + 4], code[pc + 5]);
                                        pc = code[pc + 2];
                                    } else {
                                        pc += 6;
                                    }
                                }
                                case Op.BR_TABLE -> {
                                    int n = code[pc + 2];
                                    int index = (int) s[fp + code[pc + 1]];
                                    int entryAt = pc + 3 + 5 * (Integer.compareUnsigned(index, n) < 0 ? index : n);
                                    int count = code[entryAt + 3];
                                    int from = fp + code[entryAt + 1];
                                    int to = fp + code[entryAt + 2];
                                    if (count > 0 && from != to) {
                                        moveValues(s, from, to, count);
                                        if (code[entryAt + 4] != 0) moveRefs(r, from, to, count);
                                    }
                                    pc = code[entryAt];
                                }
                                case Op.RETURN -> {
                                    moveValues(s, fp + code[pc + 1], fp, code[pc + 2]);
                                    break returning;
                                }
                                case Op.RETURN_REFS -> {
                                    moveValues(s, fp + code[pc + 1], fp, code[pc + 2]);
                                    moveRefs(r, fp + code[pc + 1], fp, code[pc + 2]);
                                    break returning;
                                }
                                case Op.CALL -> {
                                    target = inst.functions()[code[pc + 1]];
                                    argBase = fp + code[pc + 2];
                                    tail = false;
                                    returnPc = pc + 3;
                                    break calling;
                                }
                                case Op.CALL_INDIRECT -> {
                                    target = Calls.resolveIndirect(inst, code[pc + 1], code[pc + 2], (int) s[fp + code[pc + 3]]);
                                    argBase = fp + code[pc + 4];
                                    tail = false;
                                    returnPc = pc + 5;
                                    break calling;
                                }
                                case Op.RETURN_CALL -> {
                                    target = inst.functions()[code[pc + 1]];
                                    argBase = fp + code[pc + 2];
                                    tail = true;
                                    break calling;
                                }
                                case Op.RETURN_CALL_INDIRECT -> {
                                    target = Calls.resolveIndirect(inst, code[pc + 1], code[pc + 2], (int) s[fp + code[pc + 3]]);
                                    argBase = fp + code[pc + 4];
                                    tail = true;
                                    break calling;
                                }
                                case Op.THROW -> throw Exceptions.create(inst, code[pc + 1], s, r, fp + code[pc + 2]);
                                case Op.RETHROW -> throw (WasmExceptionPayload) r[fp + code[pc + 1]];

                                case Op.COPY_REF -> {
                                    r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
                                    pc += 3;
                                }
                                case Op.GLOBAL_GET -> {
                                    s[fp + code[pc + 1]] = inst.globals()[code[pc + 2]].value();
                                    pc += 3;
                                }
                                case Op.GLOBAL_SET -> {
                                    inst.globals()[code[pc + 2]].setValue(s[fp + code[pc + 1]]);
                                    pc += 3;
                                }
                                case Op.GLOBAL_GET_REF -> {
                                    r[fp + code[pc + 1]] = inst.globals()[code[pc + 2]].ref();
                                    pc += 3;
                                }
                                case Op.GLOBAL_SET_REF -> {
                                    inst.globals()[code[pc + 2]].setRef(r[fp + code[pc + 1]]);
                                    pc += 3;
                                }
                                case Op.SELECT_REF -> {
                                    int b = fp + code[pc + 1];
                                    if ((int) s[b + 2] == 0) r[b] = r[b + 1];
                                    pc += 2;
                                }
                                case Op.REF_NULL -> {
                                    r[fp + code[pc + 1]] = null;
                                    pc += 2;
                                }
                                case Op.REF_IS_NULL -> {
                                    int a = fp + code[pc + 1];
                                    s[a] = r[a] == null ? 1 : 0;
                                    pc += 2;
                                }
                                case Op.REF_FUNC -> {
                                    r[fp + code[pc + 1]] = inst.functions()[code[pc + 2]];
                                    pc += 3;
                                }

                                // Memory and table instructions other than plain loads and stores; any may grow memory 0.
                                case Op.MEM_LOAD, Op.MEM_STORE, Op.MEMORY_SIZE, Op.MEMORY_GROW, Op.MEMORY_FILL,
                                        Op.MEMORY_COPY, Op.MEMORY_INIT, Op.DATA_DROP, Op.TABLE_GET, Op.TABLE_SET,
                                        Op.TABLE_SIZE, Op.TABLE_GROW, Op.TABLE_FILL, Op.TABLE_COPY, Op.TABLE_INIT,
                                        Op.ELEM_DROP -> {
                                    pc = RareOps.execute(inst, code, pc, fp, s, r);
                                    heap = memory0(inst);
                                }
                                // Numeric instructions rare in hot code, or whose semantics need more than an operator.
                                case Op.I32_CLZ, Op.I32_CTZ, Op.I32_POPCNT, Op.I64_CLZ, Op.I64_CTZ, Op.I64_POPCNT,
                                        Op.F32_ABS, Op.F32_NEG, Op.F32_SQRT, Op.F32_CEIL, Op.F32_FLOOR, Op.F32_TRUNC,
                                        Op.F32_NEAREST, Op.F64_CEIL, Op.F64_FLOOR, Op.F64_TRUNC, Op.F64_NEAREST,
                                        Op.I32_TRUNC_F32_S, Op.I32_TRUNC_F32_U, Op.I32_TRUNC_F64_S, Op.I32_TRUNC_F64_U,
                                        Op.I64_TRUNC_F32_S, Op.I64_TRUNC_F32_U, Op.I64_TRUNC_F64_S, Op.I64_TRUNC_F64_U,
                                        Op.F32_CONVERT_I32_S, Op.F32_CONVERT_I32_U, Op.F32_CONVERT_I64_S,
                                        Op.F32_CONVERT_I64_U, Op.F64_CONVERT_I64_U, Op.F32_DEMOTE_F64, Op.F64_PROMOTE_F32,
                                        Op.I32_TRUNC_SAT_F32_S, Op.I32_TRUNC_SAT_F32_U, Op.I32_TRUNC_SAT_F64_S,
                                        Op.I32_TRUNC_SAT_F64_U, Op.I64_TRUNC_SAT_F32_S, Op.I64_TRUNC_SAT_F32_U,
                                        Op.I64_TRUNC_SAT_F64_S, Op.I64_TRUNC_SAT_F64_U, Op.F64_CONVERT_I32_U,
                                        Op.F64_CONVERT_I64_S, Op.I32_EXTEND8_S, Op.I64_EXTEND8_S, Op.I32_EXTEND16_S,
                                        Op.I64_EXTEND16_S -> {
                                    s[fp + code[pc + 1]] = Numerics.unary(code[pc], s[fp + code[pc + 2]]);
                                    pc += 3;
                                }
                                case Op.I32_DIV_S, Op.I32_DIV_U, Op.I32_REM_S, Op.I32_REM_U, Op.I64_DIV_S, Op.I64_DIV_U,
                                        Op.I64_REM_S, Op.I64_REM_U, Op.F32_EQ, Op.F32_NE, Op.F32_LT, Op.F32_GT,
                                        Op.F32_LE, Op.F32_GE, Op.F32_MIN, Op.F32_MAX, Op.F32_COPYSIGN, Op.F64_MIN,
                                        Op.F64_MAX, Op.F64_COPYSIGN, Op.F64_EQ, Op.F64_NE, Op.F64_LT, Op.F64_GT,
                                        Op.F64_LE, Op.F64_GE, Op.F32_ADD, Op.F32_SUB, Op.F32_MUL, Op.F32_DIV,
                                        Op.I64_ROTL, Op.I64_ROTR, Op.I64_GT_S, Op.I64_LE_S, Op.I64_GE_S, Op.I64_GT_U,
                                        Op.I64_LE_U, Op.I64_GE_U, Op.I64_LT_S, Op.I64_LT_U, Op.I32_ROTR -> {
                                    s[fp + code[pc + 1]] = Numerics.binary(code[pc], s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                                    pc += 4;
                                }
                                case Op.I32_SHR_S_IMM, Op.I64_MUL_IMM, Op.I64_SHR_S_IMM -> {
                                    s[fp + code[pc + 1]] = Numerics.binary(Op.withoutImmediate(code[pc]), s[fp + code[pc + 2]], code[pc + 3]);
                                    pc += 4;
                                }
                                case Op.FUEL -> {
                                    if ((m.fuel -= code[pc + 1]) < 0) Metering.refuel(m, func);
                                    pc += 2;
                                }
                                case Op.WHOLE_LOOP -> pc = WholeLoops.run(m, func, code, pc, fp, s, heap, addressMask);
                                default -> throw new IllegalStateException(
                                        "invalid opcode " + code[pc] + " at " + pc + " in " + func.name());
                            }
                            continue;
                        }
                        // The call sequence: target, argBase and tail were set by the call instruction. A function of
                        // this instance that runs in the interpreter gets a frame here; compiled code and other
                        // instances' functions are called through their boundary.
                        if (target instanceof WasmFunction callee && callee.instance() == inst && callee.interpreted()) {
                            CompiledFunction calleeCode = callee.code();
                            int calleeFp;
                            if (tail) {
                                int params = calleeCode.type().paramCount();
                                moveValues(s, argBase, fp, params);
                                moveRefs(r, argBase, fp, params);
                                calleeFp = fp;
                            } else {
                                if (m.depth == m.frames.length) m.growFrames(calleeCode);
                                m.suspend(fp, returnPc);
                                calleeFp = argBase;
                            }
                            if (calleeFp + calleeCode.frameSize() > s.length) {
                                m.ensureSlots(calleeFp + (long) calleeCode.frameSize(), calleeCode);
                                s = m.slots;
                                r = m.refs;
                            }
                            clearLocals(s, r, calleeCode, calleeFp);
                            func = calleeCode;
                            m.running = func;
                            code = calleeCode.code();
                            fp = calleeFp;
                            pc = 0;
                            continue;
                        }
                        // Leaving the instance; during a tail call this frame is logically gone, so
                        // pc -1 keeps its handlers from catching what the callee throws.
                        if (tail) pc = -1;
                        Calls.invoke(m, inst, target, argBase, fp + func.frameSize());
                        s = m.slots;
                        r = m.refs;
                        heap = memory0(inst);
                        if (!tail) {
                            pc = returnPc;
                            continue;
                        }
                        int results = target.type().resultCount();
                        moveValues(s, argBase, fp, results);
                        moveRefs(r, argBase, fp, results);
                    }
                    // The return sequence: results are in the frame's first slots.
                    if (m.depth == base) return;
                    long frame = m.resume();
                    func = m.running;
                    code = func.code();
                    fp = (int) (frame >>> 32);
                    pc = (int) frame;
                }
            } catch (WasmExceptionPayload exception) {
                if (!Exceptions.unwind(m, inst, base, exception, func, pc, fp, m.depth)) throw exception;
                func = m.unwoundFunction;
                m.running = func;
                code = func.code();
                pc = m.unwoundPc;
                fp = m.unwoundFp;
                s = m.slots;
                r = m.refs;
                heap = memory0(inst);
            } catch (TrapException trap) {
                throw attribute(trap, m.running);
            } catch (ArrayIndexOutOfBoundsException engineFault) {
                throw engineFault;
            } catch (IndexOutOfBoundsException outOfBounds) {
                throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, m.running.name(), outOfBounds.getMessage(), null);
            }
        }
    }

    /**
     * The hot part of the dispatch loop: runs the instructions of {@code code}, the running function's
     * ({@link Machine#running}), in its frame at {@code fp} from {@code pc} until one that it leaves to
     * {@link #run} (a return from the run's entry frame, a call it cannot make by pushing a frame,
     * exceptions, instructions that call out of line, a fuel charge that needs a refill), and returns
     * where it stopped as a {@link Machine#position}. Calls to the instance's interpreted functions
     * ({@link Machine#callees}) and returns to their callers stay in the loop, keeping
     * {@link Machine#running} current. It makes no calls itself, so the JIT can keep its few values
     * in registers. That holds only while C2 inlines every helper it names, which it does for at most
     * 8,000 bytes of bytecode per compilation, this method's own included: f64 values go through the
     * JDK's intrinsics directly, which cost nothing against that limit, and the method must stay
     * within the size DispatchLoopSizeTest allows.
     */
    private static long execute(int[] code, int pc, int fp, long[] s, MemorySegment heap, long addressMask, Machine m) {
        for (;;) {
            branched:
            {
                switch (code[pc]) {
                    case Op.JUMP -> {
                        pc = code[pc + 1];
                        break branched;
                    }
                    case Op.JUMP_IF -> {
                        pc = (int) s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        break branched;
                    }
                    case Op.JUMP_UNLESS -> {
                        pc = (int) s[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
                        break branched;
                    }
                    case Op.JUMP_IF_64 -> {
                        pc = s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        break branched;
                    }
                    case Op.JUMP_UNLESS_64 -> {
                        pc = s[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
                        break branched;
                    }
                    case Op.BR -> {
                        moveValues(s, fp + code[pc + 2], fp + code[pc + 3], code[pc + 4]);
                        pc = code[pc + 1];
                        break branched;
                    }
                    case Op.BR_IF -> {
                        if ((int) s[fp + code[pc + 1]] != 0) {
                            moveValues(s, fp + code[pc + 3], fp + code[pc + 4], code[pc + 5]);
                            pc = code[pc + 2];
                        } else {
                            pc += 6;
                        }
                        break branched;
                    }
                    case Op.COPY -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        pc += 3;
                    }
                    case Op.CONST_32 -> {
                        s[fp + code[pc + 1]] = code[pc + 2];
                        pc += 3;
                    }
                    case Op.CONST_64 -> {
                        s[fp + code[pc + 1]] = Op.immediate64(code, pc + 2);
                        pc += 4;
                    }
                    case Op.SELECT -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 4]] != 0 ? s[fp + code[pc + 2]] : s[fp + code[pc + 3]];
                        pc += 5;
                    }
                    case Op.LOAD8_S -> {
                        s[fp + code[pc + 1]] = heap.get(I8, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
                        pc += 5;
                    }
                    case Op.LOAD16_S -> {
                        s[fp + code[pc + 1]] = heap.get(I16, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
                        pc += 5;
                    }
                    case Op.LOAD16_U -> {
                        s[fp + code[pc + 1]] = heap.get(I16, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4])) & 0xFFFFL;
                        pc += 5;
                    }
                    case Op.LOAD8_U -> {
                        s[fp + code[pc + 1]] = heap.get(I8, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4])) & 0xFFL;
                        pc += 5;
                    }
                    case Op.LOAD32_S -> {
                        s[fp + code[pc + 1]] = heap.get(I32, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
                        pc += 5;
                    }
                    case Op.LOAD32_U -> {
                        s[fp + code[pc + 1]] = heap.get(I32, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4])) & 0xFFFFFFFFL;
                        pc += 5;
                    }
                    case Op.LOAD64 -> {
                        s[fp + code[pc + 1]] = heap.get(I64, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
                        pc += 5;
                    }
                    case Op.F64_LOAD_MUL_ADD_STORE -> {
                        loadMultiplyAddStore(code, pc, fp, s, heap, addressMask);
                        pc += 13;
                    }
                    case Op.STORE8 -> {
                        heap.set(I8, address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]), (byte) s[fp + code[pc + 2]]);
                        pc += 5;
                    }
                    case Op.STORE16 -> {
                        heap.set(I16, address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]), (short) s[fp + code[pc + 2]]);
                        pc += 5;
                    }
                    case Op.STORE32 -> {
                        heap.set(I32, address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]), (int) s[fp + code[pc + 2]]);
                        pc += 5;
                    }
                    case Op.STORE64 -> {
                        heap.set(I64, address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]), s[fp + code[pc + 2]]);
                        pc += 5;
                    }
                    // Constants stored: one case for the four widths, to save the dispatch loop's bytes.
                    case Op.STORE8_IMM, Op.STORE16_IMM, Op.STORE32_IMM, Op.STORE64_IMM -> {
                        long at = address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]);
                        int value = code[pc + 2];
                        switch (code[pc]) {
                            case Op.STORE8_IMM -> heap.set(I8, at, (byte) value);
                            case Op.STORE16_IMM -> heap.set(I16, at, (short) value);
                            case Op.STORE32_IMM -> heap.set(I32, at, value);
                            default -> heap.set(I64, at, (long) value);
                        }
                        pc += 5;
                    }
                    case Op.F64_ADD_LOAD_STORE -> {
                        long at = address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]);
                        heap.set(I64, at, doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 1]]) + longBitsToDouble(heap.get(I64, at))));
                        pc += 5;
                    }
                    case Op.F64_MUL_LOAD_ADD_STORE -> {
                        double product = longBitsToDouble(s[fp + code[pc + 1]]) * loadF64(heap, s, fp, code, pc + 2, addressMask);
                        long at = address((s[fp + code[pc + 5]] + code[pc + 6]) & addressMask, code[pc + 7]);
                        heap.set(I64, at, doubleToRawLongBits(product + longBitsToDouble(heap.get(I64, at))));
                        pc += 8;
                    }
                    case Op.F64_MUL_ADD_LOAD_STORE, Op.F64_MUL_SUB_LOAD_STORE -> {
                        // x - y is x + (-y) exactly, so one sign flip serves both.
                        long negate = code[pc] == Op.F64_MUL_SUB_LOAD_STORE ? Long.MIN_VALUE : 0;
                        long product = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 1]]) * longBitsToDouble(s[fp + code[pc + 2]])) ^ negate;
                        long at = address((s[fp + code[pc + 3]] + code[pc + 4]) & addressMask, code[pc + 5]);
                        heap.set(I64, at, doubleToRawLongBits(longBitsToDouble(heap.get(I64, at)) + longBitsToDouble(product)));
                        pc += 6;
                    }
                    // Products of three added to or subtracted from memory in place, one or three of them.
                    case Op.F64_MUL_MUL_ADD_LOAD_STORE, Op.F64_MUL_MUL_SUB_LOAD_STORE, Op.F64_MUL_MUL_ADD_LOAD_STORE_3,
                            Op.F64_MUL_MUL_SUB_LOAD_STORE_3 -> {
                        int op = code[pc];
                        double shared = longBitsToDouble(s[fp + code[pc + 1]]);
                        double scale = longBitsToDouble(s[fp + code[pc + 2]]);
                        // x - y is x + (-y) exactly, so one sign flip serves both.
                        long negate = op == Op.F64_MUL_MUL_SUB_LOAD_STORE || op == Op.F64_MUL_MUL_SUB_LOAD_STORE_3 ? Long.MIN_VALUE : 0;
                        int end = pc + (op < Op.F64_MUL_MUL_ADD_LOAD_STORE_3 ? 7 : 15);
                        for (int update = pc + 3; update < end; update += 4) {
                            long at = address((s[fp + code[update + 1]] + code[update + 2]) & addressMask, code[update + 3]);
                            long product = doubleToRawLongBits(shared * longBitsToDouble(s[fp + code[update]]) * scale) ^ negate;
                            heap.set(I64, at, doubleToRawLongBits(longBitsToDouble(heap.get(I64, at)) + longBitsToDouble(product)));
                        }
                        pc = end;
                    }
                    case Op.F64_DOT_3 -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(
                                longBitsToDouble(s[fp + code[pc + 2]]) * longBitsToDouble(s[fp + code[pc + 3]])
                                + longBitsToDouble(s[fp + code[pc + 4]]) * longBitsToDouble(s[fp + code[pc + 5]])
                                + longBitsToDouble(s[fp + code[pc + 6]]) * longBitsToDouble(s[fp + code[pc + 7]]));
                        pc += 8;
                    }
                    case Op.F64_DIV_MUL_SQRT -> {
                        double x = longBitsToDouble(s[fp + code[pc + 3]]);
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) / (x * Math.sqrt(x)));
                        pc += 4;
                    }
                    // Value-producing i32 comparisons: most are fused into branches. One call site for both
                    // forms, since each inlined copy of the helper spends its size against C2's budget again.
                    case Op.I32_LT_U, Op.I32_GT_S, Op.I32_GT_U, Op.I32_LE_S, Op.I32_LE_U, Op.I32_GE_S,
                            Op.I32_GE_U, Op.I32_EQ_IMM, Op.I32_NE_IMM, Op.I32_LT_S_IMM, Op.I32_LT_U_IMM, Op.I32_GT_S_IMM,
                            Op.I32_GT_U_IMM, Op.I32_LE_S_IMM, Op.I32_LE_U_IMM, Op.I32_GE_S_IMM, Op.I32_GE_U_IMM -> {
                        int op = code[pc];
                        boolean immediate = op >= Op.I32_EQ_IMM;
                        s[fp + code[pc + 1]] = Numerics.compareI32(immediate ? op - Op.I32_EQ_IMM + Op.I32_EQ : op,
                                (int) s[fp + code[pc + 2]], immediate ? code[pc + 3] : (int) s[fp + code[pc + 3]]);
                        pc += 4;
                    }
                    case Op.I32_EQZ -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == 0 ? 1 : 0;
                        pc += 3;
                    }
                    case Op.I32_EQ -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == (int) s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Op.I32_NE -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] != (int) s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Op.I32_LT_S -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] < (int) s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Op.I32_ADD -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_SUB -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_MUL -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_AND -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_OR -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_XOR -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_SHL -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_SHR_S -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_SHR_U -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_ROTL -> {
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                    }
                    case Op.I64_EQZ -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == 0 ? 1 : 0;
                        pc += 3;
                    }
                    case Op.I64_EQ -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Op.I64_NE -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] != s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Op.I64_ADD -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_SUB -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_MUL -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_AND -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_OR -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_XOR -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_SHL -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_SHR_S -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I64_SHR_U -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]];
                        pc += 4;
                    }
                    case Op.I32_ADD_IMM -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_ADD_IMM_2 -> {
                        s[fp + code[pc + 4]] = (int) s[fp + code[pc + 5]] + code[pc + 6];
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        pc += 7;
                    }
                    case Op.I64_ADD_IMM_2 -> {
                        s[fp + code[pc + 4]] = s[fp + code[pc + 5]] + code[pc + 6];
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + code[pc + 3];
                        pc += 7;
                    }
                    case Op.I32_MUL_ADD_IMM -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * code[pc + 3] + code[pc + 4];
                        pc += 5;
                    }
                    case Op.I32_AND_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_SHL_IMM -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_SHR_U_IMM -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_MUL_IMM -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_OR_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_XOR_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ code[pc + 3];
                        pc += 4;
                    }
                    case Op.I32_MUL_ROTL_IMM -> {
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]] * code[pc + 3], code[pc + 4]);
                        pc += 5;
                    }
                    case Op.I32_MUL_ROTL_MUL_XOR, Op.I32_LOAD_MUL_ROTL_MUL_XOR -> {
                        boolean loads = code[pc] == Op.I32_LOAD_MUL_ROTL_MUL_XOR;
                        int word = loads ? heap.get(I32, address((s[fp + code[pc + 2]] + code[pc + 7]) & addressMask, code[pc + 8]))
                                : (int) s[fp + code[pc + 2]];
                        s[fp + code[pc + 1]] = Integer.rotateLeft(word * code[pc + 3], code[pc + 4]) * code[pc + 5] ^ (int) s[fp + code[pc + 6]];
                        pc += loads ? 9 : 7;
                    }
                    case Op.I32_ROTL_MUL_ADD_IMM -> {
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], code[pc + 3]) * code[pc + 4] + code[pc + 5];
                        pc += 6;
                    }
                    case Op.I32_ROTL_IMM -> {
                        s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], code[pc + 3]);
                        pc += 4;
                    }
                    case Op.I64_OR_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | code[pc + 3];
                        pc += 4;
                    }
                    case Op.I64_XOR_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ code[pc + 3];
                        pc += 4;
                    }
                    case Op.I64_ADD_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + code[pc + 3];
                        pc += 4;
                    }
                    case Op.I64_AND_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & code[pc + 3];
                        pc += 4;
                    }
                    case Op.I64_SHL_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << code[pc + 3];
                        pc += 4;
                    }
                    case Op.I64_SHR_U_IMM -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                    }
                    case Op.F64_ABS -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & Long.MAX_VALUE;
                        pc += 3;
                    }
                    case Op.F64_NEG -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ Long.MIN_VALUE;
                        pc += 3;
                    }
                    case Op.F64_SQRT -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(Math.sqrt(longBitsToDouble(s[fp + code[pc + 2]])));
                        pc += 3;
                    }
                    case Op.F64_ADD -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) + longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                    }
                    case Op.F64_SUB -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) - longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                    }
                    case Op.F64_MUL -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) * longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                    }
                    case Op.F64_DIV -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) / longBitsToDouble(s[fp + code[pc + 3]]));
                        pc += 4;
                    }
                    // f64 arithmetic on a loaded operand: one case, so that its load is inlined once.
                    case Op.F64_ADD_LOAD, Op.F64_SUB_LOAD, Op.F64_MUL_LOAD -> {
                        int op = code[pc];
                        double a = longBitsToDouble(s[fp + code[pc + 2]]);
                        double loaded = loadF64(heap, s, fp, code, pc + 3, addressMask);
                        s[fp + code[pc + 1]] = doubleToRawLongBits(op == Op.F64_SUB_LOAD ? a - loaded : op == Op.F64_ADD_LOAD ? a + loaded : a * loaded);
                        pc += 6;
                    }
                    case Op.F64_MUL_ADD, Op.F64_MUL_SUB -> {
                        // The subtraction adds the negated product, as above.
                        long negate = code[pc] == Op.F64_MUL_SUB ? Long.MIN_VALUE : 0;
                        long product = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 3]]) * longBitsToDouble(s[fp + code[pc + 4]])) ^ negate;
                        s[fp + code[pc + 1]] = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 2]]) + longBitsToDouble(product));
                        pc += 5;
                    }
                    case Op.I64_EXTEND_I32_S -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
                        pc += 3;
                    }
                    case Op.I64_EXTEND_I32_U -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFFFFFFL;
                        pc += 3;
                    }
                    case Op.F64_CONVERT_I32_S -> {
                        s[fp + code[pc + 1]] = doubleToRawLongBits((int) s[fp + code[pc + 2]]);
                        pc += 3;
                    }
                    case Op.I32_ADD_IMM_JUMP_IF -> {
                        int sum = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        s[fp + code[pc + 1]] = sum;
                        pc = sum != 0 ? code[pc + 4] : pc + 5;
                        break branched;
                    }
                    case Op.I64_ADD_IMM_JUMP_IF -> {
                        long sum = s[fp + code[pc + 2]] + code[pc + 3];
                        s[fp + code[pc + 1]] = sum;
                        pc = sum != 0 ? code[pc + 4] : pc + 5;
                        break branched;
                    }
                    case Op.I32_STEP_JUMP_IF -> {
                        int pointer = fp + code[pc + 1];
                        s[pointer] = (int) s[pointer] + code[pc + 2];
                        int counter = fp + code[pc + 3];
                        int count = (int) s[counter] + code[pc + 4];
                        s[counter] = count;
                        pc = count != 0 ? code[pc + 5] : pc + 6;
                        break branched;
                    }
                    case Op.I64_STEP_JUMP_IF -> {
                        s[fp + code[pc + 1]] += code[pc + 2];
                        int counter = fp + code[pc + 3];
                        long count = s[counter] + code[pc + 4];
                        s[counter] = count;
                        pc = count != 0 ? code[pc + 5] : pc + 6;
                        break branched;
                    }
                    case Op.I32_STEP_2_JUMP_IF_NE, Op.I64_STEP_2_JUMP_IF_NE -> {
                        pc = stepTwoAndTest(code, pc, fp, s);
                        break branched;
                    }
                    case Op.I32_ADD_IMM_JUMP_IF_NE -> {
                        int sum = (int) s[fp + code[pc + 2]] + code[pc + 3];
                        s[fp + code[pc + 1]] = sum;
                        pc = sum != (int) s[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                        break branched;
                    }
                    case Op.I64_ADD_IMM_JUMP_IF_NE -> {
                        long sum = s[fp + code[pc + 2]] + code[pc + 3];
                        s[fp + code[pc + 1]] = sum;
                        pc = sum != s[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                        break branched;
                    }
                    case Op.I32_ADD_JUMP_IF_LT_S -> {
                        int sum = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
                        s[fp + code[pc + 1]] = sum;
                        pc = sum < (int) s[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                        break branched;
                    }
                    case Op.STORE8_IMM_ADD_JUMP_IF_LT_S, Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S -> {
                        heap.set(I8, address((s[fp + code[pc + 1]] + code[pc + 3]) & addressMask, code[pc + 4]), (byte) code[pc + 2]);
                        int next = pc + 10;
                        if (code[pc] == Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S) {
                            s[fp + code[pc + 10]] += s[fp + code[pc + 11]];
                            next = pc + 12;
                        }
                        int sum = (int) s[fp + code[pc + 6]] + (int) s[fp + code[pc + 7]];
                        s[fp + code[pc + 5]] = sum;
                        pc = sum < (int) s[fp + code[pc + 8]] ? code[pc + 9] : next;
                        break branched;
                    }
                    case Op.LOAD32_JUMP_IF_LT_S, Op.LOAD32_JUMP_IF_GT_S -> {
                        int value = heap.get(I32, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
                        s[fp + code[pc + 1]] = value;
                        int other = (int) s[fp + code[pc + 5]];
                        pc = (code[pc] == Op.LOAD32_JUMP_IF_LT_S ? value < other : value > other) ? code[pc + 6] : pc + 7;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_EQ -> {
                        pc = (int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_EQ_IMM -> {
                        pc = (int) s[fp + code[pc + 1]] == code[pc + 2] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_EQ -> {
                        pc = s[fp + code[pc + 1]] == s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_NE -> {
                        pc = (int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_NE_IMM -> {
                        pc = (int) s[fp + code[pc + 1]] != code[pc + 2] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_NE -> {
                        pc = s[fp + code[pc + 1]] != s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LT_S -> {
                        pc = (int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LT_S_IMM -> {
                        pc = (int) s[fp + code[pc + 1]] < code[pc + 2] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_LT_S -> {
                        pc = s[fp + code[pc + 1]] < s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LE_S -> {
                        pc = (int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_LE_S -> {
                        pc = s[fp + code[pc + 1]] <= s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_GE_S_IMM -> {
                        pc = (int) s[fp + code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LT_U -> {
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) < 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LT_U_IMM -> {
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], code[pc + 2]) < 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_LT_U -> {
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) < 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_LE_U -> {
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) <= 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I64_LE_U -> {
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) <= 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.JUMP_IF_I32_GE_U_IMM -> {
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], code[pc + 2]) >= 0 ? code[pc + 3] : pc + 4;
                        break branched;
                    }
                    case Op.CALL -> {
                        CompiledFunction callee = m.callees[code[pc + 1]];
                        int calleeFp = fp + code[pc + 2];
                        // Imports, compiled callees and frames that need more room go the long way, through run.
                        if (callee == null || m.depth == m.frames.length || calleeFp + callee.frameSize() > s.length) {
                            return Machine.position(fp, pc);
                        }
                        m.suspend(fp, pc + 3);
                        clearLocals(s, m.refs, callee, calleeFp);
                        m.running = callee;
                        code = callee.code();
                        fp = calleeFp;
                        pc = 0;
                        break branched;
                    }
                    case Op.RETURN -> {
                        if (m.depth == m.base) return Machine.position(fp, pc);
                        moveValues(s, fp + code[pc + 1], fp, code[pc + 2]);
                        long frame = m.resume();
                        code = m.running.code();
                        fp = (int) (frame >>> 32);
                        pc = (int) frame;
                    }
                    case Op.FUEL -> {
                        break branched;
                    }
                    default -> {
                        return Machine.position(fp, pc);
                    }
                }
                continue;
            }
            // A branch, taken or not, ends a run, and the next run starts with its charge: making
            // it here saves that FUEL instruction a dispatch. A run that falls into a label is
            // followed by the label's, charged here too.
            while (code[pc] == Op.FUEL) {
                long fuel = m.fuel - code[pc + 1];
                if (fuel < 0) return Machine.position(fp, pc);
                m.fuel = fuel;
                pc += 2;
            }
        }
    }

    /** Runs the F64_LOAD_MUL_ADD_STORE at {@code pc}: a LOAD64, an F64_MUL_ADD and a STORE64 (of the sum) in a row. */
    private static void loadMultiplyAddStore(int[] code, int pc, int fp, long[] s, MemorySegment heap, long addressMask) {
        s[fp + code[pc + 1]] = heap.get(I64, address((s[fp + code[pc + 2]] + code[pc + 3]) & addressMask, code[pc + 4]));
        long sum = doubleToRawLongBits(longBitsToDouble(s[fp + code[pc + 6]])
                + longBitsToDouble(s[fp + code[pc + 7]]) * longBitsToDouble(s[fp + code[pc + 8]]));
        s[fp + code[pc + 5]] = sum;
        heap.set(I64, address((s[fp + code[pc + 9]] + code[pc + 11]) & addressMask, code[pc + 12]), sum);
    }

    /**
     * Runs the I32_STEP_2_JUMP_IF_NE or I64_STEP_2_JUMP_IF_NE at {@code pc} and returns the next pc.
     * The limit is read after the writes: it may be one of the slots just stepped.
     */
    static int stepTwoAndTest(int[] code, int pc, int fp, long[] s) {
        int first = fp + code[pc + 1];
        int second = fp + code[pc + 3];
        int counter = fp + code[pc + 5];
        int limit = fp + code[pc + 7];
        if (code[pc] == Op.I64_STEP_2_JUMP_IF_NE) {
            s[first] += code[pc + 2];
            s[second] += code[pc + 4];
            if ((s[counter] += code[pc + 6]) != s[limit]) return code[pc + 8];
        } else {
            s[first] = (int) s[first] + code[pc + 2];
            s[second] = (int) s[second] + code[pc + 4];
            int count = (int) s[counter] + code[pc + 6];
            s[counter] = count;
            if (count != (int) s[limit]) return code[pc + 8];
        }
        return pc + 9;
    }

    /** The f64 a fused instruction loads from memory 0: its operands addr, addend, offset start at {@code at}, as LOAD64's do. */
    private static double loadF64(MemorySegment heap, long[] s, int fp, int[] code, int at, long addressMask) {
        return longBitsToDouble(heap.get(I64, address((s[fp + code[at]] + code[at + 1]) & addressMask, code[at + 2])));
    }

}
