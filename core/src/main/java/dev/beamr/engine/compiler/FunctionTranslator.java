package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

import static dev.beamr.engine.compiler.JvmTypes.INSTANCE;
import static dev.beamr.engine.compiler.JvmTypes.MACHINE;
import static dev.beamr.engine.compiler.JvmTypes.OPS;
import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Translates one function's intermediate form into JVM bytecode, instruction by instruction: every
 * instruction computes what the interpreter computes (mostly through the small methods of
 * {@link CompiledOps}). Branch targets become labels; legacy exception handlers become
 * exception-table entries around the instructions that can raise a wasm exception, dispatching
 * through {@link Handler#select}.
 *
 * <p>A function whose translation fits one method the JIT compiles becomes that method
 * ({@link Form#WHOLE}): each numeric slot a {@code long} local and each reference slot an
 * {@code Object} local, so the JIT keeps values in registers. A larger one is translated in
 * <em>frame mode</em>: its slots live in a {@code long[]} and an {@code Object[]} allocated on entry,
 * its code is split into consecutive ranges of instructions, each a method of its own
 * ({@link Form#CHUNK}), and its function method ({@link Form#DRIVER}) runs the chunk holding the
 * next instruction until one returns from the function. A chunk is entered at an instruction
 * reached from outside it and returns the offset where execution continues when it leaves.
 */
final class FunctionTranslator {
    /** Per opcode, how it is translated; computed once, since every translated instruction asks. */
    private static final Kind[] KINDS = new Kind[Op.COUNT];
    /** Per fused compare-and-jump opcode (JUMP_IF_I32_LT_S_IMM, ...), the comparison it makes (I32_LT_S). */
    private static final int[] COMPARISONS = new int[Op.COUNT];

    static {
        Map<String, Integer> opcodes = new HashMap<>();
        for (int op = 0; op < Op.COUNT; op++) opcodes.put(Op.name(op), op);
        for (int op = 0; op < Op.COUNT; op++) {
            String opName = Op.name(op);
            if (opName.startsWith("JUMP_IF_") && op != Op.JUMP_IF_64) {
                Integer compare = opcodes.get(comparisonOf(opName));
                if (compare != null) COMPARISONS[op] = compare;
            }
            KINDS[op] = classify(op, opName, COMPARISONS[op]);
        }
    }

    private static final MethodTypeDesc UNARY = MethodTypeDesc.of(CD_long, CD_long);
    private static final MethodTypeDesc BINARY = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    private static final MethodTypeDesc TEST = MethodTypeDesc.of(CD_boolean, CD_long);
    private static final MethodTypeDesc COMPARE = MethodTypeDesc.of(CD_boolean, CD_long, CD_long);

    /** A chunk's signature: the frame's arrays and the offset to start at; it returns where to continue, or -1 after a return. */
    static final MethodTypeDesc CHUNK_TYPE = MethodTypeDesc.of(CD_int, MACHINE, INSTANCE, JvmTypes.LONG_ARRAY,
            JvmTypes.OBJECT_ARRAY, CD_int);

    /** What method a translator emits (see the class documentation). */
    private enum Form { WHOLE, DRIVER, CHUNK }

    private final ModuleShape shape;
    private final CompiledFunction function;
    private final int definedIndex;
    private final int[] code;
    private final String name;
    private final boolean usesRefs;
    private final Form form;
    /** The offsets of the instructions this method translates: {@code [start, end)}. */
    private final int start;
    private final int end;

    // Local variable layout: the method's parameters, then scratch locals, then (for the whole form)
    // one long per slot and one Object per slot.
    private final int[] parameterLocals;
    private final int entryPcLocal;
    private final int heapLocal;
    private final int depthLocal;
    private final int exceptionLocal;
    private final int pcLocal;
    private final int valuesLocal;
    private final int refsLocal;
    private final int targetLocal;
    private final int indexLocal;
    /** Holds a value being stored to a frame array, which needs the array and the index below it. */
    private final int storedLocal;
    private final int frameLocal;
    private final int frameRefsLocal;
    private final int slotBase;
    private final int refBase;

    private Label[] labels;
    /** Per offset outside this method's range that its code branches to, the label of the code returning that offset. */
    private final Map<Integer, Label> exits = new TreeMap<>();

    private FunctionTranslator(ModuleShape shape, int definedIndex, Form form, int start, int end) {
        this.shape = shape;
        this.definedIndex = definedIndex;
        this.function = shape.module.functions()[definedIndex];
        this.code = function.code();
        this.name = function.name();
        this.usesRefs = usesReferences(shape, function);
        this.form = form;
        this.start = start;
        this.end = end;
        FuncType type = function.type();
        int next = 2;
        if (form == Form.CHUNK) {
            parameterLocals = new int[0];
            frameLocal = next++;
            frameRefsLocal = next++;
            entryPcLocal = next++;
        } else {
            int[] locals = parameterLocals(type);
            parameterLocals = Arrays.copyOf(locals, type.paramCount());
            next = locals[type.paramCount()];
            frameLocal = form == Form.DRIVER ? next++ : -1;
            frameRefsLocal = form == Form.DRIVER ? next++ : -1;
            entryPcLocal = -1;
        }
        heapLocal = next++;
        depthLocal = next++;
        exceptionLocal = next++;
        pcLocal = next++;
        valuesLocal = next++;
        refsLocal = next++;
        targetLocal = next++;
        indexLocal = next++;
        storedLocal = next;
        next += 2;
        slotBase = next;
        refBase = slotBase + 2 * function.frameSize();
    }

    /**
     * The locals holding a function method's parameters, after the machine (0) and the instance (1);
     * one element more than the parameters, the first local after them.
     */
    private static int[] parameterLocals(FuncType type) {
        int[] locals = new int[type.paramCount() + 1];
        locals[0] = 2;
        for (int i = 0; i < type.paramCount(); i++) locals[i + 1] = locals[i] + (type.param(i).isReference() ? 1 : 2);
        return locals;
    }

    private static FunctionTranslator whole(ModuleShape shape, int definedIndex) {
        return new FunctionTranslator(shape, definedIndex, Form.WHOLE, 0, shape.module.functions()[definedIndex].code().length);
    }

    /** The local variables the whole-function method needs, or more than 65,535 when it is too large for a JVM method. */
    static long localsNeeded(ModuleShape shape, int definedIndex) {
        FunctionTranslator translator = whole(shape, definedIndex);
        return (long) translator.refBase + (translator.usesRefs ? translator.function.frameSize() : 0);
    }

    /**
     * Whether every instruction of the function can be translated. Tail calls cannot (the JVM has
     * no frame replacement), so functions making them stay in the interpreter.
     */
    static boolean translatable(CompiledFunction function) {
        int[] code = function.code();
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (!translates(code[pc])) return false;
        }
        return true;
    }

    /** Whether instruction {@code op} has a translation: every one but the tail calls. */
    static boolean translates(int op) {
        return op >= 0 && op < Op.COUNT && op != Op.RETURN_CALL && op != Op.RETURN_CALL_INDIRECT && kindOf(op) != Kind.UNKNOWN;
    }

    static MethodTypeDesc methodType(FuncType type) {
        ClassDesc[] parameters = new ClassDesc[2 + type.paramCount()];
        parameters[0] = MACHINE;
        parameters[1] = INSTANCE;
        for (int i = 0; i < type.paramCount(); i++) parameters[2 + i] = jvmType(type.param(i));
        ClassDesc result = type.resultCount() == 1 ? jvmType(type.result(0)) : CD_void;
        return MethodTypeDesc.of(result, parameters);
    }

    private static ClassDesc jvmType(ValType type) {
        return type.isReference() ? CD_Object : CD_long;
    }

    static String methodName(int functionIndex) {
        return "f" + functionIndex;
    }

    /** The method of chunk {@code chunk} of function {@code functionIndex} translated in frame mode. */
    static String chunkName(int functionIndex, int chunk) {
        return "c" + functionIndex + "_" + chunk;
    }

    /** Translates the function into one method with its slots in locals. */
    static void translate(ModuleShape shape, int definedIndex, CodeBuilder builder) {
        whole(shape, definedIndex).emitWhole(builder);
    }

    /**
     * Translates the function's method in frame mode: it allocates the frame and runs the chunks
     * starting at offsets {@code chunkStarts} (the first at 0, ascending).
     */
    static void translateDriver(ModuleShape shape, int definedIndex, int[] chunkStarts, CodeBuilder builder) {
        new FunctionTranslator(shape, definedIndex, Form.DRIVER, 0, 0).emitDriver(builder, chunkStarts);
    }

    /** Translates the instructions at offsets {@code [start, end)} of the function as a chunk method of frame mode. */
    static void translateChunk(ModuleShape shape, int definedIndex, int start, int end, CodeBuilder builder) {
        new FunctionTranslator(shape, definedIndex, Form.CHUNK, start, end).emitChunk(builder);
    }

    private static boolean usesReferences(ModuleShape shape, CompiledFunction function) {
        if (function.handlers().length > 0 || hasReference(function.type())) return true;
        int[] code = function.code();
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            switch (code[pc]) {
                case Op.BR_REFS, Op.BR_IF_REFS, Op.BR_TABLE, Op.RETURN_REFS, Op.COPY_REF, Op.GLOBAL_GET_REF,
                     Op.GLOBAL_SET_REF, Op.SELECT_REF, Op.REF_NULL, Op.REF_IS_NULL, Op.REF_FUNC, Op.TABLE_GET,
                     Op.TABLE_SET, Op.TABLE_GROW, Op.TABLE_FILL, Op.THROW, Op.RETHROW -> {
                    return true;
                }
                case Op.CALL -> {
                    if (hasReference(shape.functionTypes[code[pc + 1]])) return true;
                }
                case Op.CALL_INDIRECT -> {
                    if (hasReference(shape.types[code[pc + 1]])) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    private static boolean hasReference(FuncType type) {
        for (ValType t : type.params()) if (t.isReference()) return true;
        for (ValType t : type.results()) if (t.isReference()) return true;
        return false;
    }

    // ---- Slots: locals of the whole form, elements of the frame arrays in frame mode ----

    private boolean framed() {
        return form != Form.WHOLE;
    }

    /** Pushes numeric slot {@code slot}. */
    private CodeBuilder load(CodeBuilder b, int slot) {
        return framed() ? b.aload(frameLocal).loadConstant(slot).laload() : b.lload(slotBase + 2 * slot);
    }

    /** Pops a long into numeric slot {@code slot}. */
    private void store(CodeBuilder b, int slot) {
        if (framed()) b.lstore(storedLocal).aload(frameLocal).loadConstant(slot).lload(storedLocal).lastore();
        else b.lstore(slotBase + 2 * slot);
    }

    /** Pushes reference slot {@code slot}. */
    private CodeBuilder loadRef(CodeBuilder b, int slot) {
        return framed() ? b.aload(frameRefsLocal).loadConstant(slot).aaload() : b.aload(refBase + slot);
    }

    /** Pops a reference into reference slot {@code slot}. */
    private void storeRef(CodeBuilder b, int slot) {
        if (framed()) b.aload(frameRefsLocal).swap().loadConstant(slot).swap().aastore();
        else b.astore(refBase + slot);
    }

    /** The label of a branch to offset {@code pc}: its instruction's, or one returning {@code pc} when it lies in another chunk. */
    private Label target(CodeBuilder b, int pc) {
        if (pc >= start && pc < end) return labels[pc];
        return exits.computeIfAbsent(pc, unused -> b.newLabel());
    }

    // ---- The methods ----

    private void emitWhole(CodeBuilder b) {
        Label bodyStart = b.newLabel();
        Label bodyEnd = b.newLabel();
        b.labelBinding(bodyStart);
        b.aload(0).ldc(name).invokestatic(OPS, "enter", MethodTypeDesc.of(CD_void, MACHINE, ConstantDescs.CD_String));
        initializeScratch(b);
        createLabels(b);
        FuncType type = function.type();
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) b.aload(parameterLocals[i]).astore(refBase + i);
            else b.lload(parameterLocals[i]).lstore(slotBase + 2 * i);
        }
        for (int i = type.paramCount(); i < function.frameSize(); i++) b.lconst_0().lstore(slotBase + 2 * i);
        if (usesRefs) {
            for (int i = 0; i < function.frameSize(); i++) {
                if (i >= type.paramCount() || !type.param(i).isReference()) b.aconst_null().astore(refBase + i);
            }
        }
        instructions(b, bodyStart, bodyEnd);
    }

    /**
     * A chunk: enters at the instruction {@code entryPc} names, then runs its instructions; a branch
     * out of the chunk returns the offset it goes to.
     */
    private void emitChunk(CodeBuilder b) {
        Label bodyStart = b.newLabel();
        Label bodyEnd = b.newLabel();
        b.labelBinding(bodyStart);
        initializeScratch(b);
        createLabels(b);
        TreeSet<Integer> entries = entries();
        if (entries.size() > 1) {
            List<SwitchCase> cases = new ArrayList<>();
            for (int entry : entries) cases.add(SwitchCase.of(entry, labels[entry]));
            b.iload(entryPcLocal).lookupswitch(labels[start], cases);
        }
        instructions(b, bodyStart, bodyEnd);
        for (Map.Entry<Integer, Label> exit : exits.entrySet()) {
            b.labelBinding(exit.getValue());
            b.loadConstant(exit.getKey()).ireturn();
        }
    }

    /**
     * The function's method in frame mode: allocates the frame, stores the parameters, and calls the
     * chunk holding the next instruction (found by a binary search over the chunks' first offsets)
     * until one returns -1, having left the results at slots 0 ...
     */
    private void emitDriver(CodeBuilder b, int[] chunkStarts) {
        b.aload(0).ldc(name).invokestatic(OPS, "enter", MethodTypeDesc.of(CD_void, MACHINE, ConstantDescs.CD_String));
        b.loadConstant(function.frameSize()).newarray(TypeKind.LONG).astore(frameLocal);
        if (usesRefs) b.loadConstant(function.frameSize()).anewarray(CD_Object).astore(frameRefsLocal);
        else b.aconst_null().astore(frameRefsLocal);
        FuncType type = function.type();
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) storeRef(b.aload(parameterLocals[i]), i);
            else store(b.lload(parameterLocals[i]), i);
        }
        b.iconst_0().istore(pcLocal);
        Label next = b.newLabel();
        Label returned = b.newLabel();
        b.labelBinding(next);
        callChunks(b, chunkStarts, 0, chunkStarts.length - 1, next, returned);
        b.labelBinding(returned);
        returnFrom(b, 0);
    }

    private void callChunks(CodeBuilder b, int[] chunkStarts, int first, int last, Label next, Label returned) {
        if (first == last) {
            b.aload(0).aload(1).aload(frameLocal).aload(frameRefsLocal).iload(pcLocal)
                    .invokestatic(shape.owner, chunkName(shape.importedFunctions + definedIndex, first), CHUNK_TYPE)
                    .dup().istore(pcLocal).ifge(next);
            b.goto_(returned);
            return;
        }
        int middle = (first + last + 1) / 2;
        Label upper = b.newLabel();
        b.iload(pcLocal).loadConstant(chunkStarts[middle]).if_icmpge(upper);
        callChunks(b, chunkStarts, first, middle - 1, next, returned);
        b.labelBinding(upper);
        callChunks(b, chunkStarts, middle, last, next, returned);
    }

    /**
     * The offsets where the chunk is entered from outside: its first instruction, the targets of
     * branches from other chunks, and handler targets (a handler in any chunk may deliver there).
     */
    private TreeSet<Integer> entries() {
        TreeSet<Integer> entries = new TreeSet<>();
        entries.add(start);
        IntConsumer entered = target -> {
            if (target >= start && target < end) entries.add(target);
        };
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) {
            if (pc < start || pc >= end) Operands.targets(code, pc, entered);
        }
        for (Handler handler : function.handlers()) {
            if (handler.tag() != Handler.DELEGATE) entered.accept(handler.target());
        }
        return entries;
    }

    /** Sets the scratch locals (so that every path defines them) and reads what a method of the function needs on entry. */
    private void initializeScratch(CodeBuilder b) {
        if (function.handlers().length > 0) {
            b.aload(0).invokestatic(OPS, "depth", MethodTypeDesc.of(CD_int, MACHINE)).istore(depthLocal);
        } else {
            b.iconst_0().istore(depthLocal);
        }
        reloadHeap(b);
        b.aconst_null().astore(exceptionLocal);
        b.iconst_0().istore(pcLocal);
        b.aconst_null().astore(valuesLocal);
        b.aconst_null().astore(refsLocal);
        b.aconst_null().astore(targetLocal);
        b.iconst_0().istore(indexLocal);
    }

    private void createLabels(CodeBuilder b) {
        labels = new Label[code.length];
        for (int pc = start; pc < end; pc += Op.length(code, pc)) labels[pc] = b.newLabel();
    }

    /**
     * Translates the instructions of {@code [start, end)} (whose labels exist), then the exception
     * dispatch and the trap handlers. Validation ends every body with a return, so control never
     * falls off the function's end; it falls off a chunk's into the next chunk.
     */
    private void instructions(CodeBuilder b, Label bodyStart, Label bodyEnd) {
        List<Integer> landings = new ArrayList<>();
        List<Label> landingLabels = new ArrayList<>();
        for (int pc = start; pc < end; pc += Op.length(code, pc)) {
            b.labelBinding(labels[pc]);
            if (mayThrowWasmException(code[pc]) && coveredByHandler(pc)) {
                Label covered = b.newLabel();
                Label uncovered = b.newLabel();
                Label landing = b.newLabel();
                b.labelBinding(covered);
                instruction(b, pc);
                b.labelBinding(uncovered);
                b.exceptionCatch(covered, uncovered, landing, JvmTypes.WASM_EXCEPTION);
                landings.add(pc);
                landingLabels.add(landing);
            } else {
                instruction(b, pc);
            }
            if (pc + Op.length(code, pc) == end && end < code.length && Operands.fallsThrough(code[pc])) b.goto_(target(b, end));
        }
        b.labelBinding(bodyEnd);
        if (!landings.isEmpty()) exceptionDispatch(b, landings, landingLabels);
        trapHandlers(b, bodyStart, bodyEnd);
    }

    private void reloadHeap(CodeBuilder b) {
        b.aload(1).invokestatic(OPS, "memory0", MethodTypeDesc.of(JvmTypes.MEMORY_SEGMENT, INSTANCE)).astore(heapLocal);
    }

    private static boolean mayThrowWasmException(int op) {
        return op == Op.CALL || op == Op.CALL_INDIRECT || op == Op.THROW || op == Op.RETHROW;
    }

    private boolean coveredByHandler(int pc) {
        for (Handler handler : function.handlers()) {
            if (handler.covers(pc)) return true;
        }
        return false;
    }

    /**
     * Where a caught wasm exception goes: each landing pad records the raising instruction's offset,
     * then one dispatch asks which handler takes it, delivers the payload to that handler's slots and
     * continues at its target. Only handlers covering a landing's offset can be selected.
     */
    private void exceptionDispatch(CodeBuilder b, List<Integer> landings, List<Label> landingLabels) {
        Label dispatch = b.newLabel();
        for (int i = 0; i < landings.size(); i++) {
            b.labelBinding(landingLabels.get(i));
            b.astore(exceptionLocal).ldc(landings.get(i)).istore(pcLocal).goto_(dispatch);
        }
        b.labelBinding(dispatch);
        b.aload(0).iload(depthLocal).invokestatic(OPS, "restoreDepth", MethodTypeDesc.of(CD_void, MACHINE, CD_int));
        b.aload(1).ldc(definedIndex).iload(pcLocal).aload(exceptionLocal)
                .invokestatic(OPS, "selectHandler", MethodTypeDesc.of(CD_int, INSTANCE, CD_int, CD_int, JvmTypes.WASM_EXCEPTION));
        Handler[] handlers = function.handlers();
        Label rethrow = b.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        Label[] deliveries = new Label[handlers.length];
        for (int h = 0; h < handlers.length; h++) {
            Handler handler = handlers[h];
            // The search passes over delegating entries; it never selects one.
            boolean selectable = handler.tag() != Handler.DELEGATE && landings.stream().anyMatch(handler::covers);
            deliveries[h] = selectable ? b.newLabel() : rethrow;
            cases.add(SwitchCase.of(h, deliveries[h]));
        }
        b.tableswitch(0, handlers.length - 1, rethrow, cases);
        b.labelBinding(rethrow);
        b.aload(exceptionLocal).athrow();
        for (int h = 0; h < handlers.length; h++) {
            Handler handler = handlers[h];
            if (deliveries[h] == rethrow) continue;
            b.labelBinding(deliveries[h]);
            if (handler.tag() >= 0) {
                FuncType payload = shape.tagTypes[handler.tag()];
                for (int i = 0; i < payload.paramCount(); i++) {
                    b.aload(exceptionLocal).ldc(i);
                    if (payload.param(i).isReference()) {
                        b.invokestatic(OPS, "payloadRef", MethodTypeDesc.of(CD_Object, JvmTypes.WASM_EXCEPTION, CD_int));
                        storeRef(b, handler.payloadSlot() + i);
                    } else {
                        b.invokestatic(OPS, "payloadValue", MethodTypeDesc.of(CD_long, JvmTypes.WASM_EXCEPTION, CD_int));
                        store(b, handler.payloadSlot() + i);
                    }
                }
            }
            storeRef(b.aload(exceptionLocal).checkcast(CD_Object), handler.exceptionSlot());
            reloadHeap(b);
            b.goto_(target(b, handler.target()));
        }
    }

    /** Traps raised by helpers that do not know the function, and out-of-bounds accesses, get its name. */
    private void trapHandlers(CodeBuilder b, Label start, Label end) {
        Label engineFault = b.newLabel();
        Label outOfBounds = b.newLabel();
        Label trap = b.newLabel();
        b.exceptionCatch(start, end, engineFault, JvmTypes.ARRAY_INDEX_OUT_OF_BOUNDS);
        b.exceptionCatch(start, end, outOfBounds, JvmTypes.INDEX_OUT_OF_BOUNDS);
        b.exceptionCatch(start, end, trap, JvmTypes.TRAP);
        b.labelBinding(engineFault);
        b.athrow();
        b.labelBinding(outOfBounds);
        b.ldc(name).invokestatic(OPS, "outOfBounds", MethodTypeDesc.of(JvmTypes.TRAP, JvmTypes.INDEX_OUT_OF_BOUNDS, ConstantDescs.CD_String)).athrow();
        b.labelBinding(trap);
        b.ldc(name).invokestatic(OPS, "attribute", MethodTypeDesc.of(JvmTypes.TRAP, JvmTypes.TRAP, ConstantDescs.CD_String)).athrow();
    }

    // ---- Instructions ----

    private enum Kind { UNARY, BINARY, BINARY_IMMEDIATE, COMPARE_JUMP, COMPARE_JUMP_IMMEDIATE, OTHER, UNKNOWN }

    private static Kind kindOf(int op) {
        return KINDS[op];
    }

    private static Kind classify(int op, String opName, int comparison) {
        if (op <= Op.ELEM_DROP || op == Op.FUEL || op == Op.JUMP_IF_64 || op == Op.JUMP_UNLESS_64) return Kind.OTHER;
        if (op == Op.F64_ADD_LOAD || op == Op.F64_SUB_LOAD || op == Op.F64_MUL_LOAD || op == Op.F64_MUL_ADD
                || op == Op.F64_MUL_SUB || op >= Op.STORE8_IMM && op <= Op.WHOLE_LOOP) {
            return Kind.OTHER;
        }
        if (opName.startsWith("JUMP_IF_")) {
            if (comparison == 0 || CompiledOps.methodFor(comparison) == null) return Kind.UNKNOWN;
            return opName.endsWith("_IMM") ? Kind.COMPARE_JUMP_IMMEDIATE : Kind.COMPARE_JUMP;
        }
        if (op >= Op.I32_EQZ && op <= Op.I64_TRUNC_SAT_F64_U) return Op.isUnaryNumeric(op) ? Kind.UNARY : Kind.BINARY;
        if (opName.endsWith("_IMM") && Op.withoutImmediate(op) != op) return Kind.BINARY_IMMEDIATE;
        return Kind.UNKNOWN;
    }

    /**
     * Stores the f64 that {@code value} leaves on the operand stack at the address whose operands
     * (addr, addend, offset) start at {@code code[at]}. The address is formed before the value and
     * again by the value's load of it ({@link #loadAt}): forming it is cheap and checks nothing, so
     * the traps come in the order of the value's own accesses.
     */
    private void storeBack(CodeBuilder b, int[] code, int at, Runnable value) {
        storeAt(b, Access.LONG, code[at], code[at + 1], code[at + 2], () -> {
            value.run();
            DirectCode.toSlot(b, DirectCode.Operands.DOUBLE);
        });
    }

    /**
     * Stores, as {@code access} does, the long that {@code value} leaves on the operand stack at
     * address (s[addr] + addend) + offset, the address formed first.
     */
    private void storeAt(CodeBuilder b, Access access, int addr, int addend, int offset, Runnable value) {
        b.aload(heapLocal).getstatic(JvmTypes.SEMANTICS, access.layoutField, access.layout);
        address(b, addr, addend, offset);
        value.run();
        access.narrow(b);
        b.invokeinterface(JvmTypes.MEMORY_SEGMENT, "set", MethodTypeDesc.of(CD_void, access.layout, CD_long, access.value));
    }

    /** Pushes the f64 at the address whose operands (addr, addend, offset) start at {@code code[at]}. */
    private void loadAt(CodeBuilder b, int[] code, int at) {
        Access.LONG.load(b, this, code[at], code[at + 1], code[at + 2]);
        DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
    }

    /** The I32_ADD_JUMP_IF_LT_S whose operands follow {@code code[at]}: s[dst] = s[a] + s[b], then a jump if that is less than s[limit]. */
    private void addAndJumpIfLess(CodeBuilder b, int[] code, int at) {
        load(b, code[at + 2]).l2i();
        load(b, code[at + 3]).l2i().iadd().dup().i2l();
        store(b, code[at + 1]);
        load(b, code[at + 4]).l2i();
        b.if_icmplt(target(b, code[at + 5]));
    }

    /** Stores {@code s[dst] = (int) s[a] + imm}, an i32 counter's step, and leaves the new count on the operand stack. */
    private void stepCounter(CodeBuilder b, int dst, int a, int imm) {
        load(b, a).l2i().ldc(imm).iadd().dup().i2l();
        store(b, dst);
    }

    /** Stores {@code s[dst] = s[a] + imm}, an i64 counter's or pointer's step, and leaves the new value on the operand stack. */
    private void stepCounter64(CodeBuilder b, int dst, int a, int imm) {
        load(b, a).ldc((long) imm).ladd().dup2();
        store(b, dst);
    }

    /** A load from memory 0 (LOAD8_S .. LOAD64, {@code op}) whose operands dst, addr, addend, offset follow {@code at}. */
    private void memoryLoad(CodeBuilder b, int op, int at) {
        Access access = Access.of(op);
        access.load(b, this, code[at + 2], code[at + 3], code[at + 4]);
        access.widen(b, op);
        store(b, code[at + 1]);
    }

    /** A store to memory 0 (STORE8 .. STORE64, {@code op}) whose operands addr, value, addend, offset follow {@code at}. */
    private void memoryStore(CodeBuilder b, int op, int at) {
        storeAt(b, Access.of(op), code[at + 1], code[at + 3], code[at + 4], () -> load(b, code[at + 2]));
    }

    /** F64_MUL_ADD or F64_MUL_SUB ({@code op}) whose operands dst, a, x, y follow {@code at}. */
    private void multiplyAdd(CodeBuilder b, int op, int at) {
        // The product is rounded to f64 on its own: JVM double arithmetic never fuses into a multiply-add.
        load(b, code[at + 2]);
        DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
        product(b, code[at + 3], code[at + 4]);
        if (op == Op.F64_MUL_ADD) b.dadd();
        else b.dsub();
        DirectCode.toSlot(b, DirectCode.Operands.DOUBLE);
        store(b, code[at + 1]);
    }

    /** Adds {@code imm} to slot {@code slot}, an i64 ({@code wide}) or an i32. */
    private void stepInPlace(CodeBuilder b, boolean wide, int slot, int imm) {
        binary(b, wide ? Op.I64_ADD : Op.I32_ADD, slot, true, imm);
        store(b, slot);
    }

    /** Stores {@code s[dst] = s[a] + imm}, an i64 ({@code wide}) or an i32, and jumps to {@code jumpTo} if the sum is not zero. */
    private void stepAndJumpIfNonZero(CodeBuilder b, boolean wide, int dst, int a, int imm, int jumpTo) {
        if (wide) {
            stepCounter64(b, dst, a, imm);
            b.lconst_0().lcmp().ifne(target(b, jumpTo));
        } else {
            stepCounter(b, dst, a, imm);
            b.ifne(target(b, jumpTo));
        }
    }

    /** Stores {@code s[dst] = s[a] + imm}, an i64 ({@code wide}) or an i32, and jumps to {@code jumpTo} if the sum differs from slot {@code limit}. */
    private void stepAndJumpIfDifferent(CodeBuilder b, boolean wide, int dst, int a, int imm, int limit, int jumpTo) {
        if (wide) {
            stepCounter64(b, dst, a, imm);
            load(b, limit).lcmp().ifne(target(b, jumpTo));
        } else {
            stepCounter(b, dst, a, imm);
            load(b, limit).l2i();
            b.if_icmpne(target(b, jumpTo));
        }
    }

    /** Pushes the product of f64 slots {@code x} and {@code y}. */
    private void product(CodeBuilder b, int x, int y) {
        load(b, x);
        DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
        load(b, y);
        DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
        b.dmul();
    }

    /**
     * Adds to or subtracts from memory in place, in order, each product (s[a] * s[b]) * s[c] of the
     * F64_MUL_MUL_ADD_LOAD_STORE (or _SUB_, or their _3 forms) at {@code pc}.
     */
    private void updateProductsOfThree(CodeBuilder b, int[] code, int pc) {
        int op = code[pc];
        boolean subtract = op == Op.F64_MUL_MUL_SUB_LOAD_STORE || op == Op.F64_MUL_MUL_SUB_LOAD_STORE_3;
        for (int update = pc + 3; update < pc + Op.length(code, pc); update += 4) {
            int factor = code[update];
            int address = update + 1;
            storeBack(b, code, address, () -> {
                if (subtract) loadAt(b, code, address);
                product(b, code[pc + 1], factor);
                load(b, code[pc + 2]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                b.dmul();
                if (subtract) {
                    b.dsub();
                } else {
                    loadAt(b, code, address);
                    b.dadd();
                }
            });
        }
    }

    /** JUMP_IF_I32_LT_S_IMM compares as I32_LT_S. */
    private static String comparisonOf(String jumpName) {
        String compare = jumpName.substring("JUMP_IF_".length());
        return compare.endsWith("_IMM") ? compare.substring(0, compare.length() - "_IMM".length()) : compare;
    }

    private void instruction(CodeBuilder b, int pc) {
        int op = code[pc];
        switch (kindOf(op)) {
            case UNARY -> {
                load(b, code[pc + 2]);
                numericOnStack(b, op, 1);
                store(b, code[pc + 1]);
                return;
            }
            case BINARY, BINARY_IMMEDIATE -> {
                boolean immediate = kindOf(op) == Kind.BINARY_IMMEDIATE;
                binary(b, immediate ? Op.withoutImmediate(op) : op, code[pc + 2], immediate, code[pc + 3]);
                store(b, code[pc + 1]);
                return;
            }
            case COMPARE_JUMP, COMPARE_JUMP_IMMEDIATE -> {
                boolean immediate = kindOf(op) == Kind.COMPARE_JUMP_IMMEDIATE;
                int compare = COMPARISONS[op];
                DirectCode.Comparison direct = DirectCode.comparison(compare);
                if (direct != null) {
                    operands(b, direct.operands(), code[pc + 1], immediate, code[pc + 2]);
                    DirectCode.branch(b, direct, target(b, code[pc + 3]));
                } else {
                    operands(b, DirectCode.Operands.LONG, code[pc + 1], immediate, code[pc + 2]);
                    b.invokestatic(OPS, CompiledOps.methodFor(compare), COMPARE).ifne(target(b, code[pc + 3]));
                }
                return;
            }
            case UNKNOWN -> throw new IllegalStateException("untranslatable instruction " + Op.name(op) + " in " + name);
            case OTHER -> { }
        }
        switch (op) {
            case Op.UNREACHABLE -> b.ldc(name).invokestatic(OPS, "unreachable", MethodTypeDesc.of(JvmTypes.TRAP, ConstantDescs.CD_String)).athrow();
            case Op.JUMP -> b.goto_(target(b, code[pc + 1]));
            case Op.JUMP_IF -> load(b, code[pc + 1]).l2i().ifne(target(b, code[pc + 2]));
            case Op.JUMP_UNLESS -> load(b, code[pc + 1]).l2i().ifeq(target(b, code[pc + 2]));
            case Op.JUMP_IF_64 -> load(b, code[pc + 1]).lconst_0().lcmp().ifne(target(b, code[pc + 2]));
            case Op.JUMP_UNLESS_64 -> load(b, code[pc + 1]).lconst_0().lcmp().ifeq(target(b, code[pc + 2]));
            case Op.BR, Op.BR_REFS -> {
                move(b, code[pc + 2], code[pc + 3], code[pc + 4], op == Op.BR_REFS);
                b.goto_(target(b, code[pc + 1]));
            }
            case Op.BR_IF, Op.BR_IF_REFS -> {
                Label skip = b.newLabel();
                load(b, code[pc + 1]).l2i().ifeq(skip);
                move(b, code[pc + 3], code[pc + 4], code[pc + 5], op == Op.BR_IF_REFS);
                b.goto_(target(b, code[pc + 2]));
                b.labelBinding(skip);
            }
            case Op.BR_TABLE -> branchTable(b, pc);
            case Op.RETURN, Op.RETURN_REFS -> returnFrom(b, code[pc + 1]);
            case Op.CALL -> call(b, code[pc + 1], code[pc + 2]);
            case Op.CALL_INDIRECT -> callIndirect(b, code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
            case Op.THROW -> throwException(b, code[pc + 1], code[pc + 2]);
            case Op.RETHROW -> loadRef(b, code[pc + 1]).checkcast(JvmTypes.WASM_EXCEPTION).athrow();
            case Op.COPY -> store(load(b, code[pc + 2]), code[pc + 1]);
            case Op.COPY_REF -> storeRef(loadRef(b, code[pc + 2]), code[pc + 1]);
            case Op.GLOBAL_GET -> store(b.aload(1).ldc(code[pc + 2])
                    .invokestatic(OPS, "globalGet", MethodTypeDesc.of(CD_long, INSTANCE, CD_int)), code[pc + 1]);
            case Op.GLOBAL_SET -> load(b.aload(1).ldc(code[pc + 2]), code[pc + 1])
                    .invokestatic(OPS, "globalSet", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_long));
            case Op.GLOBAL_GET_REF -> storeRef(b.aload(1).ldc(code[pc + 2])
                    .invokestatic(OPS, "globalGetRef", MethodTypeDesc.of(CD_Object, INSTANCE, CD_int)), code[pc + 1]);
            case Op.GLOBAL_SET_REF -> loadRef(b.aload(1).ldc(code[pc + 2]), code[pc + 1])
                    .invokestatic(OPS, "globalSetRef", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_Object));
            case Op.CONST_32, Op.CONST_64 -> store(b.ldc(Op.constant(code, pc)), code[pc + 1]);
            case Op.SELECT -> {
                load(b, code[pc + 2]);
                load(b, code[pc + 3]);
                load(b, code[pc + 4]);
                store(b.invokestatic(OPS, "select", MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_long)), code[pc + 1]);
            }
            case Op.SELECT_REF -> {
                int base = code[pc + 1];
                Label keep = b.newLabel();
                load(b, base + 2).l2i().ifne(keep);
                storeRef(loadRef(b, base + 1), base);
                b.labelBinding(keep);
            }
            case Op.REF_NULL -> storeRef(b.aconst_null(), code[pc + 1]);
            case Op.REF_IS_NULL -> store(loadRef(b, code[pc + 1])
                    .invokestatic(OPS, "refIsNull", MethodTypeDesc.of(CD_long, CD_Object)), code[pc + 1]);
            case Op.REF_FUNC -> storeRef(b.aload(1).ldc(code[pc + 2])
                    .invokestatic(OPS, "refFunc", MethodTypeDesc.of(CD_Object, INSTANCE, CD_int)), code[pc + 1]);
            case Op.LOAD8_S, Op.LOAD8_U, Op.LOAD16_S, Op.LOAD16_U, Op.LOAD32_S, Op.LOAD32_U, Op.LOAD64 -> memoryLoad(b, op, pc);
            case Op.STORE8, Op.STORE16, Op.STORE32, Op.STORE64 -> memoryStore(b, op, pc);
            case Op.F64_LOAD_MUL_ADD_STORE -> {
                memoryLoad(b, Op.LOAD64, pc);
                multiplyAdd(b, Op.F64_MUL_ADD, pc + 4);
                memoryStore(b, Op.STORE64, pc + 8);
            }
            case Op.STORE8_IMM, Op.STORE16_IMM, Op.STORE32_IMM, Op.STORE64_IMM -> storeAt(b, Access.of(Op.STORE8 + (op - Op.STORE8_IMM)),
                    code[pc + 1], code[pc + 3], code[pc + 4], () -> b.ldc((long) code[pc + 2]));
            case Op.I32_ADD_IMM_JUMP_IF, Op.I64_ADD_IMM_JUMP_IF ->
                    stepAndJumpIfNonZero(b, op == Op.I64_ADD_IMM_JUMP_IF, code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
            case Op.I32_ADD_IMM_JUMP_IF_NE, Op.I64_ADD_IMM_JUMP_IF_NE -> stepAndJumpIfDifferent(b, op == Op.I64_ADD_IMM_JUMP_IF_NE,
                    code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4], code[pc + 5]);
            case Op.I32_STEP_JUMP_IF, Op.I64_STEP_JUMP_IF -> {
                boolean wide = op == Op.I64_STEP_JUMP_IF;
                stepInPlace(b, wide, code[pc + 1], code[pc + 2]);
                stepAndJumpIfNonZero(b, wide, code[pc + 3], code[pc + 3], code[pc + 4], code[pc + 5]);
            }
            case Op.I32_STEP_2_JUMP_IF_NE, Op.I64_STEP_2_JUMP_IF_NE -> {
                boolean wide = op == Op.I64_STEP_2_JUMP_IF_NE;
                stepInPlace(b, wide, code[pc + 1], code[pc + 2]);
                stepInPlace(b, wide, code[pc + 3], code[pc + 4]);
                stepAndJumpIfDifferent(b, wide, code[pc + 5], code[pc + 5], code[pc + 6], code[pc + 7], code[pc + 8]);
            }
            case Op.I32_ADD_JUMP_IF_LT_S -> addAndJumpIfLess(b, code, pc);
            case Op.STORE8_IMM_ADD_JUMP_IF_LT_S, Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S -> {
                storeAt(b, Access.of(Op.STORE8), code[pc + 1], code[pc + 3], code[pc + 4], () -> b.ldc((long) code[pc + 2]));
                if (op == Op.STORE8_IMM_STEP_ADD_JUMP_IF_LT_S) {
                    binary(b, Op.I64_ADD, code[pc + 10], false, code[pc + 11]);
                    store(b, code[pc + 10]);
                }
                addAndJumpIfLess(b, code, pc + 4);
            }
            case Op.LOAD32_JUMP_IF_LT_S, Op.LOAD32_JUMP_IF_GT_S -> {
                Access.of(Op.LOAD32_S).load(b, this, code[pc + 2], code[pc + 3], code[pc + 4]);
                b.dup().i2l();
                store(b, code[pc + 1]);
                load(b, code[pc + 5]).l2i();
                Label taken = target(b, code[pc + 6]);
                if (op == Op.LOAD32_JUMP_IF_LT_S) b.if_icmplt(taken); else b.if_icmpgt(taken);
            }
            case Op.I32_MUL_ROTL_IMM -> {
                load(b, code[pc + 2]).l2i().ldc(code[pc + 3]).imul().ldc(code[pc + 4]);
                b.invokestatic(CD_Integer, "rotateLeft", MethodTypeDesc.of(CD_int, CD_int, CD_int)).i2l();
                store(b, code[pc + 1]);
            }
            case Op.I32_MUL_ROTL_MUL_XOR, Op.I32_LOAD_MUL_ROTL_MUL_XOR -> {
                if (op == Op.I32_LOAD_MUL_ROTL_MUL_XOR) Access.of(Op.LOAD32_S).load(b, this, code[pc + 2], code[pc + 7], code[pc + 8]);
                else load(b, code[pc + 2]).l2i();
                b.ldc(code[pc + 3]).imul().ldc(code[pc + 4]);
                b.invokestatic(CD_Integer, "rotateLeft", MethodTypeDesc.of(CD_int, CD_int, CD_int));
                b.ldc(code[pc + 5]).imul();
                load(b, code[pc + 6]).l2i().ixor().i2l();
                store(b, code[pc + 1]);
            }
            case Op.F64_DOT_3 -> {
                product(b, code[pc + 2], code[pc + 3]);
                product(b, code[pc + 4], code[pc + 5]);
                b.dadd();
                product(b, code[pc + 6], code[pc + 7]);
                b.dadd();
                DirectCode.toSlot(b, DirectCode.Operands.DOUBLE);
                store(b, code[pc + 1]);
            }
            case Op.F64_DIV_MUL_SQRT -> {
                load(b, code[pc + 2]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                load(b, code[pc + 3]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                b.dup2().invokestatic(JvmTypes.MATH, "sqrt", MethodTypeDesc.of(CD_double, CD_double));
                b.dmul().ddiv();
                DirectCode.toSlot(b, DirectCode.Operands.DOUBLE);
                store(b, code[pc + 1]);
            }
            case Op.I32_ROTL_MUL_ADD_IMM -> {
                load(b, code[pc + 2]).l2i().ldc(code[pc + 3]);
                b.invokestatic(CD_Integer, "rotateLeft", MethodTypeDesc.of(CD_int, CD_int, CD_int));
                b.ldc(code[pc + 4]).imul().ldc(code[pc + 5]).iadd().i2l();
                store(b, code[pc + 1]);
            }
            case Op.I32_MUL_ADD_IMM -> {
                load(b, code[pc + 2]).l2i().ldc(code[pc + 3]).imul().ldc(code[pc + 4]).iadd().i2l();
                store(b, code[pc + 1]);
            }
            case Op.I32_ADD_IMM_2, Op.I64_ADD_IMM_2 -> {
                int add = op == Op.I32_ADD_IMM_2 ? Op.I32_ADD : Op.I64_ADD;
                binary(b, add, code[pc + 5], true, code[pc + 6]);
                store(b, code[pc + 4]);
                binary(b, add, code[pc + 2], true, code[pc + 3]);
                store(b, code[pc + 1]);
            }
            case Op.F64_ADD_LOAD_STORE -> storeBack(b, code, pc + 2, () -> {
                load(b, code[pc + 1]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                loadAt(b, code, pc + 2);
                b.dadd();
            });
            case Op.F64_MUL_LOAD_ADD_STORE -> storeBack(b, code, pc + 5, () -> {
                load(b, code[pc + 1]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                loadAt(b, code, pc + 2);
                b.dmul();
                loadAt(b, code, pc + 5);
                b.dadd();
            });
            case Op.F64_MUL_ADD_LOAD_STORE -> storeBack(b, code, pc + 3, () -> {
                product(b, code[pc + 1], code[pc + 2]);
                loadAt(b, code, pc + 3);
                b.dadd();
            });
            case Op.F64_MUL_SUB_LOAD_STORE -> storeBack(b, code, pc + 3, () -> {
                loadAt(b, code, pc + 3);
                product(b, code[pc + 1], code[pc + 2]);
                b.dsub();
            });
            case Op.F64_MUL_MUL_ADD_LOAD_STORE, Op.F64_MUL_MUL_SUB_LOAD_STORE, Op.F64_MUL_MUL_ADD_LOAD_STORE_3,
                    Op.F64_MUL_MUL_SUB_LOAD_STORE_3 -> updateProductsOfThree(b, code, pc);
            case Op.F64_ADD_LOAD, Op.F64_SUB_LOAD, Op.F64_MUL_LOAD -> {
                load(b, code[pc + 2]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                Access.LONG.load(b, this, code[pc + 3], code[pc + 4], code[pc + 5]);
                DirectCode.toOperand(b, DirectCode.Operands.DOUBLE);
                if (op == Op.F64_ADD_LOAD) b.dadd();
                else if (op == Op.F64_SUB_LOAD) b.dsub();
                else b.dmul();
                DirectCode.toSlot(b, DirectCode.Operands.DOUBLE);
                store(b, code[pc + 1]);
            }
            case Op.F64_MUL_ADD, Op.F64_MUL_SUB -> multiplyAdd(b, op, pc);
            case Op.MEM_LOAD -> {
                int at = code[pc + 2];
                load(b.aload(1).ldc(code[pc + 1]).ldc(code[pc + 3]), at).ldc(Op.immediate64(code, pc + 4))
                        .invokestatic(OPS, "memLoad", MethodTypeDesc.of(CD_long, INSTANCE, CD_int, CD_int, CD_long, CD_long));
                store(b, at);
            }
            case Op.MEM_STORE -> {
                int at = code[pc + 2];
                load(load(b.aload(1).ldc(code[pc + 1]).ldc(code[pc + 3]), at).ldc(Op.immediate64(code, pc + 4)), at + 1)
                        .invokestatic(OPS, "memStore", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_int, CD_long, CD_long, CD_long));
            }
            case Op.MEMORY_SIZE -> store(b.aload(1).ldc(code[pc + 2])
                    .invokestatic(OPS, "memorySize", MethodTypeDesc.of(CD_long, INSTANCE, CD_int)), code[pc + 1]);
            case Op.MEMORY_GROW -> {
                store(load(b.aload(1).ldc(code[pc + 2]), code[pc + 1])
                        .invokestatic(OPS, "memoryGrow", MethodTypeDesc.of(CD_long, INSTANCE, CD_int, CD_long)), code[pc + 1]);
                reloadHeap(b);
            }
            case Op.MEMORY_FILL -> {
                b.aload(1).ldc(code[pc + 2]);
                loadThree(b, code[pc + 1]).invokestatic(OPS, "memoryFill", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_long, CD_long, CD_long));
            }
            case Op.MEMORY_COPY -> bulk(b, "memoryCopy", pc);
            case Op.MEMORY_INIT -> bulk(b, "memoryInit", pc);
            case Op.DATA_DROP -> b.aload(1).ldc(code[pc + 1]).invokestatic(OPS, "dataDrop", MethodTypeDesc.of(CD_void, INSTANCE, CD_int));
            case Op.TABLE_GET -> storeRef(load(b.aload(1).ldc(code[pc + 2]), code[pc + 1])
                    .invokestatic(OPS, "tableGet", MethodTypeDesc.of(CD_Object, INSTANCE, CD_int, CD_long)), code[pc + 1]);
            case Op.TABLE_SET -> loadRef(load(b.aload(1).ldc(code[pc + 2]), code[pc + 1]), code[pc + 1] + 1)
                    .invokestatic(OPS, "tableSet", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_long, CD_Object));
            case Op.TABLE_SIZE -> store(b.aload(1).ldc(code[pc + 2])
                    .invokestatic(OPS, "tableSize", MethodTypeDesc.of(CD_long, INSTANCE, CD_int)), code[pc + 1]);
            case Op.TABLE_GROW -> {
                int base = code[pc + 1];
                store(load(loadRef(b.aload(1).ldc(code[pc + 2]), base), base + 1)
                        .invokestatic(OPS, "tableGrow", MethodTypeDesc.of(CD_long, INSTANCE, CD_int, CD_Object, CD_long)), base);
            }
            case Op.TABLE_FILL -> {
                int base = code[pc + 1];
                load(loadRef(load(b.aload(1).ldc(code[pc + 2]), base), base + 1), base + 2)
                        .invokestatic(OPS, "tableFill", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_long, CD_Object, CD_long));
            }
            case Op.TABLE_COPY -> bulk(b, "tableCopy", pc);
            case Op.TABLE_INIT -> bulk(b, "tableInit", pc);
            case Op.ELEM_DROP -> b.aload(1).ldc(code[pc + 1]).invokestatic(OPS, "elemDrop", MethodTypeDesc.of(CD_void, INSTANCE, CD_int));
            case Op.FUEL -> {
                // machine.fuel -= cost; if it went negative, ask for more (see Op.FUEL).
                Label paid = b.newLabel();
                b.aload(0).dup().getfield(MACHINE, "fuel", CD_long).ldc((long) code[pc + 1]).lsub().dup2_x1()
                        .putfield(MACHINE, "fuel", CD_long).lconst_0().lcmp().ifge(paid);
                b.aload(0).ldc(name).invokestatic(JvmTypes.METERING, "refuel", MethodTypeDesc.of(CD_void, MACHINE, ConstantDescs.CD_String));
                b.labelBinding(paid);
            }
            // The JIT compiles the marked loop's instructions, which follow, as well as any loop.
            case Op.WHOLE_LOOP -> { }
            default -> throw new IllegalStateException("untranslatable instruction " + Op.name(op) + " in " + name);
        }
    }

    /**
     * Pushes the raw result of two-operand instruction {@code op} on slot {@code first} and either slot
     * {@code second} or, when {@code immediate}, the constant {@code second}.
     */
    private void binary(CodeBuilder b, int op, int first, boolean immediate, int second) {
        DirectCode.Operation direct = DirectCode.operation(op);
        if (direct == null) {
            operands(b, DirectCode.Operands.LONG, first, immediate, second);
            numericOnStack(b, op, 2);
            return;
        }
        operands(b, direct.operands(), first, immediate, second);
        DirectCode.operate(b, direct);
        DirectCode.toSlot(b, direct.operands());
    }

    /** Pushes two operands converted for {@code operands}: slot {@code first}, then slot or constant {@code second}. */
    private void operands(CodeBuilder b, DirectCode.Operands operands, int first, boolean immediate, int second) {
        load(b, first);
        DirectCode.toOperand(b, operands);
        DirectCode.Operands secondOperands = operands == DirectCode.Operands.LONG_BY_INT ? DirectCode.Operands.INT : operands;
        if (!immediate) {
            load(b, second);
            DirectCode.toOperand(b, secondOperands);
        } else if (secondOperands == DirectCode.Operands.INT) {
            b.ldc(second);
        } else if (secondOperands == DirectCode.Operands.LONG) {
            b.ldc((long) second);
        } else {
            throw new IllegalStateException("no immediate form of a float operation in " + name);
        }
    }

    /** Computes numeric instruction {@code op} on the {@code arity} operands on the stack, leaving its raw result. */
    private void numericOnStack(CodeBuilder b, int op, int arity) {
        String method = CompiledOps.methodFor(op);
        if (method != null) {
            boolean test = CompiledOps.returnsCondition(method);
            b.invokestatic(OPS, method, arity == 1 ? (test ? TEST : UNARY) : (test ? COMPARE : BINARY));
            if (test) b.i2l();
        } else if (arity == 1) {
            b.ldc(op).invokestatic(OPS, "unary", MethodTypeDesc.of(CD_long, CD_long, CD_int));
        } else {
            b.ldc(op).invokestatic(OPS, "binary", MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_int));
        }
    }

    /** Pushes the memory-0 address of a short-form load or store. */
    private void address(CodeBuilder b, int operand, int addend, int offset) {
        if (shape.memory0Is64) {
            // (a + offset) | (a >> 63) with a = operand + addend: an operand at or above 2^63 yields -1, which the segment rejects.
            load(b, operand);
            if (addend != 0) b.ldc((long) addend).ladd();
            b.dup2().bipush(63).lshr().dup2_x2().pop2();
            if (offset != 0) b.ldc((long) offset).ladd();
            b.lor();
            return;
        }
        // The addend wraps at 32 bits (it folds an i32.add), the offset does not.
        load(b, operand);
        if (addend != 0) b.ldc((long) addend).ladd();
        b.ldc(0xFFFFFFFFL).land();
        if (offset != 0) b.ldc((long) offset).ladd();
    }

    /** A short-form memory access: the layout it reads or writes and the JVM type of the value. */
    private enum Access {
        BYTE("I8", ValueLayout.OfByte.class, byte.class),
        SHORT("I16", ValueLayout.OfShort.class, short.class),
        INT("I32", ValueLayout.OfInt.class, int.class),
        LONG("I64", ValueLayout.OfLong.class, long.class);

        final String layoutField;
        final ClassDesc layout;
        final ClassDesc value;

        Access(String layoutField, Class<?> layout, Class<?> value) {
            this.layoutField = layoutField;
            this.layout = layout.describeConstable().orElseThrow();
            this.value = value.describeConstable().orElseThrow();
        }

        static Access of(int op) {
            return switch (op) {
                case Op.LOAD8_S, Op.LOAD8_U, Op.STORE8 -> BYTE;
                case Op.LOAD16_S, Op.LOAD16_U, Op.STORE16 -> SHORT;
                case Op.LOAD32_S, Op.LOAD32_U, Op.STORE32 -> INT;
                default -> LONG;
            };
        }

        /** Pushes the value this access reads from memory 0 at the address of a short-form instruction. */
        void load(CodeBuilder b, FunctionTranslator translator, int operand, int addend, int offset) {
            b.aload(translator.heapLocal).getstatic(JvmTypes.SEMANTICS, layoutField, layout);
            translator.address(b, operand, addend, offset);
            b.invokeinterface(JvmTypes.MEMORY_SEGMENT, "get", MethodTypeDesc.of(value, layout, CD_long));
        }

        /** Extends a loaded value to raw slot bits, with the signedness of load {@code op}. */
        void widen(CodeBuilder b, int op) {
            switch (op) {
                case Op.LOAD8_U -> b.sipush(0xFF).iand().i2l();
                case Op.LOAD16_U -> b.ldc(0xFFFF).iand().i2l();
                case Op.LOAD32_U -> b.i2l().ldc(0xFFFFFFFFL).land();
                case Op.LOAD64 -> { }
                default -> b.i2l();
            }
        }

        /** Truncates raw slot bits to the value a store writes. */
        void narrow(CodeBuilder b) {
            switch (this) {
                case BYTE -> b.l2i().i2b();
                case SHORT -> b.l2i().i2s();
                case INT -> b.l2i();
                case LONG -> { }
            }
        }
    }

    /** A bulk operation {@code [op, base, x, y]} on operands s[base .. base + 2]. */
    private void bulk(CodeBuilder b, String method, int pc) {
        loadThree(b.aload(1).ldc(code[pc + 2]).ldc(code[pc + 3]), code[pc + 1])
                .invokestatic(OPS, method, MethodTypeDesc.of(CD_void, INSTANCE, CD_int, CD_int, CD_long, CD_long, CD_long));
    }

    /** Pushes the numeric slots {@code base}, {@code base + 1} and {@code base + 2}, the operands of a bulk operation. */
    private CodeBuilder loadThree(CodeBuilder b, int base) {
        return load(load(load(b, base), base + 1), base + 2);
    }

    /** Copies {@code count} slots from {@code from} to {@code to} in ascending order, as a branch does. */
    private void move(CodeBuilder b, int from, int to, int count, boolean withRefs) {
        if (from == to) return;
        for (int i = 0; i < count; i++) {
            store(load(b, from + i), to + i);
            if (withRefs) storeRef(loadRef(b, from + i), to + i);
        }
    }

    private void branchTable(CodeBuilder b, int pc) {
        int n = code[pc + 2];
        Label[] entries = new Label[n + 1];
        List<SwitchCase> cases = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            entries[i] = b.newLabel();
            if (i < n) cases.add(SwitchCase.of(i, entries[i]));
        }
        load(b, code[pc + 1]).l2i();
        if (n == 0) b.pop().goto_(entries[0]);
        else b.tableswitch(0, n - 1, entries[n], cases);
        for (int i = 0; i <= n; i++) {
            int entry = pc + 3 + 5 * i;
            b.labelBinding(entries[i]);
            if (code[entry + 3] > 0) move(b, code[entry + 1], code[entry + 2], code[entry + 3], code[entry + 4] != 0);
            b.goto_(target(b, code[entry]));
        }
    }

    /**
     * Returns the results at slots {@code from ..} from the function; a chunk moves them to slots
     * 0 .. and returns -1, for its function's method to return them.
     */
    private void returnFrom(CodeBuilder b, int from) {
        FuncType type = function.type();
        if (form == Form.CHUNK) {
            for (int i = 0; i < type.resultCount() && from != 0; i++) {
                if (type.result(i).isReference()) storeRef(loadRef(b, from + i), i);
                else store(load(b, from + i), i);
            }
            b.iconst_m1().ireturn();
            return;
        }
        b.aload(0).invokestatic(OPS, "leave", MethodTypeDesc.of(CD_void, MACHINE));
        switch (type.resultCount()) {
            case 0 -> b.return_();
            case 1 -> {
                if (type.result(0).isReference()) loadRef(b, from).areturn();
                else load(b, from).lreturn();
            }
            default -> {
                b.aload(0).ldc(type.resultCount())
                        .invokestatic(OPS, "resultValues", MethodTypeDesc.of(JvmTypes.LONG_ARRAY, MACHINE, CD_int)).astore(valuesLocal);
                b.aload(0).invokestatic(OPS, "resultRefs", MethodTypeDesc.of(JvmTypes.OBJECT_ARRAY, MACHINE)).astore(refsLocal);
                for (int i = 0; i < type.resultCount(); i++) {
                    if (type.result(i).isReference()) loadRef(b.aload(refsLocal).ldc(i), from + i).aastore();
                    else load(b.aload(valuesLocal).ldc(i), from + i).lastore();
                }
                b.return_();
            }
        }
    }

    private void call(CodeBuilder b, int index, int argBase) {
        FuncType type = shape.functionTypes[index];
        if (shape.isCompiled(index)) {
            callCompiled(b, type, argBase, () -> b.invokestatic(shape.owner, methodName(index), methodType(type)));
        } else {
            packArguments(b, type, argBase);
            b.aload(1).ldc(index).aload(valuesLocal).aload(refsLocal)
                    .invokestatic(OPS, "call", MethodTypeDesc.of(CD_void, INSTANCE, CD_int, JvmTypes.LONG_ARRAY, JvmTypes.OBJECT_ARRAY));
            unpackResults(b, type, argBase);
        }
        reloadHeap(b);
    }

    /** Calls a method of this class with the arguments at slots {@code argBase ..}, leaving its results there. */
    private void callCompiled(CodeBuilder b, FuncType type, int argBase, Runnable invoke) {
        b.aload(0).aload(1);
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) loadRef(b, argBase + i);
            else load(b, argBase + i);
        }
        invoke.run();
        if (type.resultCount() == 1) {
            if (type.result(0).isReference()) storeRef(b, argBase);
            else store(b, argBase);
        } else if (type.resultCount() > 1) {
            b.aload(0).invokestatic(OPS, "results", MethodTypeDesc.of(JvmTypes.LONG_ARRAY, MACHINE)).astore(valuesLocal);
            b.aload(0).invokestatic(OPS, "resultRefs", MethodTypeDesc.of(JvmTypes.OBJECT_ARRAY, MACHINE)).astore(refsLocal);
            unpackResults(b, type, argBase);
        }
    }

    /**
     * An indirect call: when the table holds a function compiled into this class (of this instance),
     * it is called through the signature's dispatcher without leaving compiled code; any other
     * function is called through the boundary convention.
     */
    private void callIndirect(CodeBuilder b, int typeIndex, int tableIndex, int elementSlot, int argBase) {
        FuncType type = shape.types[typeIndex];
        load(b.aload(1).ldc(typeIndex).ldc(tableIndex), elementSlot)
                .invokestatic(OPS, "resolveIndirect", MethodTypeDesc.of(JvmTypes.FUNCTION_INSTANCE, INSTANCE, CD_int, CD_int, CD_long))
                .astore(targetLocal);
        Label boundary = b.newLabel();
        Label done = b.newLabel();
        int signature = shape.dispatcherFor(typeIndex);
        if (signature >= 0) {
            b.aload(targetLocal).aload(1)
                    .invokestatic(OPS, "compiledIndex", MethodTypeDesc.of(CD_int, JvmTypes.FUNCTION_INSTANCE, INSTANCE))
                    .istore(indexLocal);
            b.iload(indexLocal).iflt(boundary);
            callCompiled(b, type, argBase, () -> b.iload(indexLocal)
                    .invokestatic(shape.owner, dispatcherName(signature), dispatcherType(type)));
            b.goto_(done);
        }
        b.labelBinding(boundary);
        packArguments(b, type, argBase);
        b.aload(targetLocal).aload(1).aload(valuesLocal).aload(refsLocal)
                .invokestatic(OPS, "callIndirect", MethodTypeDesc.of(CD_void, JvmTypes.FUNCTION_INSTANCE, INSTANCE, JvmTypes.LONG_ARRAY, JvmTypes.OBJECT_ARRAY));
        unpackResults(b, type, argBase);
        b.labelBinding(done);
        reloadHeap(b);
    }

    static String dispatcherName(int signature) {
        return "dispatch" + signature;
    }

    /** A dispatcher's signature: the functions' own, followed by the function index to call. */
    static MethodTypeDesc dispatcherType(FuncType type) {
        return methodType(type).insertParameterTypes(2 + type.paramCount(), CD_int);
    }

    /**
     * The body of the dispatcher of signature {@code type}: calls the compiled function of that
     * signature whose index is its last parameter.
     */
    static void dispatcher(ModuleShape shape, FuncType type, CodeBuilder b) {
        int[] parameterLocals = parameterLocals(type);
        int indexLocal = parameterLocals[type.paramCount()];
        List<SwitchCase> cases = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int defined = 0; defined < shape.compiled.length; defined++) {
            int index = shape.importedFunctions + defined;
            if (shape.compiled[defined] && shape.functionTypes[index].equals(type)) {
                cases.add(SwitchCase.of(index, b.newLabel()));
                targets.add(index);
            }
        }
        Label missing = b.newLabel();
        b.iload(indexLocal).lookupswitch(missing, cases);
        for (int i = 0; i < cases.size(); i++) {
            b.labelBinding(cases.get(i).target());
            b.aload(0).aload(1);
            for (int p = 0; p < type.paramCount(); p++) {
                if (type.param(p).isReference()) b.aload(parameterLocals[p]);
                else b.lload(parameterLocals[p]);
            }
            b.invokestatic(shape.owner, methodName(targets.get(i)), methodType(type));
            if (type.resultCount() != 1) b.return_();
            else if (type.result(0).isReference()) b.areturn();
            else b.lreturn();
        }
        b.labelBinding(missing);
        b.iload(indexLocal).invokestatic(OPS, "notCompiled", MethodTypeDesc.of(JvmTypes.ILLEGAL_STATE, CD_int)).athrow();
    }

    private void throwException(CodeBuilder b, int tagIndex, int argBase) {
        FuncType type = shape.tagTypes[tagIndex];
        newArrays(b, type.paramCount(), true);
        storeArguments(b, type, argBase);
        b.aload(1).ldc(tagIndex).aload(valuesLocal).aload(refsLocal)
                .invokestatic(OPS, "exception", MethodTypeDesc.of(JvmTypes.WASM_EXCEPTION, INSTANCE, CD_int, JvmTypes.LONG_ARRAY, JvmTypes.OBJECT_ARRAY))
                .athrow();
    }

    /** Fills new boundary-convention arrays with the arguments at slots {@code argBase ..}. */
    private void packArguments(CodeBuilder b, FuncType type, int argBase) {
        newArrays(b, Math.max(type.paramCount(), type.resultCount()), hasReference(type));
        storeArguments(b, type, argBase);
    }

    private void newArrays(CodeBuilder b, int width, boolean withRefs) {
        b.ldc(width).newarray(TypeKind.LONG).astore(valuesLocal);
        if (withRefs) b.ldc(width).anewarray(CD_Object).astore(refsLocal);
        else b.aconst_null().astore(refsLocal);
    }

    private void storeArguments(CodeBuilder b, FuncType type, int argBase) {
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) loadRef(b.aload(refsLocal).ldc(i), argBase + i).aastore();
            else load(b.aload(valuesLocal).ldc(i), argBase + i).lastore();
        }
    }

    /** Moves results from the boundary-convention arrays to slots {@code argBase ..}. */
    private void unpackResults(CodeBuilder b, FuncType type, int argBase) {
        for (int i = 0; i < type.resultCount(); i++) {
            if (type.result(i).isReference()) storeRef(b.aload(refsLocal).ldc(i).aaload(), argBase + i);
            else store(b.aload(valuesLocal).ldc(i).laload(), argBase + i);
        }
    }
}
