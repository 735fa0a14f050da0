package dev.beamr.fuzz;

import java.util.ArrayList;
import java.util.List;

/** Where each section of a binary module lies; parsing stops quietly at the first malformed header. */
record Sections(List<Section> list) {
    /** One section: its id, where its header starts, and its body's range. */
    record Section(int id, int start, int bodyStart, int end) {}

    static Sections of(byte[] module) {
        List<Section> sections = new ArrayList<>();
        int offset = ModuleWriter.HEADER.length;
        while (offset < module.length) {
            Leb128.Decoded size = Leb128.decode(module, offset + 1, module.length);
            if (size == null || size.value() < 0 || size.value() > module.length) break;
            int bodyStart = offset + 1 + size.length();
            long end = bodyStart + size.value();
            if (end > module.length) break;
            sections.add(new Section(module[offset] & 0xFF, offset, bodyStart, (int) end));
            offset = (int) end;
        }
        return new Sections(List.copyOf(sections));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * {@code module} with section {@code section}'s body bytes {@code [from, to)} replaced by
     * {@code replacement}, and the section's size rewritten to match.
     */
    static byte[] replaceInBody(byte[] module, Section section, int from, int to, byte[] replacement) {
        int bodyLength = section.end() - section.bodyStart() - (to - from) + replacement.length;
        byte[] size = Leb128.unsigned(bodyLength);
        byte[] out = new byte[module.length - (section.end() - section.start()) + 1 + size.length + bodyLength];
        int at = 0;
        at = put(out, at, module, 0, section.start() + 1);
        at = put(out, at, size, 0, size.length);
        at = put(out, at, module, section.bodyStart(), from);
        at = put(out, at, replacement, 0, replacement.length);
        at = put(out, at, module, to, section.end());
        put(out, at, module, section.end(), module.length);
        return out;
    }

    private static int put(byte[] out, int at, byte[] source, int from, int to) {
        System.arraycopy(source, from, out, at, to - from);
        return at + to - from;
    }
}
