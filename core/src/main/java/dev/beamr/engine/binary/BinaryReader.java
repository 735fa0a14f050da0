package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import dev.beamr.engine.model.ValType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a window {@code [start, limit)} of a module's bytes, with the binary format's
 * primitive readers. LEB128 readers are strict: an encoding longer than {@code ceil(N / 7)} bytes is
 * "integer representation too long", and unused bits of the last byte that are not a proper zero or
 * sign extension are "integer too large". Positions are offsets into the whole array, so errors
 * report where they are in the module. Every failure is a {@link MalformedModuleException}.
 */
public final class BinaryReader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    /** A reader over all of {@code bytes}. */
    public BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** A reader over {@code bytes[start, limit)}. */
    public BinaryReader(byte[] bytes, int start, int limit) {
        if (start < 0 || limit > bytes.length || start > limit) {
            throw new IllegalArgumentException("window [" + start + ", " + limit + ") outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = start;
        this.limit = limit;
    }

    /** The offset of the next byte to read, counted from the start of the whole array. */
    public int position() {
        return position;
    }

    /** The offset just past the last byte this reader may read. */
    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean atEnd() {
        return position >= limit;
    }

    /** The whole array this reader walks over. */
    public byte[] bytes() {
        return bytes;
    }

    /** An exception for a problem at the current position. */
    public MalformedModuleException malformed(String message) {
        return new MalformedModuleException(message, position);
    }

    /** A reader over the next {@code length} bytes, which this reader then skips. */
    public BinaryReader slice(int length, String what) {
        if (length < 0 || length > remaining()) {
            throw malformed("length out of bounds: " + what + " of " + Integer.toUnsignedString(length)
                    + " bytes, " + remaining() + " remain");
        }
        BinaryReader slice = new BinaryReader(bytes, position, position + length);
        position += length;
        return slice;
    }

    /** Reads a u32 size, then returns a reader over that many following bytes, which this reader skips. */
    public BinaryReader readSized(String what) {
        return slice(readIndex(), what);
    }

    public int readByte() {
        if (position >= limit) {
            throw malformed("unexpected end");
        }
        return bytes[position++] & 0xFF;
    }

    /** The next byte without consuming it. */
    public int peekByte() {
        if (position >= limit) {
            throw malformed("unexpected end");
        }
        return bytes[position] & 0xFF;
    }

    public void skip(int length) {
        if (length < 0 || length > remaining()) {
            throw malformed("unexpected end");
        }
        position += length;
    }

    public byte[] readBytes(int length) {
        int start = position;
        skip(length);
        byte[] copy = new byte[length];
        System.arraycopy(bytes, start, copy, 0, length);
        return copy;
    }

    /** Four bytes, little-endian (an f32's bits). */
    public int readFixed32() {
        if (remaining() < 4) {
            throw malformed("unexpected end");
        }
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8
                | (bytes[position + 2] & 0xFF) << 16 | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    /** Eight bytes, little-endian (an f64's bits). */
    public long readFixed64() {
        long low = readFixed32() & 0xFFFF_FFFFL;
        long high = readFixed32() & 0xFFFF_FFFFL;
        return high << 32 | low;
    }

    /** An unsigned 32-bit LEB128, in {@code [0, 2^32)}. */
    public long readU32() {
        return readUnsignedLeb(32);
    }

    /** An unsigned 64-bit LEB128 as the bits of a long (values from 2^63 up are negative). */
    public long readU64() {
        return readUnsignedLeb(64);
    }

    public int readS32() {
        return (int) readSignedLeb(32);
    }

    /** A signed 33-bit LEB128, as block types are encoded: negative for a value type or empty. */
    public long readS33() {
        return readSignedLeb(33);
    }

    public long readS64() {
        return readSignedLeb(64);
    }

    /**
     * A u32 index (or count). Indices from 2^31 - 1 up are returned as {@link Integer#MAX_VALUE}: no
     * index space can be that large, so such an index is out of range wherever it is checked.
     */
    public int readIndex() {
        return (int) Math.min(readU32(), Integer.MAX_VALUE);
    }

    /**
     * The element count of a vector whose elements take at least {@code minElementBytes} each,
     * rejected when the remaining bytes cannot hold that many, so callers may allocate for it.
     */
    public int readVectorCount(int minElementBytes, String what) {
        int start = position;
        long count = readU32();
        if (count * minElementBytes > remaining()) {
            throw new MalformedModuleException("length out of bounds: " + count + " " + what
                    + " cannot fit in the " + remaining() + " remaining bytes", start);
        }
        return (int) count;
    }

    /** A length-prefixed name, which must be valid UTF-8. */
    public String readName() {
        int length = readVectorCount(1, "bytes of name");
        int start = position;
        position += length;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedModuleException("malformed UTF-8 encoding", start);
        }
    }

    /** A value type byte. */
    public ValType readValType() {
        int start = position;
        ValType type = ValType.fromCode(readByte());
        if (type == null) {
            throw new MalformedModuleException("malformed value type 0x" + Integer.toHexString(bytes[start] & 0xFF), start);
        }
        return type;
    }

    /** A reference type byte: funcref or externref. */
    public ValType readRefType() {
        int start = position;
        ValType type = ValType.fromCode(readByte());
        if (type == null || !type.isReference()) {
            throw new MalformedModuleException("malformed reference type 0x" + Integer.toHexString(bytes[start] & 0xFF), start);
        }
        return type;
    }

    /** A byte that must be zero (a reserved field). */
    public void readZeroByte() {
        int start = position;
        if (readByte() != 0) {
            throw new MalformedModuleException("zero byte expected", start);
        }
    }

    private long readUnsignedLeb(int bits) {
        int start = position;
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = readLebByte(start);
            result |= (long) (b & 0x7F) << (7 * i);
            if (i == maxBytes - 1) {
                checkLastByte(b, start);
                int usedBits = bits - 7 * i;
                if ((b & 0x7F & ~((1 << usedBits) - 1)) != 0) {
                    throw new MalformedModuleException("integer too large", start);
                }
            } else if ((b & 0x80) == 0) {
                break;
            }
        }
        return result;
    }

    private long readSignedLeb(int bits) {
        int start = position;
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        for (int i = 0; ; i++) {
            int b = readLebByte(start);
            int shift = 7 * i;
            result |= (long) (b & 0x7F) << shift;
            if (i == maxBytes - 1) {
                checkLastByte(b, start);
                int usedBits = bits - shift;
                // The bits above the sign bit must all repeat it.
                int extension = b & 0x7F & ~((1 << (usedBits - 1)) - 1);
                if (extension != 0 && extension != (0x7F & ~((1 << (usedBits - 1)) - 1))) {
                    throw new MalformedModuleException("integer too large", start);
                }
                return result << (64 - bits) >> (64 - bits);
            }
            if ((b & 0x80) == 0) {
                int valueBits = shift + 7;
                return result << (64 - valueBits) >> (64 - valueBits);
            }
        }
    }

    private int readLebByte(int start) {
        if (position >= limit) {
            throw new MalformedModuleException("unexpected end of LEB128 integer", start);
        }
        return bytes[position++] & 0xFF;
    }

    private static void checkLastByte(int b, int start) {
        if ((b & 0x80) != 0) {
            throw new MalformedModuleException("integer representation too long", start);
        }
    }
}
