package dev.beamr.engine.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds binary modules byte by byte for the decoder's tests. */
final class WasmBytes {
    static final byte[] HEADER = bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);

    private WasmBytes() {}

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Unsigned LEB128, shortest form. */
    static byte[] u32(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    static byte[] name(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(u32(utf8.length), utf8);
    }

    /** A vector: the count of items, then the items. */
    static byte[] vec(byte[]... items) {
        return concat(u32(items.length), concat(items));
    }

    static byte[] section(int id, byte[]... contents) {
        byte[] body = concat(contents);
        return concat(bytes(id), u32(body.length), body);
    }

    static byte[] module(byte[]... sections) {
        return concat(HEADER, concat(sections));
    }
}
