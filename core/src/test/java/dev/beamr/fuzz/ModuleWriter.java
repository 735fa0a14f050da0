package dev.beamr.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes binary modules section by section, for hand-made (and deliberately broken) inputs. */
final class ModuleWriter {
    static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    static final int TYPE = 1;
    static final int IMPORT = 2;
    static final int FUNCTION = 3;
    static final int MEMORY = 5;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int CODE = 10;
    static final int DATA = 11;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ModuleWriter() {
        out.writeBytes(HEADER);
    }

    /** Appends a section whose size is written in the shortest form. */
    ModuleWriter section(int id, byte[] body) {
        out.write(id);
        Leb128.writeUnsigned(out, body.length);
        out.writeBytes(body);
        return this;
    }

    /** Appends raw bytes, e.g. a section header that lies about what follows. */
    ModuleWriter raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** A type section with the single type {@code () -> ()}. */
    static byte[] voidTypeSection() {
        return new byte[] {1, 0x60, 0, 0};
    }

    /** A function section declaring {@code count} functions of type 0. */
    static byte[] functionSection(int count) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Leb128.writeUnsigned(body, count);
        for (int i = 0; i < count; i++) body.write(0);
        return body.toByteArray();
    }

    /** A code section with {@code count} copies of one body (its locals and instructions, without the size). */
    static byte[] codeSection(int count, byte[] body) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        Leb128.writeUnsigned(section, count);
        byte[] size = Leb128.unsigned(body.length);
        for (int i = 0; i < count; i++) {
            section.writeBytes(size);
            section.writeBytes(body);
        }
        return section.toByteArray();
    }

    /** An export section exporting function 0 as {@code name}. */
    static byte[] exportFunctionZero(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        Leb128.writeUnsigned(body, utf8.length);
        body.writeBytes(utf8);
        body.write(0);
        body.write(0);
        return body.toByteArray();
    }
}
