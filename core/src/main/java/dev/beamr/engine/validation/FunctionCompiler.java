package dev.beamr.engine.validation;

import dev.beamr.InvalidModuleException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.binary.BinaryReader;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.FunctionBody;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.beamr.engine.model.ValType.FUNCREF;
import static dev.beamr.engine.model.ValType.I32;
import static dev.beamr.engine.model.ValType.I64;

/**
 * Validates one function body and lowers it to the intermediate form in the same pass (see
 * {@link dev.beamr.engine.ir} for the frame layout and {@link Op} for the encoding).
 *
 * <p>Validation follows the spec's algorithm: a stack of operand types, where {@code null} is the
 * unknown type of the polymorphic stack after an unconditional branch, and a stack of control
 * frames. Operand-stack entry {@code k} has its own frame slot {@code localCount + k}, but may
 * instead still be a local it was read from (an alias) or a constant: {@code local.get} and
 * constants emit nothing, and the instruction that consumes them reads the local or takes the
 * constant as an immediate. An entry is moved into its own slot (materialized) where the value must
 * be there: before a {@code local.set} of the local it aliases, at block entry (so that every path
 * into a label agrees on where values are), and for instructions that read consecutive stack slots
 * (calls, branches with values, bulk memory). A {@code local.set} right after the instruction that
 * produced its operand retargets that instruction's result to the local instead, a comparison
 * consumed by {@code br_if} or {@code if} becomes one compare-and-branch instruction, and f64
 * arithmetic whose right operand an {@code f64.load} or {@code f64.mul} computed just before takes
 * that instruction over (see {@link Op#F64_ADD_LOAD}, {@link Op#F64_MUL_ADD}). Code is emitted
 * only while the current point can be reached ({@link #live}); dead code is validated but produces
 * nothing. The lowered code of a function without exception handlers then goes through passes that
 * see the whole function ({@link TailDuplication}, {@link CopyForwarding}, {@link RotationRecovery},
 * {@link RotationFusion}, {@link AddressFolding}, {@link ConstantReuse}, {@link ConstantHoisting},
 * {@link InPlaceUpdates}, {@link ProductFusion}, {@link LoadSinking}, {@link TestFusion},
 * {@link LoopStepFusion}, {@link AccumulationFusion}); they remove, move, copy or merge
 * instructions, and change a run's FUEL charge only to join two runs into one.
 *
 * <p>Fuel: each straight-line run of code starts with a {@link Op#FUEL} charge for the wasm
 * instructions it covers. A run starts at the function entry, at every label some branch reaches
 * (a loop's start, an else arm, a catch, a block end with branches to it) and after every branch;
 * its FUEL is emitted lazily by the first instruction counted into it, so no run is empty. A block's
 * {@code end} counts in the run that starts at its label, or in the run falling into it.
 *
 * <p>A legacy {@code catch} body keeps the caught exception in a hidden reference entry at its
 * try's label height, with the payload above it; results are moved down over it when the body ends.
 */
final class FunctionCompiler {
    private enum Kind { FUNCTION, BLOCK, LOOP, IF, ELSE, TRY, CATCH, CATCH_ALL }

    private static final class Frame {
        Kind kind;
        final FuncType blockType;
        /** Where branch values land: the stack height below the block's parameters. */
        final int labelHeight;
        /** The stack height below which this frame's instructions may not pop. */
        int height;
        /** The spec's flag: the rest of the frame is stack-polymorphic. */
        boolean unreachable;
        final boolean liveAtEntry;
        /** Whether the end can be reached: by falling through or by a branch from live code. */
        boolean endReachable;
        /** A loop's first instruction, or a try's first covered instruction. */
        final int start;
        /** A try body's end (exclusive) once its first catch or delegate is met. */
        int tryEnd = -1;
        /** The pending {@code JUMP_UNLESS} target of an {@code if}, or -1. */
        int elseFixup = -1;
        /** Code positions holding this frame's end offset, patched at its end. */
        final IntBuffer endFixups = new IntBuffer(4);
        /** Delegate handlers whose target is the next handler index after this frame's boundary. */
        final IntBuffer pendingDelegates = new IntBuffer(0);

        Frame(Kind kind, FuncType blockType, int labelHeight, boolean liveAtEntry, int start) {
            this.kind = kind;
            this.blockType = blockType;
            this.labelHeight = labelHeight;
            this.height = labelHeight;
            this.liveAtEntry = liveAtEntry;
            this.start = start;
        }

        ValType[] labelTypes() {
            return kind == Kind.LOOP ? blockType.params() : blockType.results();
        }

        boolean isCatch() {
            return kind == Kind.CATCH || kind == Kind.CATCH_ALL;
        }
    }

    private static final FuncType EMPTY_BLOCK = new FuncType(new ValType[0], new ValType[0]);
    private static final FuncType[] SINGLE_RESULT_BLOCKS = new FuncType[256];

    static {
        for (ValType type : ValType.values()) {
            SINGLE_RESULT_BLOCKS[type.code()] = new FuncType(new ValType[0], new ValType[] {type});
        }
    }

    private final ModuleContext module;
    private final int functionIndex;
    private final String name;
    private final FuncType type;
    private final ValType[] localTypes;
    private final int localCount;
    private final BinaryReader in;
    private final int codeEnd;
    private final IntBuffer code = new IntBuffer(64);
    /** Handlers as {start, end, tag, target, payloadSlot, exceptionSlot}, patched before the array is built. */
    private final List<int[]> handlers = new ArrayList<>();

    private ValType[] stack = new ValType[16];
    /** Where each operand-stack entry's value is: its own slot, a local's slot, or {@link #CONSTANT}. */
    private int[] where = new int[16];
    /** The values of {@link #CONSTANT} entries. */
    private long[] constants = new long[16];
    private int height;
    private int maxHeight;
    private Frame[] frames = new Frame[8];
    private int depth;
    private boolean live = true;
    private int instructionStart;
    /** Code position of the current run's FUEL cost, or -1 when the next counted instruction starts a run. */
    private int runCost = -1;
    /** The last emitted instruction when it wrote a single result slot: start, and code size after it (-1: none). */
    private int resultStart;
    private int resultEnd = -1;
    /** The result instruction emitted right before the last one, if there was one with no label or other instruction between. */
    private int priorStart;
    private int priorEnd = -1;
    /** Likewise the one before that (-1: none, or not right before the prior one). */
    private int priorPriorStart;
    private int priorPriorEnd = -1;
    /** Per local, whether it still holds the zero it starts with: true for declared locals until their first write, and null from the first block on, where paths join. */
    private boolean[] zeroSinceEntry;

    /** {@link #where} of an entry that is a constant not yet in any slot. */
    private static final int CONSTANT = -1;

    FunctionCompiler(ModuleContext module, int functionIndex, String name, FunctionBody body) {
        this.module = module;
        this.functionIndex = functionIndex;
        this.name = name;
        this.type = module.functions()[functionIndex];
        ValType[] params = type.params();
        this.localTypes = Arrays.copyOf(params, params.length + body.locals().length);
        System.arraycopy(body.locals(), 0, localTypes, params.length, body.locals().length);
        this.localCount = localTypes.length;
        this.in = new BinaryReader(body.source(), body.codeStart(), body.codeEnd());
        this.codeEnd = body.codeEnd();
        instructionStart = body.codeStart();
    }

    CompiledFunction compile() {
        for (ValType local : localTypes) requireSupported(local);
        for (ValType result : type.results()) requireSupported(result);
        pushFrame(Kind.FUNCTION, type, 0);
        zeroSinceEntry = new boolean[localCount];
        Arrays.fill(zeroSinceEntry, type.paramCount(), localCount, true);
        while (depth > 0) {
            instructionStart = in.position();
            int opcode = in.readByte();
            // end and delegate count in the run their label starts (see closeFrame).
            if (opcode != 0x0B && opcode != 0x18) countInstruction();
            instruction(opcode);
        }
        if (in.position() != codeEnd) {
            throw new MalformedModuleException("function body continues after its final end", in.position());
        }
        int[] body = code.toArray();
        // Passes over the whole function, which a handler's entry without a branch would mislead.
        if (handlers.isEmpty()) {
            body = TailDuplication.apply(body);
            body = CopyForwarding.apply(body);
            body = RotationRecovery.apply(body);
            body = RotationFusion.apply(body);
            body = AddressFolding.apply(body);
            body = ConstantReuse.apply(body);
            body = ConstantHoisting.apply(body);
            body = InPlaceUpdates.apply(body);
            body = ProductFusion.apply(body);
            body = LoadSinking.apply(body);
            body = VectorFusion.apply(body);
            body = TestFusion.apply(body);
            body = LoopStepFusion.apply(body);
            body = AccumulationFusion.apply(body);
            body = LoopMarking.apply(body);
        }
        return new CompiledFunction(functionIndex, name, type, localTypes, referenceLocals(),
                localCount + maxHeight, body, handlerArray());
    }

    // ---- The instructions ----

    private void instruction(int opcode) {
        switch (opcode) {
            case 0x00 -> {
                emit(Op.UNREACHABLE);
                markUnreachable();
            }
            case 0x01 -> { }
            case 0x02 -> enterBlock(Kind.BLOCK, readBlockType());
            case 0x03 -> enterBlock(Kind.LOOP, readBlockType());
            case 0x04 -> enterIf(readBlockType());
            case 0x05 -> elseArm();
            case 0x06 -> enterBlock(Kind.TRY, readBlockType());
            case 0x07 -> catchClause(false);
            case 0x08 -> throwTag();
            case 0x09 -> rethrow();
            case 0x0B -> end();
            case 0x0C -> br();
            case 0x0D -> brIf();
            case 0x0E -> brTable();
            case 0x0F -> returnFromFunction();
            case 0x10 -> call();
            case 0x11 -> callIndirect(false);
            case 0x12 -> returnCall();
            case 0x13 -> callIndirect(true);
            case 0x18 -> delegate();
            case 0x19 -> catchClause(true);
            case 0x1A -> popEntry(null);
            case 0x1B -> select();
            case 0x1C -> typedSelect();
            case 0x20 -> localGet();
            case 0x21 -> localSet(false);
            case 0x22 -> localSet(true);
            case 0x23 -> globalGet();
            case 0x24 -> globalSet();
            case 0x25 -> tableGet();
            case 0x26 -> tableSet();
            case 0x3F -> memorySize();
            case 0x40 -> memoryGrow();
            case 0x41 -> constant32(I32, in.readS32());
            case 0x42 -> constant64(I64, in.readS64());
            case 0x43 -> constant32(ValType.F32, in.readFixed32());
            case 0x44 -> constant64(ValType.F64, in.readFixed64());
            case 0xD0 -> refNull();
            case 0xD1 -> refIsNull();
            case 0xD2 -> refFunc();
            case 0xFC -> prefixed();
            case 0xFD -> throw invalid("SIMD instructions are not supported yet");
            default -> {
                if (InstructionTables.ACCESS[opcode] != null) {
                    memoryAccess(InstructionTables.ACCESS[opcode]);
                } else if (InstructionTables.NUMERIC[opcode] != null) {
                    numeric(InstructionTables.NUMERIC[opcode]);
                } else {
                    throw new MalformedModuleException(
                            "illegal opcode 0x" + Integer.toHexString(opcode), instructionStart);
                }
            }
        }
    }

    private void prefixed() {
        long sub = in.readU32();
        switch ((int) Math.min(sub, Integer.MAX_VALUE)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> numeric(InstructionTables.SATURATING[(int) sub]);
            case 8 -> memoryInit();
            case 9 -> emit(Op.DATA_DROP, dataSegment(in.readU32()));
            case 10 -> memoryCopy();
            case 11 -> memoryFill();
            case 12 -> tableInit();
            case 13 -> {
                long element = in.readU32();
                module.elementSegment(element, functionIndex, instructionStart);
                emit(Op.ELEM_DROP, (int) element);
            }
            case 14 -> tableCopy();
            case 15 -> tableGrow();
            case 16 -> {
                int table = tableIndex();
                push(I32);
                emit(Op.TABLE_SIZE, top(), table);
            }
            case 17 -> tableFill();
            default -> throw new MalformedModuleException("illegal opcode 0xfc " + sub, instructionStart);
        }
    }

    // ---- Blocks ----

    private FuncType readBlockType() {
        int position = in.position();
        int first = in.peekByte();
        if (first == 0x40) {
            in.readByte();
            return EMPTY_BLOCK;
        }
        ValType single = ValType.fromCode(first);
        if (single != null) {
            in.readByte();
            requireSupported(single);
            return SINGLE_RESULT_BLOCKS[first];
        }
        long index = in.readS33();
        if (index < 0) throw new MalformedModuleException("malformed block type", position);
        FuncType blockType = module.type(index, functionIndex, instructionStart);
        for (ValType t : blockType.params()) requireSupported(t);
        for (ValType t : blockType.results()) requireSupported(t);
        return blockType;
    }

    private void enterBlock(Kind kind, FuncType blockType) {
        popValues(blockType.params());
        materializeAll();
        pushFrame(kind, blockType, code.size());
        if (kind == Kind.LOOP) breakRun();
        pushValues(blockType.params());
    }

    private void enterIf(FuncType blockType) {
        int cond = popSlot(I32);
        int condEntry = height;
        popValues(blockType.params());
        materializeAll();
        boolean wasLive = live;
        if (wasLive) {
            emitConditionalJump(cond, condEntry, false);
        }
        Frame frame = pushFrame(Kind.IF, blockType, code.size());
        if (wasLive) frame.elseFixup = code.size() - 1;
        breakRun();
        pushValues(blockType.params());
    }

    private Frame pushFrame(Kind kind, FuncType blockType, int start) {
        resultEnd = -1;
        zeroSinceEntry = null;
        if (depth == frames.length) frames = Arrays.copyOf(frames, depth * 2);
        Frame frame = new Frame(kind, blockType, height, live, start);
        frames[depth++] = frame;
        return frame;
    }

    private void elseArm() {
        Frame frame = currentFrame();
        if (frame.kind != Kind.IF) throw new MalformedModuleException("else without a matching if", instructionStart);
        finishArm(frame);
        jumpToEnd(frame);
        if (frame.elseFixup >= 0) code.set(frame.elseFixup, code.size());
        frame.elseFixup = -1;
        frame.kind = Kind.ELSE;
        restartArm(frame, frame.labelHeight, frame.liveAtEntry);
        breakRun();
        pushValues(frame.blockType.params());
    }

    private void catchClause(boolean catchAll) {
        Frame frame = currentFrame();
        if (frame.kind != Kind.TRY && frame.kind != Kind.CATCH) {
            throw new MalformedModuleException((catchAll ? "catch_all" : "catch")
                    + " without a matching try, or after catch_all", instructionStart);
        }
        long tagIndex = catchAll ? Handler.CATCH_ALL : in.readU32();
        FuncType tag = catchAll ? null : module.tag(tagIndex, functionIndex, instructionStart);
        finishArm(frame);
        if (frame.kind == Kind.TRY) closeTryBody(frame);
        jumpToEnd(frame);
        if (frame.liveAtEntry) {
            handlers.add(new int[] {frame.start, frame.tryEnd, (int) tagIndex, code.size(),
                    slot(frame.labelHeight + 1), slot(frame.labelHeight)});
        }
        frame.kind = catchAll ? Kind.CATCH_ALL : Kind.CATCH;
        restartArm(frame, frame.labelHeight, frame.liveAtEntry);
        breakRun();
        push(null);
        frame.height = height;
        if (tag != null) pushValues(tag.params());
    }

    private void delegate() {
        Frame frame = currentFrame();
        if (frame.kind != Kind.TRY) throw new MalformedModuleException("delegate without a matching try", instructionStart);
        long label = in.readU32();
        if (label >= depth - 1) throw ModuleContext.unknown("label", label, functionIndex, instructionStart);
        Frame target = frames[depth - 2 - (int) label];
        finishArm(frame);
        closeTryBody(frame);
        if (frame.liveAtEntry) {
            target.pendingDelegates.add(handlers.size());
            handlers.add(new int[] {frame.start, frame.tryEnd, Handler.DELEGATE, -1, 0, 0});
        }
        closeFrame(frame);
    }

    private void end() {
        Frame frame = currentFrame();
        finishArm(frame);
        if (frame.kind == Kind.IF) {
            if (!Arrays.equals(frame.blockType.params(), frame.blockType.results())) throw typeMismatch();
            frame.endReachable |= frame.liveAtEntry;
        }
        if (frame.isCatch() && live) {
            ValType[] results = frame.blockType.results();
            for (int i = 0; i < results.length; i++) {
                emit(results[i].isReference() ? Op.COPY_REF : Op.COPY,
                        slot(frame.labelHeight + i), slot(frame.height + i));
            }
        }
        closeFrame(frame);
    }

    /** Ends a block whose last arm has been checked: its results sit at its label height. */
    private void closeFrame(Frame frame) {
        if (live) frame.endReachable = true;
        int endOffset = code.size();
        for (int i = 0; i < frame.endFixups.size(); i++) code.set(frame.endFixups.get(i), endOffset);
        if (frame.elseFixup >= 0) code.set(frame.elseFixup, endOffset);
        boolean branchedTo = frame.endFixups.size() > 0 || frame.elseFixup >= 0;
        resolveDelegates(frame);
        depth--;
        height = frame.labelHeight;
        live = frame.endReachable;
        resultEnd = -1;
        if (branchedTo) breakRun();
        countInstruction();
        pushValues(frame.blockType.results());
        if (frame.kind == Kind.FUNCTION && live) emitReturn(slot(0), frame.blockType.results());
    }

    /** Checks that an arm of a block leaves exactly the block's results. */
    private void finishArm(Frame frame) {
        popValues(frame.blockType.results());
        if (height != frame.height) throw typeMismatch();
    }

    /** From a live arm end, jumps to the block's end, moving a catch body's results over its exception. */
    private void jumpToEnd(Frame frame) {
        if (live) branch(frame, frame.blockType.results(), slot(frame.height));
    }

    private void restartArm(Frame frame, int armHeight, boolean armLive) {
        height = armHeight;
        frame.height = armHeight;
        frame.unreachable = false;
        live = armLive;
    }

    /** The try body ends here: the handlers' covered range is fixed, and delegates to it resolve. */
    private void closeTryBody(Frame frame) {
        frame.tryEnd = code.size();
        resolveDelegates(frame);
    }

    /** Delegates targeting a frame continue their search at the first handler added after its boundary. */
    private void resolveDelegates(Frame frame) {
        for (int i = 0; i < frame.pendingDelegates.size(); i++) {
            handlers.get(frame.pendingDelegates.get(i))[3] = handlers.size();
        }
        frame.pendingDelegates.clear();
    }

    // ---- Branches ----

    private Frame label(long index) {
        if (index >= depth) throw ModuleContext.unknown("label", index, functionIndex, instructionStart);
        return frames[depth - 1 - (int) index];
    }

    private void br() {
        Frame target = label(in.readU32());
        ValType[] types = target.labelTypes();
        popValues(types);
        if (live) {
            if (target.kind == Kind.FUNCTION) {
                emitReturn(slot(height), types);
            } else {
                branch(target, types, slot(height));
            }
        }
        markUnreachable();
    }

    private void brIf() {
        Frame target = label(in.readU32());
        int cond = popSlot(I32);
        int condEntry = height;
        ValType[] types = target.labelTypes();
        popValues(types);
        if (live) {
            int src = slot(height);
            int dst = slot(target.labelHeight);
            if (types.length == 0 || src == dst) {
                emitConditionalJump(cond, condEntry, true);
                targetAt(target, code.size() - 1);
            } else {
                emit(hasReference(types) ? Op.BR_IF_REFS : Op.BR_IF, cond, 0, src, dst, types.length);
                targetAt(target, code.size() - 4);
            }
        }
        breakRun();
        pushValues(types);
    }

    /**
     * Emits a jump, its target last and left 0 for the caller to fill, taken when the i32 at slot
     * {@code cond} (stack entry {@code condEntry}) is non-zero ({@code whenTrue}) or zero. When the
     * condition was just computed by a comparison, the comparison and the jump become one instruction.
     */
    private void emitConditionalJump(int cond, int condEntry, boolean whenTrue) {
        if (whenTrue && justWrote(cond)) unpairLastAddition();
        int compare = justProduced(condEntry) ? code.get(resultStart) : -1;
        CompareJump jump = compare < 0 ? null : lastComparisonAsJump(compare, whenTrue);
        if (compare == Op.I32_EQZ || compare == Op.I64_EQZ) {
            int operand = code.get(resultStart + 2);
            boolean wide = compare == Op.I64_EQZ;
            boolean ifZero = whenTrue;
            dropLastResult();
            // eqz of an eqz that left its result on the stack tests that eqz's operand itself, as
            // a loop closed on a pointer does in memory64 code: (br_if (i32.eqz (i64.eqz p))).
            if (!wide && operand >= localCount && justWrote(operand)
                    && (code.get(resultStart) == Op.I32_EQZ || code.get(resultStart) == Op.I64_EQZ)) {
                wide = code.get(resultStart) == Op.I64_EQZ;
                operand = code.get(resultStart + 2);
                ifZero = !ifZero;
                dropLastResult();
            }
            // A pair of additions whose second one computed the operand is split, that one joining the jump.
            if (wide && !ifZero && justWrote(operand)) unpairLastAddition();
            if (wide && !ifZero && justWrote(operand) && code.get(resultStart) == Op.I64_ADD_IMM) {
                stepAndJumpIfNonZero(Op.I64_ADD_IMM_JUMP_IF, operand);
            } else {
                emit(ifZero ? (wide ? Op.JUMP_UNLESS_64 : Op.JUMP_UNLESS) : (wide ? Op.JUMP_IF_64 : Op.JUMP_IF), operand, 0);
            }
        } else if (jump != null) {
            if (!fuseStepWithTest(jump.op(), jump.a(), jump.b())) {
                code.truncate(resultStart);
                emit(jump.op(), jump.a(), jump.b(), 0);
            }
        } else if (whenTrue && justWrote(cond) && code.get(resultStart) == Op.I32_ADD_IMM) {
            stepAndJumpIfNonZero(Op.I32_ADD_IMM_JUMP_IF, cond);
        } else {
            emit(whenTrue ? Op.JUMP_IF : Op.JUMP_UNLESS, cond, 0);
        }
        resultEnd = -1;
    }

    /**
     * Replaces the last instruction, an addition of a constant writing slot {@code dst}, with
     * {@code fused} (I32_ADD_IMM_JUMP_IF or I64_ADD_IMM_JUMP_IF): the same addition, then a jump,
     * its target left 0, taken when the sum is non-zero.
     */
    private void stepAndJumpIfNonZero(int fused, int dst) {
        int a = code.get(resultStart + 2);
        int addend = code.get(resultStart + 3);
        code.truncate(resultStart);
        emit(fused, dst, a, addend, 0);
    }

    /**
     * Emits a loop's counter step and its test, {@code i += k; if (i != n)}, as one instruction when
     * {@code jump}, testing slots {@code a} and {@code b} and not yet emitted, is an i32 or i64
     * inequality of the result of the addition of a constant emitted right before its comparison
     * (the last result instruction). A pair of additions is split, the second one joining the test.
     */
    private boolean fuseStepWithTest(int jump, int a, int b) {
        boolean wide = jump == Op.JUMP_IF_I64_NE;
        if (!wide && jump != Op.JUMP_IF_I32_NE || priorEnd != resultStart) return false;
        int step = code.get(priorStart);
        if (step != (wide ? Op.I64_ADD_IMM : Op.I32_ADD_IMM) && step != (wide ? Op.I64_ADD_IMM_2 : Op.I32_ADD_IMM_2)) return false;
        int counter = code.get(priorStart + 1);
        if (counter != a && counter != b) return false;
        dropLastResult();
        unpairLastAddition();
        int source = code.get(resultStart + 2);
        int addend = code.get(resultStart + 3);
        dropLastResult();
        emit(wide ? Op.I64_ADD_IMM_JUMP_IF_NE : Op.I32_ADD_IMM_JUMP_IF_NE, counter, source, addend, counter == a ? b : a, 0);
        return true;
    }

    /** A compare-and-jump instruction: its opcode and its operands a and b (an immediate for the _IMM forms). */
    private record CompareJump(int op, int a, int b) {}

    /** The comparisons in the order I32_EQ to I32_GE_U lists them, and each one's negation. */
    private static final int[] NEGATED_COMPARISON = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};
    /** Per comparison in that order, its compare-and-jump form between slots, relative to JUMP_IF_I32_EQ or JUMP_IF_I64_EQ, ... */
    private static final int[] SLOTS_FORM = {0, 1, 2, 3, 2, 3, 4, 5, 4, 5};
    /** ... and whether that form takes the operands swapped (a > b as b < a, a >= b as b <= a). */
    private static final boolean[] SLOTS_SWAPPED = {false, false, false, false, true, true, false, false, true, true};
    /** Per comparison, its form with an immediate relative to JUMP_IF_I32_EQ_IMM; -1 for the four that move the immediate. */
    private static final int[] IMMEDIATE_FORM = {0, 1, 2, 3, -1, -1, -1, -1, 4, 5};
    private static final int GT_S = 4, GT_U = 5, LE_S = 6;

    /**
     * The compare-and-jump form of the last result instruction, comparison {@code compare}, negated
     * unless {@code whenTrue}; null if it is not a comparison that has one. Only the forms {@link Op}
     * lists exist, so some comparisons swap their operands or move their immediate by one.
     */
    private CompareJump lastComparisonAsJump(int compare, boolean whenTrue) {
        int first;
        if (compare >= Op.I32_EQ && compare <= Op.I32_GE_U) {
            first = Op.I32_EQ;
        } else if (compare >= Op.I32_EQ_IMM && compare <= Op.I32_GE_U_IMM) {
            first = Op.I32_EQ_IMM;
        } else if (compare >= Op.I64_EQ && compare <= Op.I64_GE_U) {
            first = Op.I64_EQ;
        } else {
            return null;
        }
        int a = code.get(resultStart + 2);
        int b = code.get(resultStart + 3);
        int index = whenTrue ? compare - first : NEGATED_COMPARISON[compare - first];
        if (first != Op.I32_EQ_IMM) {
            int op = (first == Op.I32_EQ ? Op.JUMP_IF_I32_EQ : Op.JUMP_IF_I64_EQ) + SLOTS_FORM[index];
            return SLOTS_SWAPPED[index] ? new CompareJump(op, b, a) : new CompareJump(op, a, b);
        }
        if (IMMEDIATE_FORM[index] >= 0) return new CompareJump(Op.JUMP_IF_I32_EQ_IMM + IMMEDIATE_FORM[index], a, b);
        // a > imm is a >= imm + 1, and a <= imm is a < imm + 1; past the largest i32, a test that never
        // holds (a < the smallest) or always does (a >= the smallest).
        boolean signed = index == GT_S || index == LE_S;
        boolean greater = index == GT_S || index == GT_U;
        int smallest = signed ? Integer.MIN_VALUE : 0;
        boolean largest = b == (signed ? Integer.MAX_VALUE : -1);
        boolean atLeast = greater != largest;
        int op = atLeast ? (signed ? Op.JUMP_IF_I32_GE_S_IMM : Op.JUMP_IF_I32_GE_U_IMM)
                : (signed ? Op.JUMP_IF_I32_LT_S_IMM : Op.JUMP_IF_I32_LT_U_IMM);
        return new CompareJump(op, a, largest ? smallest : b + 1);
    }

    private void brTable() {
        long count = in.readU32();
        if (count > codeEnd - in.position()) {
            throw new MalformedModuleException("br_table has more labels than the body has bytes", instructionStart);
        }
        Frame[] targets = new Frame[(int) count + 1];
        for (int i = 0; i <= count; i++) targets[i] = label(in.readU32());
        int index = popSlot(I32);
        int arity = targets[(int) count].labelTypes().length;
        for (int i = 0; i < count; i++) {
            ValType[] types = targets[i].labelTypes();
            if (types.length != arity) throw typeMismatch();
            pushValues(popValues(types));
        }
        popValues(targets[(int) count].labelTypes());
        if (live) {
            int src = slot(height);
            emit(Op.BR_TABLE, index, (int) count);
            for (Frame target : targets) {
                ValType[] types = target.labelTypes();
                code.add(0);
                targetAt(target, code.size() - 1);
                code.add(src);
                code.add(slot(target.labelHeight));
                code.add(arity);
                code.add(hasReference(types) ? 1 : 0);
            }
        }
        markUnreachable();
    }

    /** Emits an unconditional branch to {@code target}, moving its label values from {@code src}. */
    private void branch(Frame target, ValType[] types, int src) {
        int dst = slot(target.labelHeight);
        if (types.length == 0 || src == dst) {
            emit(Op.JUMP, 0);
            targetAt(target, code.size() - 1);
        } else {
            emit(hasReference(types) ? Op.BR_REFS : Op.BR, 0, src, dst, types.length);
            targetAt(target, code.size() - 4);
        }
    }

    /** Fills the branch target at code position {@code position}: a loop's start, or a fixup for a block's end. */
    private void targetAt(Frame target, int position) {
        if (target.kind == Kind.LOOP) {
            code.set(position, target.start);
        } else {
            target.endFixups.add(position);
            target.endReachable = true;
        }
    }

    private void returnFromFunction() {
        ValType[] results = type.results();
        popValues(results);
        if (live) emitReturn(slot(height), results);
        markUnreachable();
    }

    private void emitReturn(int src, ValType[] results) {
        emit(hasReference(results) ? Op.RETURN_REFS : Op.RETURN, src, results.length);
    }

    // ---- Calls and exceptions ----

    private void call() {
        long index = in.readU32();
        FuncType callee = module.function(index, functionIndex, instructionStart);
        popValues(callee.params());
        emit(Op.CALL, (int) index, slot(height));
        pushValues(callee.results());
    }

    private void returnCall() {
        long index = in.readU32();
        FuncType callee = module.function(index, functionIndex, instructionStart);
        requireSameResults(callee);
        popValues(callee.params());
        emit(Op.RETURN_CALL, (int) index, slot(height));
        reserveTailCallResults(callee);
        markUnreachable();
    }

    /**
     * A tail call to a function the interpreter cannot enter (a host function, compiled code, another
     * instance) leaves the callee's results at the arguments' slots before they move to the frame's
     * first slots: the frame must hold them even where they outnumber the arguments.
     */
    private void reserveTailCallResults(FuncType callee) {
        maxHeight = Math.max(maxHeight, height + callee.resultCount());
    }

    private void callIndirect(boolean tail) {
        long typeIndex = in.readU32();
        FuncType callee = module.type(typeIndex, functionIndex, instructionStart);
        int table = tableIndex();
        if (module.tables()[table].elementType() != FUNCREF) throw typeMismatch();
        if (tail) requireSameResults(callee);
        int indexSlot = popSlot(I32);
        popValues(callee.params());
        emit(tail ? Op.RETURN_CALL_INDIRECT : Op.CALL_INDIRECT, (int) typeIndex, table, indexSlot, slot(height));
        if (tail) {
            reserveTailCallResults(callee);
            markUnreachable();
        } else {
            pushValues(callee.results());
        }
    }

    private void requireSameResults(FuncType callee) {
        if (!Arrays.equals(callee.results(), type.results())) throw typeMismatch();
    }

    private void throwTag() {
        long index = in.readU32();
        FuncType tag = module.tag(index, functionIndex, instructionStart);
        popValues(tag.params());
        emit(Op.THROW, (int) index, slot(height));
        markUnreachable();
    }

    private void rethrow() {
        long index = in.readU32();
        Frame target = label(index);
        if (!target.isCatch()) throw invalid("invalid rethrow label");
        emit(Op.RETHROW, slot(target.labelHeight));
        markUnreachable();
    }

    // ---- Parametric, variable and reference instructions ----

    private void select() {
        int cond = popSlot(I32);
        ValType second = popEntry(null);
        int b = valueSlot(height);
        ValType first = popEntry(null);
        int a = valueSlot(height);
        if (first != null && !first.isNumeric() || second != null && !second.isNumeric()) throw typeMismatch();
        if (first != null && second != null && first != second) throw typeMismatch();
        emitSelect(first != null ? first : second, a, b, cond);
    }

    private void typedSelect() {
        long count = in.readU32();
        if (count != 1) throw invalid("invalid result arity");
        ValType selected = readValueType();
        if (selected.isReference()) {
            pop(I32);
            pop(selected);
            pop(selected);
            emit(Op.SELECT_REF, slot(height));
            push(selected);
            return;
        }
        int cond = popSlot(I32);
        int b = popSlot(selected);
        int a = popSlot(selected);
        emitSelect(selected, a, b, cond);
    }

    private void emitSelect(ValType result, int a, int b, int cond) {
        push(result);
        emitResult(Op.SELECT, top(), a, b, cond);
    }

    private void localGet() {
        int local = localIndex();
        push(localTypes[local]);
        where[height - 1] = local;
    }

    /**
     * Writes the popped value to the local: by retargeting the instruction that just produced it when
     * nothing else on the stack still reads the local's old value, else with a copy (or constant),
     * after materializing the entries that alias the local.
     */
    private void localSet(boolean tee) {
        int local = localIndex();
        ValType localType = localTypes[local];
        popEntry(localType);
        int entry = height;
        if (live) {
            boolean zeroOverZero = zeroSinceEntry != null && zeroSinceEntry[local]
                    && where[entry] == CONSTANT && constants[entry] == 0;
            if (zeroOverZero) {
                // Writing a zero where the local's initial zero still is changes nothing: emit nothing.
            } else if (justProduced(entry) && !aliased(local, entry)) {
                // The producer stays the last instruction, now writing the local (see justWrote).
                code.set(resultStart + 1, local);
            } else {
                for (int k = 0; k < entry; k++) {
                    if (where[k] == local) materialize(k);
                }
                int copied = where[entry];
                if (copied == CONSTANT) {
                    emitConstant(localType, local, constants[entry]);
                } else if (justWrote(copied) && (code.get(resultStart) == Op.I32_ADD_IMM || code.get(resultStart) == Op.I64_ADD_IMM)) {
                    // The sum a local.tee kept, set to another local too: the copy is a second addition, of zero.
                    pairWithLastAddition(local, copied, 0);
                } else if (copied != local) {
                    emit(localType.isReference() ? Op.COPY_REF : Op.COPY, local, copied);
                }
                resultEnd = -1;
            }
            if (zeroSinceEntry != null && !zeroOverZero) zeroSinceEntry[local] = false;
        }
        if (tee) {
            push(localType);
            where[height - 1] = local;
        }
    }

    /** Whether an entry below {@code entry} still reads the local. */
    private boolean aliased(int local, int entry) {
        for (int k = 0; k < entry; k++) {
            if (where[k] == local) return true;
        }
        return false;
    }

    private int localIndex() {
        long index = in.readU32();
        if (index >= localCount) throw ModuleContext.unknown("local", index, functionIndex, instructionStart);
        return (int) index;
    }

    private void globalGet() {
        long index = in.readU32();
        GlobalType global = module.global(index, functionIndex, instructionStart);
        push(global.type());
        if (global.type().isReference()) {
            emit(Op.GLOBAL_GET_REF, top(), (int) index);
        } else {
            emitResult(Op.GLOBAL_GET, top(), (int) index);
        }
    }

    private void globalSet() {
        long index = in.readU32();
        GlobalType global = module.global(index, functionIndex, instructionStart);
        if (!global.mutable()) throw invalid("global is immutable");
        int src = popSlot(global.type());
        emit(global.type().isReference() ? Op.GLOBAL_SET_REF : Op.GLOBAL_SET, src, (int) index);
    }

    private void refNull() {
        int position = in.position();
        ValType heapType = ValType.fromCode(in.readByte());
        if (heapType == null || !heapType.isReference()) throw new MalformedModuleException("malformed reference type", position);
        push(heapType);
        emit(Op.REF_NULL, top());
    }

    private void refIsNull() {
        ValType operand = pop();
        if (operand != null && !operand.isReference()) throw typeMismatch();
        push(I32);
        emit(Op.REF_IS_NULL, top());
    }

    private void refFunc() {
        long index = in.readU32();
        module.function(index, functionIndex, instructionStart);
        if (!module.declaredFunctions()[(int) index]) throw invalid("undeclared function reference");
        push(FUNCREF);
        emit(Op.REF_FUNC, top(), (int) index);
    }

    private void constant32(ValType constantType, int value) {
        push(constantType);
        where[height - 1] = CONSTANT;
        constants[height - 1] = value;
    }

    private void constant64(ValType constantType, long value) {
        push(constantType);
        where[height - 1] = CONSTANT;
        constants[height - 1] = value;
    }

    private void emitConstant(ValType constantType, int dst, long value) {
        if (constantType == I32 || constantType == ValType.F32) {
            emit(Op.CONST_32, dst, (int) value);
        } else {
            emit(Op.CONST_64, dst, (int) value, (int) (value >>> 32));
        }
    }

    private void numeric(InstructionTables.Numeric instruction) {
        int op = instruction.op();
        if (!instruction.binary()) {
            int a = popSlot(instruction.operand());
            push(instruction.result());
            // Conversions that keep the bits leave the value where it is.
            if (op == InstructionTables.NO_CODE) where[height - 1] = a;
            else emitResult(op, top(), a);
            return;
        }
        popEntry(instruction.operand());
        int right = height;
        int a = popSlot(instruction.operand());
        int immediateOp = live && where[right] == CONSTANT ? immediateForm(op, constants[right]) : -1;
        int fusedOp = live && justProduced(right) ? fusedWithProducer(op, code.get(resultStart)) : -1;
        if (immediateOp >= 0) {
            long value = op == Op.I32_SUB || op == Op.I64_SUB ? -constants[right] : constants[right];
            if (immediateOp == Op.I32_ADD_IMM && justProduced(height) && code.get(resultStart) == Op.I32_MUL_IMM) {
                // The product is read by nothing else: one instruction multiplies and adds.
                int multiplicand = code.get(resultStart + 2);
                int multiplier = code.get(resultStart + 3);
                code.truncate(resultStart);
                push(instruction.result());
                emitResult(Op.I32_MUL_ADD_IMM, top(), multiplicand, multiplier, (int) value);
            } else if ((immediateOp == Op.I32_ADD_IMM || immediateOp == Op.I64_ADD_IMM) && live
                    && resultEnd == code.size() && code.get(resultStart) == immediateOp) {
                // Right after another addition of a constant of its width: one instruction does both, in order.
                push(instruction.result());
                pairWithLastAddition(top(), a, (int) value);
            } else {
                push(instruction.result());
                emitResult(immediateOp, top(), a, (int) value);
            }
        } else if (op == Op.F64_ADD && live && where[right] != CONSTANT && justProduced(height)
                && code.get(resultStart) == Op.F64_MUL) {
            // x * y + b as b + x * y: addition commutes but for which NaN operand's payload survives,
            // which the spec leaves open.
            int x = code.get(resultStart + 2);
            int y = code.get(resultStart + 3);
            int b = valueSlot(right);
            dropLastResult();
            push(instruction.result());
            emitResult(Op.F64_MUL_ADD, top(), b, x, y);
        } else if (fusedOp >= 0) {
            // The fused form takes the producer's operands (those after its result slot) after a.
            int producerStart = resultStart;
            int[] operands = new int[resultEnd - producerStart];
            for (int i = 2; i < operands.length; i++) operands[i] = code.get(producerStart + i);
            dropLastResult();
            push(instruction.result());
            operands[0] = top();
            operands[1] = a;
            emitResult(fusedOp, operands);
        } else {
            int b = valueSlot(right);
            push(instruction.result());
            emitResult(op, top(), a, b);
        }
    }

    /**
     * The form of binary {@code op} that also does the work of {@code producer}, the instruction that
     * computed its right operand into a stack slot read by nothing else, or -1 when there is none.
     */
    private static int fusedWithProducer(int op, int producer) {
        if (producer == Op.LOAD64) {
            return switch (op) {
                case Op.F64_ADD -> Op.F64_ADD_LOAD;
                case Op.F64_SUB -> Op.F64_SUB_LOAD;
                case Op.F64_MUL -> Op.F64_MUL_LOAD;
                default -> -1;
            };
        }
        if (producer == Op.F64_MUL) {
            return switch (op) {
                case Op.F64_ADD -> Op.F64_MUL_ADD;
                case Op.F64_SUB -> Op.F64_MUL_SUB;
                default -> -1;
            };
        }
        return -1;
    }

    /** The form of binary {@code op} taking {@code constant} as its immediate second operand, or -1. */
    private static int immediateForm(int op, long constant) {
        if (op >= Op.I32_EQ && op <= Op.I32_GE_U) return Op.I32_EQ_IMM + (op - Op.I32_EQ);
        int form = switch (op) {
            case Op.I32_ADD, Op.I32_SUB -> Op.I32_ADD_IMM;
            case Op.I32_MUL -> Op.I32_MUL_IMM;
            case Op.I32_AND -> Op.I32_AND_IMM;
            case Op.I32_OR -> Op.I32_OR_IMM;
            case Op.I32_XOR -> Op.I32_XOR_IMM;
            case Op.I32_SHL -> Op.I32_SHL_IMM;
            case Op.I32_SHR_S -> Op.I32_SHR_S_IMM;
            case Op.I32_SHR_U -> Op.I32_SHR_U_IMM;
            case Op.I32_ROTL -> Op.I32_ROTL_IMM;
            case Op.I64_ADD, Op.I64_SUB -> Op.I64_ADD_IMM;
            case Op.I64_MUL -> Op.I64_MUL_IMM;
            case Op.I64_AND -> Op.I64_AND_IMM;
            case Op.I64_OR -> Op.I64_OR_IMM;
            case Op.I64_XOR -> Op.I64_XOR_IMM;
            case Op.I64_SHL -> Op.I64_SHL_IMM;
            case Op.I64_SHR_S -> Op.I64_SHR_S_IMM;
            case Op.I64_SHR_U -> Op.I64_SHR_U_IMM;
            default -> -1;
        };
        if (form >= Op.I64_ADD_IMM) {
            // i64 immediates are sign-extended i32s; a subtrahend's negation must fit too.
            long value = op == Op.I64_SUB ? -constant : constant;
            if (value != (int) value || op == Op.I64_SUB && constant == Long.MIN_VALUE) return -1;
        }
        return form;
    }

    // ---- Memory ----

    private void memoryAccess(InstructionTables.Access access) {
        long flags = in.readU32();
        long memoryIndex = 0;
        if ((flags & 0x40) != 0) {
            memoryIndex = in.readU32();
            flags &= ~0x40L;
        }
        MemoryType memory = module.memory(memoryIndex, functionIndex, instructionStart);
        long offset = memory.is64() ? in.readU64() : in.readU32();
        if (flags > access.alignLog2()) throw invalid("alignment must not be larger than natural");
        ValType address = addressType(memory);
        if (memoryIndex == 0 && offset >= 0 && offset <= Integer.MAX_VALUE) {
            if (access.store()) popEntry(access.type());
            int valueEntry = height;
            popEntry(address);
            int addressEntry = height;
            // An address just computed as x + constant is folded in: the access adds the constant itself.
            int addOp = memory.is64() ? Op.I64_ADD_IMM : Op.I32_ADD_IMM;
            int addressSlot;
            int addend = 0;
            if (live && justProduced(addressEntry)) unpairLastAddition();
            if (live && justProduced(addressEntry) && code.get(resultStart) == addOp) {
                addressSlot = code.get(resultStart + 2);
                addend = code.get(resultStart + 3);
                code.truncate(resultStart);
                resultEnd = -1;
            } else {
                addressSlot = valueSlot(addressEntry);
            }
            if (access.store()) {
                emitStore(access.op(), valueEntry, addressSlot, addend, (int) offset);
            } else {
                push(access.type());
                emitResult(access.op(), top(), addressSlot, addend, (int) offset);
            }
            return;
        }
        if (access.store()) pop(access.type());
        pop(address);
        int slot = slot(height);
        if (!access.store()) push(access.type());
        emit(access.store() ? Op.MEM_STORE : Op.MEM_LOAD, access.op(), slot, (int) memoryIndex,
                (int) offset, (int) (offset >>> 32));
    }

    /**
     * Emits short-form store {@code op} of stack entry {@code valueEntry} at the given address: with
     * the value as an immediate when it is a constant that fits one, as one read-modify-write
     * instruction when an f64 addition just computed it from a load of the same address, else as is.
     */
    private void emitStore(int op, int valueEntry, int addressSlot, int addend, int offset) {
        if (live && where[valueEntry] == CONSTANT && constants[valueEntry] == (int) constants[valueEntry]) {
            emit(Op.STORE8_IMM + (op - Op.STORE8), addressSlot, (int) constants[valueEntry], addend, offset);
        } else if (op == Op.STORE64 && live && justProduced(valueEntry) && code.get(resultStart) == Op.F64_ADD_LOAD
                && code.get(resultStart + 3) == addressSlot && code.get(resultStart + 4) == addend
                && code.get(resultStart + 5) == offset) {
            int a = code.get(resultStart + 2);
            int product = priorEnd == resultStart && code.get(priorStart + 1) == a && a >= localCount ? code.get(priorStart) : -1;
            if (product == Op.F64_MUL_LOAD || product == Op.F64_MUL) {
                // The sum's left operand is a product in a stack slot that nothing else reads: the fused
                // instruction takes the multiplication's operands, then the address.
                int productStart = priorStart;
                IntBuffer fused = new IntBuffer(8);
                fused.add(product == Op.F64_MUL ? Op.F64_MUL_ADD_LOAD_STORE : Op.F64_MUL_LOAD_ADD_STORE);
                for (int i = productStart + 2; i < resultStart; i++) fused.add(code.get(i));
                fused.add(addressSlot);
                fused.add(addend);
                fused.add(offset);
                code.truncate(productStart);
                resultEnd = -1;
                for (int i = 0; i < fused.size(); i++) code.add(fused.get(i));
                return;
            }
            code.truncate(resultStart);
            resultEnd = -1;
            emit(Op.F64_ADD_LOAD_STORE, a, addressSlot, addend, offset);
        } else if (op == Op.STORE64 && live && justProduced(valueEntry) && code.get(resultStart) == Op.F64_MUL_SUB
                && subtractsFromItsLoad(addressSlot, addend, offset)) {
            // mem[p] - x * y stored back to p: the load becomes part of one read-modify-write instruction.
            int x = code.get(resultStart + 3);
            int y = code.get(resultStart + 4);
            boolean loadIsPrior = code.get(priorStart) == Op.LOAD64;
            IntBuffer kept = new IntBuffer(8);
            // A pure f64 operation between the load and the subtraction stays; the load moves after it.
            if (!loadIsPrior) for (int i = priorStart; i < resultStart; i++) kept.add(code.get(i));
            code.truncate(loadIsPrior ? priorStart : priorPriorStart);
            resultEnd = -1;
            for (int i = 0; i < kept.size(); i++) code.add(kept.get(i));
            emit(Op.F64_MUL_SUB_LOAD_STORE, x, y, addressSlot, addend, offset);
        } else {
            emit(op, addressSlot, valueSlot(valueEntry), addend, offset);
        }
    }

    /**
     * Whether the F64_MUL_SUB just emitted, {@code a - x * y}, takes its {@code a} from a LOAD64 of
     * the given address into a stack slot nothing else reads, emitted right before it or right before
     * one pure f64 operation that reads neither that slot nor writes the address's.
     */
    private boolean subtractsFromItsLoad(int addressSlot, int addend, int offset) {
        int a = code.get(resultStart + 2);
        if (a < localCount || code.get(resultStart + 3) == a || code.get(resultStart + 4) == a || priorEnd != resultStart) return false;
        int load = priorStart;
        if (code.get(load) != Op.LOAD64) {
            int between = code.get(priorStart);
            boolean pure = between == Op.F64_ADD || between == Op.F64_SUB || between == Op.F64_MUL || between == Op.F64_DIV;
            if (!pure || priorPriorEnd != priorStart || code.get(priorStart + 1) == addressSlot
                    || code.get(priorStart + 2) == a || code.get(priorStart + 3) == a) {
                return false;
            }
            load = priorPriorStart;
        }
        return code.get(load) == Op.LOAD64 && code.get(load + 1) == a && code.get(load + 2) == addressSlot
                && code.get(load + 3) == addend && code.get(load + 4) == offset;
    }

    private void memorySize() {
        int memory = memoryIndex();
        push(addressType(module.memories()[memory]));
        emit(Op.MEMORY_SIZE, top(), memory);
    }

    private void memoryGrow() {
        int memory = memoryIndex();
        ValType address = addressType(module.memories()[memory]);
        pop(address);
        push(address);
        emit(Op.MEMORY_GROW, top(), memory);
    }

    private void memoryFill() {
        int memory = memoryIndex();
        ValType address = addressType(module.memories()[memory]);
        pop(address);
        pop(I32);
        pop(address);
        emit(Op.MEMORY_FILL, slot(height), memory);
    }

    private void memoryCopy() {
        int destination = memoryIndex();
        int source = memoryIndex();
        ValType destinationAddress = addressType(module.memories()[destination]);
        ValType sourceAddress = addressType(module.memories()[source]);
        pop(destinationAddress == I64 && sourceAddress == I64 ? I64 : I32);
        pop(sourceAddress);
        pop(destinationAddress);
        emit(Op.MEMORY_COPY, slot(height), destination, source);
    }

    private void memoryInit() {
        int data = dataSegment(in.readU32());
        int memory = memoryIndex();
        pop(I32);
        pop(I32);
        pop(addressType(module.memories()[memory]));
        emit(Op.MEMORY_INIT, slot(height), memory, data);
    }

    private int dataSegment(long index) {
        if (module.dataCount() < 0) throw invalid("data count section required");
        if (index >= module.dataCount()) throw ModuleContext.unknown("data segment", index, functionIndex, instructionStart);
        return (int) index;
    }

    private int memoryIndex() {
        long index = in.readU32();
        module.memory(index, functionIndex, instructionStart);
        return (int) index;
    }

    private static ValType addressType(MemoryType memory) {
        return memory.is64() ? I64 : I32;
    }

    // ---- Tables ----

    private void tableGet() {
        int table = tableIndex();
        pop(I32);
        push(module.tables()[table].elementType());
        emit(Op.TABLE_GET, top(), table);
    }

    private void tableSet() {
        int table = tableIndex();
        pop(module.tables()[table].elementType());
        pop(I32);
        emit(Op.TABLE_SET, slot(height), table);
    }

    private void tableGrow() {
        int table = tableIndex();
        pop(I32);
        pop(module.tables()[table].elementType());
        push(I32);
        emit(Op.TABLE_GROW, top(), table);
    }

    private void tableFill() {
        int table = tableIndex();
        pop(I32);
        pop(module.tables()[table].elementType());
        pop(I32);
        emit(Op.TABLE_FILL, slot(height), table);
    }

    private void tableCopy() {
        int destination = tableIndex();
        int source = tableIndex();
        if (module.tables()[destination].elementType() != module.tables()[source].elementType()) throw typeMismatch();
        popValues(I32, I32, I32);
        emit(Op.TABLE_COPY, slot(height), destination, source);
    }

    private void tableInit() {
        long element = in.readU32();
        ValType elementType = module.elementSegment(element, functionIndex, instructionStart);
        int table = tableIndex();
        if (module.tables()[table].elementType() != elementType) throw typeMismatch();
        popValues(I32, I32, I32);
        emit(Op.TABLE_INIT, slot(height), table, (int) element);
    }

    private int tableIndex() {
        long index = in.readU32();
        module.table(index, functionIndex, instructionStart);
        return (int) index;
    }

    // ---- Operand stack ----

    private int slot(int stackIndex) {
        return localCount + stackIndex;
    }

    private int top() {
        return slot(height - 1);
    }

    private Frame currentFrame() {
        return frames[depth - 1];
    }

    /** Pushes a value that will be in its own slot. */
    private void push(ValType t) {
        if (height == stack.length) {
            stack = Arrays.copyOf(stack, height * 2);
            where = Arrays.copyOf(where, height * 2);
            constants = Arrays.copyOf(constants, height * 2);
        }
        where[height] = slot(height);
        stack[height++] = t;
        if (live && height > maxHeight) maxHeight = height;
    }

    private void pushValues(ValType[] types) {
        for (ValType t : types) push(t);
    }

    /**
     * Pops a value of type {@code expected} (any type when null) wherever it is; returns what was
     * popped, null for the unknown type of a polymorphic stack. The popped entry stays readable at
     * index {@link #height} until the next push.
     */
    private ValType popEntry(ValType expected) {
        Frame frame = currentFrame();
        if (height == frame.height) {
            if (frame.unreachable) return null;
            throw typeMismatch();
        }
        ValType actual = stack[--height];
        if (expected != null && actual != null && actual != expected) throw typeMismatch();
        return actual;
    }

    /** Pops any value into its own slot; null stands for the unknown type of a polymorphic stack. */
    private ValType pop() {
        ValType actual = popEntry(null);
        materialize(height);
        return actual;
    }

    /** Pops a value of type {@code expected} into its own slot; returns what was popped, null when it was of unknown type. */
    private ValType pop(ValType expected) {
        ValType actual = popEntry(expected);
        materialize(height);
        return actual;
    }

    /** Pops a value of type {@code expected} and returns the slot it can be read from (a constant is put in its own slot). */
    private int popSlot(ValType expected) {
        popEntry(expected);
        return valueSlot(height);
    }

    /** The slot holding entry {@code k}'s value, putting a constant in the entry's own slot first. */
    private int valueSlot(int k) {
        // In dead code a pop from the polymorphic stack has no entry, and no code will use the slot.
        if (!live) return 0;
        if (where[k] == CONSTANT) materialize(k);
        return where[k];
    }

    /** Puts entry {@code k}'s value in its own slot. */
    private void materialize(int k) {
        if (!live) return;
        int own = slot(k);
        if (where[k] == own) return;
        if (where[k] == CONSTANT) emitConstant(stack[k], own, constants[k]);
        else emit(stack[k].isReference() ? Op.COPY_REF : Op.COPY, own, where[k]);
        where[k] = own;
        resultEnd = -1;
    }

    /** Puts every entry in its own slot, so that all paths into a label agree on where values are. */
    private void materializeAll() {
        for (int k = 0; k < height; k++) materialize(k);
    }

    /** Pops values of the given types (the last one is on top) and returns them as popped. */
    private ValType[] popValues(ValType... types) {
        ValType[] popped = new ValType[types.length];
        for (int i = types.length - 1; i >= 0; i--) popped[i] = pop(types[i]);
        return popped;
    }

    private void markUnreachable() {
        Frame frame = currentFrame();
        height = frame.height;
        frame.unreachable = true;
        live = false;
        breakRun();
    }

    // ---- Fuel runs ----

    /** Counts the current wasm instruction in the current run, starting one if needed. */
    private void countInstruction() {
        if (!live) return;
        if (runCost < 0) {
            emit(Op.FUEL, 0);
            runCost = code.size() - 1;
            resultEnd = -1;
        }
        code.set(runCost, code.get(runCost) + 1);
    }

    /** The next counted instruction starts a new run (here is a label, or a branch was just emitted). */
    private void breakRun() {
        runCost = -1;
    }

    // ---- Emission: nothing is emitted for unreachable code ----

    /**
     * Emits {@code s[dst] = s[a] + addend} as the second addition of a pair whose first is the last
     * instruction, an addition of a constant of the same width.
     */
    private void pairWithLastAddition(int dst, int a, int addend) {
        int first = code.get(resultStart);
        int firstDst = code.get(resultStart + 1);
        int firstA = code.get(resultStart + 2);
        int firstAddend = code.get(resultStart + 3);
        dropLastResult();
        emitResult(first == Op.I32_ADD_IMM ? Op.I32_ADD_IMM_2 : Op.I64_ADD_IMM_2, dst, a, addend, firstDst, firstA, firstAddend);
    }

    /**
     * Splits a pair of additions emitted last back into its two instructions, for a fusion that takes
     * the second one over (an address folded into an access, a counter step fused with its branch).
     */
    private void unpairLastAddition() {
        int pair = code.get(resultStart);
        if (resultEnd != code.size() || pair != Op.I32_ADD_IMM_2 && pair != Op.I64_ADD_IMM_2) return;
        int single = pair == Op.I32_ADD_IMM_2 ? Op.I32_ADD_IMM : Op.I64_ADD_IMM;
        int[] words = new int[6];
        for (int i = 0; i < words.length; i++) words[i] = code.get(resultStart + 1 + i);
        dropLastResult();
        emitResult(single, words[3], words[4], words[5]);
        emitResult(single, words[0], words[1], words[2]);
    }

    /** Removes the last result instruction; the ones before it are the last ones again, for the fusions that look back. */
    private void dropLastResult() {
        code.truncate(resultStart);
        resultStart = priorStart;
        resultEnd = priorEnd;
        priorStart = priorPriorStart;
        priorEnd = priorPriorEnd;
        priorPriorEnd = -1;
    }

    /** Emits an instruction whose first immediate is the single slot it writes, which a local.set may retarget. */
    private void emitResult(int op, int... operands) {
        if (!live) return;
        priorPriorStart = priorStart;
        priorPriorEnd = resultEnd == code.size() && priorEnd == resultStart ? priorEnd : -1;
        priorStart = resultStart;
        priorEnd = resultEnd == code.size() ? resultEnd : -1;
        resultStart = code.size();
        code.add(op);
        for (int operand : operands) code.add(operand);
        resultEnd = code.size();
    }

    /** Whether the last emitted instruction wrote slot {@code slot} (no label has come since). */
    private boolean justWrote(int slot) {
        return resultEnd == code.size() && code.get(resultStart + 1) == slot;
    }

    /** Whether stack entry {@code entry} is in its own slot, written by the last emitted instruction. */
    private boolean justProduced(int entry) {
        return resultEnd == code.size() && where[entry] == slot(entry) && code.get(resultStart + 1) == slot(entry);
    }

    private void emit(int op) {
        if (live) code.add(op);
    }

    private void emit(int op, int a) {
        if (!live) return;
        code.add(op);
        code.add(a);
    }

    private void emit(int op, int a, int b) {
        if (!live) return;
        emit(op, a);
        code.add(b);
    }

    private void emit(int op, int a, int b, int c) {
        if (!live) return;
        emit(op, a, b);
        code.add(c);
    }

    private void emit(int op, int a, int b, int c, int d) {
        if (!live) return;
        emit(op, a, b, c);
        code.add(d);
    }

    private void emit(int op, int a, int b, int c, int d, int e) {
        if (!live) return;
        emit(op, a, b, c, d);
        code.add(e);
    }

    private static boolean hasReference(ValType[] types) {
        for (ValType t : types) {
            if (t.isReference()) return true;
        }
        return false;
    }

    // ---- Results ----

    private int[] referenceLocals() {
        IntBuffer refs = new IntBuffer(4);
        for (int i = type.paramCount(); i < localCount; i++) {
            if (localTypes[i].isReference()) refs.add(i);
        }
        return refs.toArray();
    }

    private Handler[] handlerArray() {
        Handler[] result = new Handler[handlers.size()];
        for (int i = 0; i < result.length; i++) {
            int[] h = handlers.get(i);
            result[i] = new Handler(h[0], h[1], h[2], h[3], h[4], h[5]);
        }
        return result;
    }

    // ---- Reading and errors ----

    private ValType readValueType() {
        int position = in.position();
        ValType t = ValType.fromCode(in.readByte());
        if (t == null) throw new MalformedModuleException("malformed value type", position);
        requireSupported(t);
        return t;
    }

    private void requireSupported(ValType t) {
        if (t == ValType.V128) throw invalid("SIMD instructions are not supported yet");
    }

    private InvalidModuleException typeMismatch() {
        return invalid("type mismatch");
    }

    private InvalidModuleException invalid(String message) {
        return new InvalidModuleException(message, functionIndex, instructionStart);
    }
}
