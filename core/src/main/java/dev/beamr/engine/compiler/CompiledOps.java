package dev.beamr.engine.compiler;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.interpreter.Machine;
import dev.beamr.engine.interpreter.Semantics;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;
import dev.beamr.engine.runtime.Tag;
import dev.beamr.engine.runtime.WasmExceptionPayload;
import dev.beamr.engine.runtime.WasmFunction;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * What compiled code calls: a small static method per numeric instruction that {@link DirectCode}
 * does not emit as bytecode, named after its opcode ({@code I32_DIV_S} is {@link #i32DivS}), plus
 * the memory layouts, table, call, exception and trap support. Values are raw slot bits as in the
 * intermediate form, so every method computes exactly what the interpreter computes; the methods are
 * small enough for the JIT to inline. Numeric instructions without a method here go to
 * {@link Semantics#unary} or {@link Semantics#binary}.
 */
final class CompiledOps {
    private CompiledOps() {}

    private static final Set<String> CONDITIONS = new HashSet<>();
    /** Per opcode, the name of the static method here that computes it, or null. */
    private static final String[] METHOD_BY_OPCODE = new String[Op.COUNT];

    static {
        Set<String> methods = new HashSet<>();
        for (Method method : CompiledOps.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) continue;
            methods.add(method.getName());
            if (method.getReturnType() == boolean.class) CONDITIONS.add(method.getName());
        }
        for (int op = 0; op < Op.COUNT; op++) {
            String name = camelCase(Op.name(op));
            if (methods.contains(name)) METHOD_BY_OPCODE[op] = name;
        }
    }

    /** I32_DIV_S becomes i32DivS. */
    private static String camelCase(String opcodeName) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : opcodeName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return name.toString();
    }

    /** The name of the method computing numeric instruction {@code op}, or null when it has none. */
    static String methodFor(int op) {
        return METHOD_BY_OPCODE[op];
    }

    /** Whether the numeric method {@code name} yields a condition (a comparison) rather than a value. */
    static boolean returnsCondition(String name) {
        return CONDITIONS.contains(name);
    }

    /** A numeric instruction without a method of its own, computed as the interpreter does. */
    static long unary(long x, int op) {
        return Semantics.unary(op, x);
    }

    static long binary(long x, long y, int op) {
        return Semantics.binary(op, x, y);
    }

    // ---- Frames, metering and traps ----

    /** Enters a compiled function: counts the call against the thread's depth limit. */
    static void enter(Machine machine, String function) {
        if (++machine.compiledDepth > machine.maxCallDepth()) {
            machine.compiledDepth--;
            throw new TrapException(TrapKind.STACK_EXHAUSTED, function,
                    "more than " + machine.maxCallDepth() + " nested calls", null);
        }
    }

    static void leave(Machine machine) {
        machine.compiledDepth--;
    }

    /** The depth a function runs at, to which a handler catching an exception in it restores the count. */
    static int depth(Machine machine) {
        return machine.compiledDepth;
    }

    static void restoreDepth(Machine machine, int depth) {
        machine.compiledDepth = depth;
    }

    /** Where a function with several results leaves them for its caller. */
    static long[] resultValues(Machine machine, int count) {
        machine.ensureResults(count);
        return machine.results;
    }

    static long[] results(Machine machine) {
        return machine.results;
    }

    static Object[] resultRefs(Machine machine) {
        return machine.resultRefs;
    }

    /** Moves a multi-result function's results to the boundary convention's arrays. */
    static void copyResults(Machine machine, long[] values, Object[] refs, int count) {
        System.arraycopy(machine.results, 0, values, 0, count);
        if (refs != null) System.arraycopy(machine.resultRefs, 0, refs, 0, count);
    }

    static TrapException unreachable(String function) {
        return new TrapException(TrapKind.UNREACHABLE, function);
    }

    /** Names the running function in a trap raised by code that did not know it. */
    static TrapException attribute(TrapException trap, String function) {
        if (trap.function() != null) return trap;
        String message = trap.getMessage();
        String prefix = trap.kind().message() + ": ";
        String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : null;
        return new TrapException(trap.kind(), function, detail, trap.getCause());
    }

    static TrapException outOfBounds(IndexOutOfBoundsException exception, String function) {
        return new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, function, exception.getMessage(), null);
    }

    // ---- Exceptions ----

    /** The index of the handler of defined function {@code definedIndex} that takes {@code exception} raised at {@code pc}, or -1. */
    static int selectHandler(Instance instance, int definedIndex, int pc, WasmExceptionPayload exception) {
        Handler[] handlers = instance.module().functions()[definedIndex].handlers();
        Tag[] tags = instance.tags();
        Tag tag = exception.tag();
        return Handler.select(handlers, pc, index -> tags[index] == tag);
    }

    static long payloadValue(WasmExceptionPayload exception, int index) {
        return exception.values()[index];
    }

    static Object payloadRef(WasmExceptionPayload exception, int index) {
        return exception.refs()[index];
    }

    static WasmExceptionPayload exception(Instance instance, int tagIndex, long[] values, Object[] refs) {
        return Semantics.exception(instance, tagIndex, values, refs);
    }

    // ---- Calls ----

    /** Calls function {@code index} of the instance through the boundary convention. */
    static void call(Instance instance, int index, long[] values, Object[] refs) {
        instance.functions()[index].invoke(instance, values, refs);
    }

    static FunctionInstance resolveIndirect(Instance instance, int typeIndex, int tableIndex, long element) {
        return Semantics.resolveIndirect(instance, typeIndex, tableIndex, (int) element);
    }

    /** The index of {@code function} when it is compiled code of {@code instance} (so of the caller's class), else -1. */
    static int compiledIndex(FunctionInstance function, Instance instance) {
        return function instanceof WasmFunction callee && callee.instance() == instance && !callee.interpreted()
                ? callee.code().index() : -1;
    }

    static IllegalStateException notCompiled(int index) {
        return new IllegalStateException("function " + index + " has no compiled code to dispatch to");
    }

    static void callIndirect(FunctionInstance function, Instance instance, long[] values, Object[] refs) {
        function.invoke(instance, values, refs);
    }

    // ---- Globals and references ----

    static long globalGet(Instance instance, int index) {
        return instance.globals()[index].value();
    }

    static void globalSet(Instance instance, int index, long value) {
        instance.globals()[index].setValue(value);
    }

    static Object globalGetRef(Instance instance, int index) {
        return instance.globals()[index].ref();
    }

    static void globalSetRef(Instance instance, int index, Object value) {
        instance.globals()[index].setRef(value);
    }

    static Object refFunc(Instance instance, int index) {
        return instance.functions()[index];
    }

    static long refIsNull(Object reference) {
        return reference == null ? 1 : 0;
    }

    static long select(long first, long second, long condition) {
        return (int) condition != 0 ? first : second;
    }

    // ---- Memory ----

    /** Memory 0's current bytes, or null when the instance has no memory; re-read after anything that may grow it. */
    static MemorySegment memory0(Instance instance) {
        Memory[] memories = instance.memories();
        return memories.length == 0 ? null : memories[0].segment();
    }

    static long memLoad(Instance instance, int kind, int memory, long address, long offset) {
        return Semantics.load(kind, instance.memories()[memory], address, offset);
    }

    static void memStore(Instance instance, int kind, int memory, long address, long offset, long value) {
        Semantics.store(kind, instance.memories()[memory], address, offset, value);
    }

    static long memorySize(Instance instance, int memory) {
        return instance.memories()[memory].pages();
    }

    static long memoryGrow(Instance instance, int memory, long delta) {
        return Semantics.grow(instance.memories()[memory], delta);
    }

    static void memoryFill(Instance instance, int memory, long address, long value, long length) {
        Semantics.fill(instance.memories()[memory], address, value, length);
    }

    static void memoryCopy(Instance instance, int destination, int source, long to, long from, long length) {
        Memory[] memories = instance.memories();
        Semantics.copy(memories[destination], memories[source], to, from, length);
    }

    static void memoryInit(Instance instance, int memory, int data, long to, long from, long length) {
        Semantics.init(instance.memories()[memory], instance.dataSegments()[data], to, from, length);
    }

    static void dataDrop(Instance instance, int data) {
        instance.dataSegments()[data] = null;
    }

    // ---- Tables ----

    private static final Object[] NO_ELEMENTS = {};

    static Object tableGet(Instance instance, int table, long index) {
        return instance.tables()[table].get((int) index);
    }

    static void tableSet(Instance instance, int table, long index, Object value) {
        instance.tables()[table].set((int) index, value);
    }

    static long tableSize(Instance instance, int table) {
        return instance.tables()[table].size();
    }

    static long tableGrow(Instance instance, int table, Object value, long delta) {
        return instance.tables()[table].grow((int) delta, value);
    }

    static void tableFill(Instance instance, int table, long index, Object value, long length) {
        instance.tables()[table].fill((int) index, value, (int) length);
    }

    static void tableCopy(Instance instance, int destination, int source, long to, long from, long length) {
        Table[] tables = instance.tables();
        tables[destination].copyFrom(tables[source], (int) from, (int) to, (int) length);
    }

    static void tableInit(Instance instance, int table, int element, long to, long from, long length) {
        Object[] items = instance.elementSegments()[element];
        instance.tables()[table].init((int) to, items == null ? NO_ELEMENTS : items, (int) from, (int) length);
    }

    static void elemDrop(Instance instance, int element) {
        instance.elementSegments()[element] = null;
    }

    // ---- Numeric instructions: raw slot bits in, raw slot bits (or a condition) out ----

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(float value) {
        return Float.floatToRawIntBits(value);
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    static boolean i32Eqz(long a) { return (int) a == 0; }
    static boolean i32Eq(long a, long b) { return (int) a == (int) b; }
    static boolean i32Ne(long a, long b) { return (int) a != (int) b; }
    static boolean i32LtS(long a, long b) { return (int) a < (int) b; }
    static boolean i32LtU(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) < 0; }
    static boolean i32GtS(long a, long b) { return (int) a > (int) b; }
    static boolean i32GtU(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) > 0; }
    static boolean i32LeS(long a, long b) { return (int) a <= (int) b; }
    static boolean i32LeU(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) <= 0; }
    static boolean i32GeS(long a, long b) { return (int) a >= (int) b; }
    static boolean i32GeU(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) >= 0; }

    static boolean i64Eqz(long a) { return a == 0; }
    static boolean i64Eq(long a, long b) { return a == b; }
    static boolean i64Ne(long a, long b) { return a != b; }
    static boolean i64LtS(long a, long b) { return a < b; }
    static boolean i64LtU(long a, long b) { return Long.compareUnsigned(a, b) < 0; }
    static boolean i64GtS(long a, long b) { return a > b; }
    static boolean i64GtU(long a, long b) { return Long.compareUnsigned(a, b) > 0; }
    static boolean i64LeS(long a, long b) { return a <= b; }
    static boolean i64LeU(long a, long b) { return Long.compareUnsigned(a, b) <= 0; }
    static boolean i64GeS(long a, long b) { return a >= b; }
    static boolean i64GeU(long a, long b) { return Long.compareUnsigned(a, b) >= 0; }

    static boolean f32Eq(long a, long b) { return f32(a) == f32(b); }
    static boolean f32Ne(long a, long b) { return f32(a) != f32(b); }
    static boolean f32Lt(long a, long b) { return f32(a) < f32(b); }
    static boolean f32Gt(long a, long b) { return f32(a) > f32(b); }
    static boolean f32Le(long a, long b) { return f32(a) <= f32(b); }
    static boolean f32Ge(long a, long b) { return f32(a) >= f32(b); }

    static boolean f64Eq(long a, long b) { return f64(a) == f64(b); }
    static boolean f64Ne(long a, long b) { return f64(a) != f64(b); }
    static boolean f64Lt(long a, long b) { return f64(a) < f64(b); }
    static boolean f64Gt(long a, long b) { return f64(a) > f64(b); }
    static boolean f64Le(long a, long b) { return f64(a) <= f64(b); }
    static boolean f64Ge(long a, long b) { return f64(a) >= f64(b); }

    static long i32Rotl(long a, long b) { return Integer.rotateLeft((int) a, (int) b); }
    static long i32Rotr(long a, long b) { return Integer.rotateRight((int) a, (int) b); }
    static long i32Clz(long a) { return Integer.numberOfLeadingZeros((int) a); }
    static long i32Ctz(long a) { return Integer.numberOfTrailingZeros((int) a); }
    static long i32Popcnt(long a) { return Integer.bitCount((int) a); }

    static long i32DivS(long a, long b) {
        int x = (int) a, y = (int) b;
        if (y == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        if (y == -1 && x == Integer.MIN_VALUE) throw new TrapException(TrapKind.INTEGER_OVERFLOW, null);
        return x / y;
    }

    static long i32DivU(long a, long b) {
        if ((int) b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return Integer.divideUnsigned((int) a, (int) b);
    }

    static long i32RemS(long a, long b) {
        if ((int) b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return (int) a % (int) b;
    }

    static long i32RemU(long a, long b) {
        if ((int) b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return Integer.remainderUnsigned((int) a, (int) b);
    }

    static long i64Rotl(long a, long b) { return Long.rotateLeft(a, (int) b); }
    static long i64Rotr(long a, long b) { return Long.rotateRight(a, (int) b); }
    static long i64Clz(long a) { return Long.numberOfLeadingZeros(a); }
    static long i64Ctz(long a) { return Long.numberOfTrailingZeros(a); }
    static long i64Popcnt(long a) { return Long.bitCount(a); }

    static long i64DivS(long a, long b) {
        if (b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        if (b == -1 && a == Long.MIN_VALUE) throw new TrapException(TrapKind.INTEGER_OVERFLOW, null);
        return a / b;
    }

    static long i64DivU(long a, long b) {
        if (b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return Long.divideUnsigned(a, b);
    }

    static long i64RemS(long a, long b) {
        if (b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return a % b;
    }

    static long i64RemU(long a, long b) {
        if (b == 0) throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO, null);
        return Long.remainderUnsigned(a, b);
    }

    static long f32Abs(long a) { return a & 0x7FFFFFFFL; }
    static long f32Neg(long a) { return a ^ 0x80000000L; }
    static long f32Sqrt(long a) { return bits((float) Math.sqrt(f32(a))); }
    static long f32Copysign(long a, long b) { return (a & 0x7FFFFFFFL) | (b & 0x80000000L); }

    static long f64Abs(long a) { return a & Long.MAX_VALUE; }
    static long f64Neg(long a) { return a ^ Long.MIN_VALUE; }
    static long f64Sqrt(long a) { return bits(Math.sqrt(f64(a))); }
    static long f64Copysign(long a, long b) { return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE); }

    static long i64ExtendI32S(long a) { return (int) a; }
    static long i64ExtendI32U(long a) { return a & 0xFFFFFFFFL; }
    static long f64ConvertI32S(long a) { return bits((double) (int) a); }
    static long f64ConvertI64S(long a) { return bits((double) a); }
    static long f32ConvertI32S(long a) { return bits((float) (int) a); }
    static long f64PromoteF32(long a) { return bits((double) f32(a)); }
    static long f32DemoteF64(long a) { return bits((float) f64(a)); }
    static long i32Extend8S(long a) { return (byte) a; }
    static long i32Extend16S(long a) { return (short) a; }
    static long i64Extend8S(long a) { return (byte) a; }
    static long i64Extend16S(long a) { return (short) a; }
    static long i32TruncSatF64S(long a) { return (int) f64(a); }
    static long i64TruncSatF64S(long a) { return (long) f64(a); }
}
