package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.runtime.Memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Linear-memory operations kept out of the dispatch loop: accesses with any memory or offset, and
 * the bulk operations. Out-of-bounds accesses surface as {@link IndexOutOfBoundsException} from the
 * segment or as a {@link TrapException} from {@link Memory}; the interpreter attributes both to the
 * running function.
 */
final class MemoryOps {
    private MemoryOps() {}

    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final long U32 = 0xFFFFFFFFL;

    /** A memory operand read from a slot: unsigned i32 for 32-bit memories, the whole slot for memory64. */
    static long operand(Memory memory, long slot) {
        return memory.is64() ? slot : slot & U32;
    }

    /** address + offset, both unsigned; traps when the sum reaches 2^63 (or wraps), which no memory can hold. */
    static long effectiveAddress(long address, long offset) {
        long effective = address + offset;
        if ((address | effective) < 0 || Long.compareUnsigned(effective, address) < 0) throw outOfBounds(address, offset);
        return effective;
    }

    private static TrapException outOfBounds(long address, long offset) {
        return new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, null,
                "address " + Long.toUnsignedString(address) + " + offset " + Long.toUnsignedString(offset), null);
    }

    /** A load of {@code kind} (LOAD8_S .. LOAD64) on any memory with any 64-bit offset. */
    static long load(int kind, Memory memory, long rawAddress, long offset) {
        MemorySegment segment = memory.segment();
        long address = effectiveAddress(operand(memory, rawAddress), offset);
        return switch (kind) {
            case Op.LOAD8_S -> segment.get(I8, address);
            case Op.LOAD8_U -> segment.get(I8, address) & 0xFFL;
            case Op.LOAD16_S -> segment.get(I16, address);
            case Op.LOAD16_U -> segment.get(I16, address) & 0xFFFFL;
            case Op.LOAD32_S -> segment.get(I32, address);
            case Op.LOAD32_U -> segment.get(I32, address) & U32;
            case Op.LOAD64 -> segment.get(I64, address);
            default -> throw new IllegalStateException("not a load kind: " + Op.name(kind));
        };
    }

    /** A store of {@code kind} (STORE8 .. STORE64) on any memory with any 64-bit offset. */
    static void store(int kind, Memory memory, long rawAddress, long offset, long value) {
        MemorySegment segment = memory.segment();
        long address = effectiveAddress(operand(memory, rawAddress), offset);
        switch (kind) {
            case Op.STORE8 -> segment.set(I8, address, (byte) value);
            case Op.STORE16 -> segment.set(I16, address, (short) value);
            case Op.STORE32 -> segment.set(I32, address, (int) value);
            case Op.STORE64 -> segment.set(I64, address, value);
            default -> throw new IllegalStateException("not a store kind: " + Op.name(kind));
        }
    }

    /** memory.grow: the old size in pages, or -1. */
    static long grow(Memory memory, long rawDelta) {
        return memory.grow(operand(memory, rawDelta));
    }

    static void fill(Memory memory, long rawAddress, long value, long rawLength) {
        memory.fill(operand(memory, rawAddress), (byte) value, operand(memory, rawLength));
    }

    /** memory.copy: the length is 64-bit only when both memories are. */
    static void copy(Memory destination, Memory source, long rawDestination, long rawSource, long rawLength) {
        long length = destination.is64() && source.is64() ? rawLength : rawLength & U32;
        Memory.copy(source, operand(source, rawSource), destination, operand(destination, rawDestination), length);
    }

    /** memory.init from a data segment; a dropped segment ({@code null}) has length 0. */
    static void init(Memory memory, byte[] data, long rawDestination, long rawSource, long rawLength) {
        long source = rawSource & U32;
        long length = rawLength & U32;
        long available = data == null ? 0 : data.length;
        if (source + length > available) {
            throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, null,
                    "data segment of " + available + " bytes read at " + source + " for " + length + " bytes", null);
        }
        long destination = operand(memory, rawDestination);
        memory.checkRange(destination, length);
        if (length > 0) memory.write(destination, data, (int) source, (int) length);
    }
}
