package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;

import java.util.function.IntPredicate;

/**
 * Knows the shape of every instruction's immediates in the supported feature set, so that an
 * instruction can be stepped over without being interpreted. Opcodes outside the feature set are
 * "illegal opcode". Prefixed opcodes are numbered {@code prefix << 8 | subOpcode}. A memory
 * argument's offset is a u64 for a 64-bit memory and a u32 otherwise, so the skipper is told which
 * memories are 64-bit.
 */
final class InstructionSkipper {
    static final int END = 0x0B;
    static final int PREFIX_MISC = 0xFC;
    static final int PREFIX_SIMD = 0xFD;

    /** SIMD sub-opcodes below 0x100 that are not assigned. */
    private static final int[] SIMD_UNASSIGNED = {
            0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB,
            0xC2, 0xC5, 0xC6, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE};

    private final IntPredicate offsetIs64;

    /**
     * {@code offsetIs64} tells whether memory arguments for a memory index carry a u64 offset: true
     * for a 64-bit memory, and for an index naming no memory, which validation rejects.
     */
    InstructionSkipper(IntPredicate offsetIs64) {
        this.offsetIs64 = offsetIs64;
    }

    /** Reads an opcode, with its sub-opcode when it has a prefix. */
    static int readOpcode(BinaryReader reader) {
        int start = reader.position();
        int opcode = reader.readByte();
        if (opcode != PREFIX_MISC && opcode != PREFIX_SIMD) {
            return opcode;
        }
        long sub = reader.readU32();
        if (sub > 0xFF) {
            throw new MalformedModuleException("illegal opcode 0x" + Integer.toHexString(opcode)
                    + " 0x" + Long.toHexString(sub), start);
        }
        return opcode << 8 | (int) sub;
    }

    /** Whether the instruction opens a block that a later {@code end} (or {@code delegate}) closes. */
    static boolean opensBlock(int opcode) {
        return opcode == 0x02 || opcode == 0x03 || opcode == 0x04 || opcode == 0x06;
    }

    /** Whether the instruction closes the innermost block: {@code end}, or {@code delegate} for a try. */
    static boolean closesBlock(int opcode) {
        return opcode == END || opcode == 0x18;
    }

    /**
     * Reads the immediates of {@code opcode}, which starts at {@code opcodeStart}, and returns the
     * first index or constant among them (0 when there is none).
     */
    long skipImmediates(BinaryReader reader, int opcode, int opcodeStart) {
        if (opcode > 0xFF) {
            return (opcode >> 8) == PREFIX_MISC
                    ? skipMiscImmediates(reader, opcode & 0xFF, opcodeStart)
                    : skipSimdImmediates(reader, opcode & 0xFF, opcodeStart);
        }
        return switch (opcode) {
            case 0x00, 0x01, 0x05, 0x0B, 0x0F, 0x19, 0x1A, 0x1B, 0xD1 -> 0;
            case 0x02, 0x03, 0x04, 0x06 -> reader.readS33();
            // try's catch and throw name a tag; rethrow, delegate, br and br_if a label; call a function.
            case 0x07, 0x08, 0x09, 0x18, 0x0C, 0x0D, 0x10, 0x12 -> reader.readU32();
            case 0x0E -> skipBranchTable(reader);
            case 0x11, 0x13 -> {
                long typeIndex = reader.readU32();
                reader.readU32();
                yield typeIndex;
            }
            case 0x1C -> {
                int count = reader.readVectorCount(1, "select types");
                for (int i = 0; i < count; i++) {
                    reader.readValType();
                }
                yield count;
            }
            case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3F, 0x40, 0xD2 -> reader.readU32();
            case 0x41 -> reader.readS32();
            case 0x42 -> reader.readS64();
            case 0x43 -> reader.readFixed32() & 0xFFFF_FFFFL;
            case 0x44 -> reader.readFixed64();
            case 0xD0 -> reader.readRefType().code();
            default -> {
                if (opcode >= 0x28 && opcode <= 0x3E) {
                    yield skipMemArg(reader);
                }
                if (opcode >= 0x45 && opcode <= 0xC4) {
                    yield 0;
                }
                throw illegal(opcode, opcodeStart);
            }
        };
    }

    private static long skipBranchTable(BinaryReader reader) {
        int count = reader.readVectorCount(1, "branch table labels");
        for (int i = 0; i < count; i++) {
            reader.readU32();
        }
        return reader.readU32();
    }

    private long skipMiscImmediates(BinaryReader reader, int sub, int opcodeStart) {
        return switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> 0;
            // memory.init (data, memory), table.init (element, table), memory.copy, table.copy
            case 8, 10, 12, 14 -> {
                long first = reader.readU32();
                reader.readU32();
                yield first;
            }
            // data.drop, memory.fill, elem.drop, table.grow/size/fill
            case 9, 11, 13, 15, 16, 17 -> reader.readU32();
            default -> throw illegal(PREFIX_MISC << 8 | sub, opcodeStart);
        };
    }

    private long skipSimdImmediates(BinaryReader reader, int sub, int opcodeStart) {
        for (int unassigned : SIMD_UNASSIGNED) {
            if (sub == unassigned) {
                throw illegal(PREFIX_SIMD << 8 | sub, opcodeStart);
            }
        }
        if (sub <= 0x0B || sub == 0x5C || sub == 0x5D) {
            return skipMemArg(reader);
        }
        if (sub == 0x0C || sub == 0x0D) {
            // v128.const and i8x16.shuffle carry 16 bytes
            reader.skip(16);
            return 0;
        }
        if (sub >= 0x15 && sub <= 0x22) {
            return reader.readByte();
        }
        if (sub >= 0x54 && sub <= 0x5B) {
            long offset = skipMemArg(reader);
            reader.readByte();
            return offset;
        }
        return 0;
    }

    /**
     * Reads a memory argument: alignment flags, a memory index when bit 6 of the flags is set
     * (multi-memory), and the offset, whose width depends on the memory. Returns the offset.
     */
    private long skipMemArg(BinaryReader reader) {
        long flags = reader.readU32();
        int memoryIndex = (flags & 0x40) != 0 ? reader.readIndex() : 0;
        return offsetIs64.test(memoryIndex) ? reader.readU64() : reader.readU32();
    }

    private static MalformedModuleException illegal(int opcode, int offset) {
        return new MalformedModuleException("illegal opcode 0x" + Integer.toHexString(opcode), offset);
    }
}
