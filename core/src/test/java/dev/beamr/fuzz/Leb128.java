package dev.beamr.fuzz;

import java.io.ByteArrayOutputStream;

/** LEB128 encoding and lenient decoding, for building and mutating binary modules. */
final class Leb128 {
    private Leb128() {}

    /** Unsigned LEB128 of {@code value} in exactly {@code width} bytes (padded with continuation bytes); width must fit the value. */
    static byte[] unsigned(long value, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) ((value & 0x7F) | (i < width - 1 ? 0x80 : 0));
            value >>>= 7;
        }
        if (value != 0) throw new IllegalArgumentException("value does not fit in " + width + " LEB128 bytes");
        return out;
    }

    /** Unsigned LEB128 of {@code value} in the fewest bytes. */
    static byte[] unsigned(long value) {
        return unsigned(value, minimalWidth(value));
    }

    static int minimalWidth(long value) {
        int width = 1;
        while ((value >>>= 7) != 0) width++;
        return width;
    }

    static void writeUnsigned(ByteArrayOutputStream out, long value) {
        out.writeBytes(unsigned(value));
    }

    /**
     * Decodes the unsigned LEB128 at {@code offset}; returns its value and length packed by
     * {@link Decoded}, or null when the bytes there are not a LEB128 of at most 10 bytes.
     */
    static Decoded decode(byte[] bytes, int offset, int end) {
        long value = 0;
        for (int i = 0; i < 10 && offset + i < end; i++) {
            int b = bytes[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return new Decoded(value, i + 1);
        }
        return null;
    }

    record Decoded(long value, int length) {}
}
