package dev.beamr.engine.interpreter;

import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.lang.foreign.ValueLayout;

/**
 * The interpreter's instruction semantics that compiled code shares, so that both execution modes
 * compute, trap and fail identically. Arguments are raw slot bits as in the intermediate form.
 */
public final class Semantics {
    private Semantics() {}

    /** The little-endian, unaligned layouts through which linear memory is read and written. */
    public static final ValueLayout.OfByte I8 = MemoryOps.I8;
    public static final ValueLayout.OfShort I16 = MemoryOps.I16;
    public static final ValueLayout.OfInt I32 = MemoryOps.I32;
    public static final ValueLayout.OfLong I64 = MemoryOps.I64;

    /** A one-operand numeric instruction {@code op} that the interpreter delegates (see {@code Numerics.unary}). */
    public static long unary(int op, long x) {
        return Numerics.unary(op, x);
    }

    /** A two-operand numeric instruction {@code op} that the interpreter delegates (see {@code Numerics.binary}). */
    public static long binary(int op, long x, long y) {
        return Numerics.binary(op, x, y);
    }

    /** A load {@code kind} (LOAD8_S .. LOAD64) on any memory with any 64-bit offset. */
    public static long load(int kind, Memory memory, long address, long offset) {
        return MemoryOps.load(kind, memory, address, offset);
    }

    /** A store {@code kind} (STORE8 .. STORE64) on any memory with any 64-bit offset. */
    public static void store(int kind, Memory memory, long address, long offset, long value) {
        MemoryOps.store(kind, memory, address, offset, value);
    }

    /** memory.grow: the old size in pages, or -1. */
    public static long grow(Memory memory, long delta) {
        return MemoryOps.grow(memory, delta);
    }

    public static void fill(Memory memory, long address, long value, long length) {
        MemoryOps.fill(memory, address, value, length);
    }

    public static void copy(Memory destination, Memory source, long destinationAddress, long sourceAddress, long length) {
        MemoryOps.copy(destination, source, destinationAddress, sourceAddress, length);
    }

    /** memory.init from a data segment ({@code null} once dropped). */
    public static void init(Memory memory, byte[] data, long destination, long source, long length) {
        MemoryOps.init(memory, data, destination, source, length);
    }

    /** The function {@code call_indirect} reaches, or the trap it raises. */
    public static FunctionInstance resolveIndirect(Instance instance, int typeIndex, int tableIndex, int elementIndex) {
        return Calls.resolveIndirect(instance, typeIndex, tableIndex, elementIndex);
    }

    /** The exception {@code throw tagIndex} raises with the payload {@code values}/{@code refs}. */
    public static WasmExceptionPayload exception(Instance instance, int tagIndex, long[] values, Object[] refs) {
        return Exceptions.create(instance, tagIndex, values, refs, 0);
    }
}
