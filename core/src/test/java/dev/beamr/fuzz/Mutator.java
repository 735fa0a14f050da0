package dev.beamr.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages valid modules the ways hostile or corrupted input does: byte-level noise, truncation,
 * splices of two modules, and structure-aware edits (padded LEB128s, inflated counts, moved,
 * dropped or duplicated sections) that get past the first checks and reach deeper code.
 */
final class Mutator {
    /** Values that sit on boundaries of LEB128 groups, signed ranges and opcode spaces. */
    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x40, 0x7F, 0x80, 0xC0, 0xFC, 0xFD, 0xFE, 0xFF};
    /** Counts and sizes that overflow, or nearly overflow, what a decoder may allocate. */
    private static final long[] HUGE_COUNTS = {0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL, 0x1000_0000L, 65_536, 1_000_000};

    private final SplittableRandom random;

    Mutator(SplittableRandom random) {
        this.random = random;
    }

    /** Applies one to three mutations to {@code module}; {@code donor} is the other half of splices. */
    byte[] mutate(byte[] module, byte[] donor) {
        byte[] result = module;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds && result.length > 0; i++) {
            result = switch (random.nextInt(10)) {
                case 0 -> flipBits(result);
                case 1 -> changeBytes(result);
                case 2 -> truncate(result);
                case 3 -> spliceBytes(result, donor);
                case 4 -> spliceSection(result, donor);
                case 5 -> inflateLeb(result);
                case 6 -> inflateCount(result);
                case 7 -> dropSection(result);
                case 8 -> duplicateSection(result);
                default -> insertBytes(result);
            };
        }
        return result;
    }

    byte[] flipBits(byte[] module) {
        byte[] out = module.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    byte[] changeBytes(byte[] module) {
        byte[] out = module.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int value = random.nextBoolean() ? random.nextInt(256) : INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            out[random.nextInt(out.length)] = (byte) value;
        }
        return out;
    }

    byte[] truncate(byte[] module) {
        return Arrays.copyOf(module, random.nextInt(module.length));
    }

    byte[] insertBytes(byte[] module) {
        int at = random.nextInt(module.length + 1);
        byte[] noise = new byte[1 + random.nextInt(16)];
        for (int i = 0; i < noise.length; i++) noise[i] = (byte) random.nextInt(256);
        return concat(Arrays.copyOf(module, at), noise, Arrays.copyOfRange(module, at, module.length));
    }

    /** The start of one module followed by the end of another, cut at arbitrary bytes. */
    byte[] spliceBytes(byte[] module, byte[] donor) {
        int cut = random.nextInt(module.length + 1);
        int donorCut = random.nextInt(donor.length + 1);
        return concat(Arrays.copyOf(module, cut), Arrays.copyOfRange(donor, donorCut, donor.length));
    }

    /** A whole section of the donor inserted between sections of the module (or replacing one). */
    byte[] spliceSection(byte[] module, byte[] donor) {
        Sections sections = Sections.of(module);
        Sections donorSections = Sections.of(donor);
        if (donorSections.isEmpty()) return spliceBytes(module, donor);
        Sections.Section graft = pick(donorSections.list());
        byte[] graftBytes = Arrays.copyOfRange(donor, graft.start(), graft.end());
        int at = sections.isEmpty() ? module.length : pick(sections.list()).start();
        int resume = at;
        if (!sections.isEmpty() && random.nextBoolean()) {
            resume = sections.list().stream().filter(s -> s.start() == at).findFirst().orElseThrow().end();
        }
        return concat(Arrays.copyOf(module, at), graftBytes, Arrays.copyOfRange(module, resume, module.length));
    }

    /** Re-encodes a LEB128 inside a section with redundant continuation bytes, fixing up the section size. */
    byte[] inflateLeb(byte[] module) {
        Sections sections = Sections.of(module);
        if (sections.isEmpty()) return flipBits(module);
        Sections.Section section = pick(sections.list());
        if (section.end() == section.bodyStart()) return module;
        int at = section.bodyStart() + random.nextInt(section.end() - section.bodyStart());
        Leb128.Decoded leb = Leb128.decode(module, at, section.end());
        if (leb == null || leb.value() > 0xFFFF_FFFFL) return module;
        // Five bytes is the longest legal u32; six to ten must be rejected as malformed.
        int width = Math.max(leb.length(), Leb128.minimalWidth(leb.value())) + 1 + random.nextInt(5);
        return Sections.replaceInBody(module, section, at, at + leb.length(), Leb128.unsigned(leb.value(), Math.min(width, 10)));
    }

    /** Replaces a section's leading count (the vector length of most sections) with a huge or off-by-one value. */
    byte[] inflateCount(byte[] module) {
        Sections sections = Sections.of(module);
        if (sections.isEmpty()) return flipBits(module);
        Sections.Section section = pick(sections.list());
        Leb128.Decoded count = Leb128.decode(module, section.bodyStart(), section.end());
        if (count == null) return module;
        long inflated = random.nextBoolean() ? HUGE_COUNTS[random.nextInt(HUGE_COUNTS.length)] : count.value() + 1 + random.nextInt(3);
        int at = section.bodyStart();
        return Sections.replaceInBody(module, section, at, at + count.length(), Leb128.unsigned(inflated & 0xFFFF_FFFFL));
    }

    byte[] dropSection(byte[] module) {
        Sections sections = Sections.of(module);
        if (sections.isEmpty()) return truncate(module);
        Sections.Section victim = pick(sections.list());
        return concat(Arrays.copyOf(module, victim.start()), Arrays.copyOfRange(module, victim.end(), module.length));
    }

    byte[] duplicateSection(byte[] module) {
        Sections sections = Sections.of(module);
        if (sections.isEmpty()) return insertBytes(module);
        Sections.Section twin = pick(sections.list());
        return concat(Arrays.copyOf(module, twin.end()), Arrays.copyOfRange(module, twin.start(), module.length));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
