package dev.beamr.emscripten;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Memory 0 of the instance calling an import, addressed as emscripten's JavaScript helpers do:
 * little-endian, and every access bounds-checked (an access outside memory traps).
 */
final class CallerMemory {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Memory memory;

    private CallerMemory(Memory memory) {
        this.memory = memory;
    }

    /** Memory 0 of {@code caller}; traps when the import is called by no instance or one without memory. */
    static CallerMemory of(Instance caller, String function) {
        if (caller == null || caller.memories().length == 0) {
            throw new TrapException(TrapKind.HOST_ERROR, function, "the import needs the calling instance's memory 0", null);
        }
        return new CallerMemory(caller.memories()[0]);
    }

    Memory memory() {
        return memory;
    }

    boolean is64() {
        return memory.is64();
    }

    int readByte(long address) {
        memory.checkRange(address, 1);
        return memory.segment().get(ValueLayout.JAVA_BYTE, address) & 0xFF;
    }

    void writeByte(long address, int value) {
        memory.checkRange(address, 1);
        memory.segment().set(ValueLayout.JAVA_BYTE, address, (byte) value);
    }

    int readInt(long address) {
        memory.checkRange(address, 4);
        return memory.segment().get(I32, address);
    }

    void writeInt(long address, int value) {
        memory.checkRange(address, 4);
        memory.segment().set(I32, address, value);
    }

    long readLong(long address) {
        memory.checkRange(address, 8);
        return memory.segment().get(I64, address);
    }

    void writeLong(long address, long value) {
        memory.checkRange(address, 8);
        memory.segment().set(I64, address, value);
    }

    /** Writes a C {@code long}: 8 bytes in a memory64 module, 4 in a 32-bit one. */
    void writeCLong(long address, long value) {
        if (is64()) writeLong(address, value);
        else writeInt(address, (int) value);
    }

    void write(long address, byte[] bytes) {
        memory.write(address, bytes);
    }

    /** Reads the NUL-terminated UTF-8 string at {@code address} (null for a null pointer). */
    String readCString(long address) {
        if (address == 0) return null;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (long at = address; ; at++) {
            int b = readByte(at);
            if (b == 0) return text.toString(StandardCharsets.UTF_8);
            text.write(b);
        }
    }

    /** Writes {@code text} NUL-terminated, cut to fit {@code capacity} bytes with its NUL. */
    void writeCString(long address, String text, int capacity) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, capacity - 1);
        byte[] terminated = new byte[length + 1];
        System.arraycopy(bytes, 0, terminated, 0, length);
        write(address, terminated);
    }
}
