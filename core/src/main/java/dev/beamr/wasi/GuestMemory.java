package dev.beamr.wasi;

import dev.beamr.engine.runtime.Memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling module's memory as WASI sees it: little-endian, addresses and sizes ({@code size_t},
 * pointers inside structures) 4 bytes wide in a 32-bit memory and 8 in a memory64 one. Every
 * access is bounds-checked and a bad address becomes {@code EFAULT} instead of a trap.
 */
final class GuestMemory {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Memory memory;
    private final int addressSize;

    /** @param memory the memory to use; null when the caller has none, so every access faults */
    GuestMemory(Memory memory) {
        this.memory = memory;
        this.addressSize = memory != null && memory.is64() ? 8 : 4;
    }

    /** Bytes of a pointer or {@code size_t} inside guest structures. */
    int addressSize() {
        return addressSize;
    }

    /** Faults unless {@code [address, address + length)} (both unsigned) lies inside the memory. */
    void check(long address, long length) {
        segment(address, length);
    }

    /** Faults unless {@code count} elements of {@code elementSize} bytes fit at {@code address}. */
    void checkArray(long address, long count, int elementSize) {
        if (count < 0 || count > Long.MAX_VALUE / elementSize) throw fault(address, count);
        check(address, count * elementSize);
    }

    byte[] read(long address, int length) {
        byte[] bytes = new byte[length];
        read(address, bytes, 0, length);
        return bytes;
    }

    void read(long address, byte[] target, int offset, int length) {
        MemorySegment.copy(segment(address, length), ValueLayout.JAVA_BYTE, address, target, offset, length);
    }

    void write(long address, byte[] bytes, int offset, int length) {
        MemorySegment.copy(bytes, offset, segment(address, length), ValueLayout.JAVA_BYTE, address, length);
    }

    void write(long address, byte[] bytes) {
        write(address, bytes, 0, bytes.length);
    }

    void fill(long address, long length, byte value) {
        segment(address, length).asSlice(address, length).fill(value);
    }

    int u8(long address) {
        return Byte.toUnsignedInt(segment(address, 1).get(ValueLayout.JAVA_BYTE, address));
    }

    int u16(long address) {
        return Short.toUnsignedInt(segment(address, 2).get(U16, address));
    }

    int i32(long address) {
        return segment(address, 4).get(I32, address);
    }

    long i64(long address) {
        return segment(address, 8).get(I64, address);
    }

    /** Reads a pointer or {@code size_t}, zero-extended. */
    long address(long address) {
        return addressSize == 8 ? i64(address) : Integer.toUnsignedLong(i32(address));
    }

    void putU8(long address, int value) {
        segment(address, 1).set(ValueLayout.JAVA_BYTE, address, (byte) value);
    }

    void putU16(long address, int value) {
        segment(address, 2).set(U16, address, (short) value);
    }

    void putI32(long address, int value) {
        segment(address, 4).set(I32, address, value);
    }

    void putI64(long address, long value) {
        segment(address, 8).set(I64, address, value);
    }

    /** Writes a pointer or {@code size_t}. */
    void putAddress(long address, long value) {
        if (addressSize == 8) {
            putI64(address, value);
        } else {
            putI32(address, (int) value);
        }
    }

    /** Decodes a UTF-8 string; malformed text is {@code EILSEQ}. */
    String string(long address, int length) {
        byte[] bytes = read(address, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ, "string at " + Long.toUnsignedString(address) + " is not UTF-8");
        }
    }

    private MemorySegment segment(long address, long length) {
        if (memory == null) throw new ErrnoException(Errno.FAULT, "the calling module has no memory");
        MemorySegment segment = memory.segment();
        long size = segment.byteSize();
        if (address < 0 || length < 0 || address > size || length > size - address) throw fault(address, length);
        return segment;
    }

    private ErrnoException fault(long address, long length) {
        return new ErrnoException(Errno.FAULT, Long.toUnsignedString(length) + " bytes at "
                + Long.toUnsignedString(address) + " are outside the memory");
    }
}
