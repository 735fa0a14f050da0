package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import dev.beamr.engine.model.ConstExpr;
import dev.beamr.engine.model.CustomSection;
import dev.beamr.engine.model.DataSegment;
import dev.beamr.engine.model.ElementSegment;
import dev.beamr.engine.model.Export;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.FunctionBody;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.Names;
import dev.beamr.engine.model.SegmentMode;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the binary format into a {@link WasmModule}: every section is read and checked for
 * well-formedness. Function bodies have their locals decoded and their instructions walked once to
 * check that they are well-formed (known opcodes, strict immediates, balanced blocks), but are kept
 * as bytes: validation decodes them for real. Anything malformed is a
 * {@link MalformedModuleException} with its offset.
 */
public final class ModuleDecoder {
    /** Locals a single function may declare; far above what compilers emit, and bounds frame sizes. */
    public static final int MAX_LOCALS = 50_000;

    private static final int MAGIC = 0x6D736100; // "\0asm" read little-endian
    private static final int VERSION = 1;

    private static final int CUSTOM = 0;
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int TABLE = 4;
    private static final int MEMORY = 5;
    private static final int GLOBAL = 6;
    private static final int EXPORT = 7;
    private static final int START = 8;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;
    private static final int DATA = 11;
    private static final int DATA_COUNT = 12;
    private static final int TAG = 13;

    /** Where each section id may appear among the non-custom sections: tag and data count are out of id order. */
    private static final int[] SECTION_RANK = {
            0, // custom: anywhere
            1, // type
            2, // import
            3, // function
            4, // table
            5, // memory
            7, // global
            8, // export
            9, // start
            10, // element
            12, // code
            13, // data
            11, // data count
            6, // tag
    };

    private static final int FUNCTION_TYPE_FORM = 0x60;
    private static final int FLAG_HAS_MAX = 0x01;
    private static final int FLAG_SHARED = 0x02;
    private static final int FLAG_MEMORY64 = 0x04;

    private static final int MEMORY_INIT = InstructionSkipper.PREFIX_MISC << 8 | 8;
    private static final int DATA_DROP = InstructionSkipper.PREFIX_MISC << 8 | 9;

    private final byte[] bytes;
    private final InstructionSkipper skipper = new InstructionSkipper(this::offsetIs64);
    /** Whether each memory, imported ones first, is 64-bit; set once the memories are known. */
    private boolean[] memory64 = new boolean[0];
    private List<FuncType> types = List.of();
    private List<Import> imports = List.of();
    private int[] functionTypes = new int[0];
    private List<TableType> tables = List.of();
    private List<MemoryType> memories = List.of();
    private List<WasmModule.Global> globals = List.of();
    private int[] tags = new int[0];
    private List<Export> exports = List.of();
    private int startFunction = -1;
    private List<ElementSegment> elements = List.of();
    private int dataCount = -1;
    private List<FunctionBody> codes = List.of();
    private List<DataSegment> datas = List.of();
    private final List<CustomSection> customSections = new ArrayList<>();
    private Names names;
    /**
     * The lowest data segment index that memory.init or data.drop names, and where, in a module
     * without a data count section; -1 when there is none.
     */
    private long lowestDataIndexWithoutCount = -1;
    private int lowestDataIndexOffset;

    private ModuleDecoder(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Decodes a module; the array must not change afterwards, since function bodies refer to it. */
    public static WasmModule decode(byte[] bytes) {
        return new ModuleDecoder(bytes).decodeModule();
    }

    private WasmModule decodeModule() {
        BinaryReader reader = new BinaryReader(bytes);
        readHeader(reader);
        int lastRank = 0;
        int codeSectionOffset = bytes.length;
        int dataSectionOffset = bytes.length;
        while (!reader.atEnd()) {
            int sectionStart = reader.position();
            int id = reader.readByte();
            if (id >= SECTION_RANK.length) {
                throw new MalformedModuleException("malformed section id " + id, sectionStart);
            }
            BinaryReader section = reader.readSized("section " + id);
            if (id != CUSTOM) {
                if (SECTION_RANK[id] <= lastRank) {
                    throw new MalformedModuleException("unexpected content after last section: section " + id
                            + " is out of order or repeated", sectionStart);
                }
                lastRank = SECTION_RANK[id];
            }
            if (id == CODE) codeSectionOffset = sectionStart;
            if (id == DATA) dataSectionOffset = sectionStart;
            readSection(id, section);
            if (id == IMPORT || id == MEMORY) {
                memory64 = memoryIndexTypes();
            }
            if (!section.atEnd()) {
                throw section.malformed("section size mismatch: section " + id + " has "
                        + section.remaining() + " bytes left over");
            }
        }
        if (functionTypes.length != codes.size()) {
            throw new MalformedModuleException("function and code section have inconsistent lengths: "
                    + functionTypes.length + " functions, " + codes.size() + " bodies", codeSectionOffset);
        }
        if (dataCount >= 0 && dataCount != datas.size()) {
            throw new MalformedModuleException("data count and data section have inconsistent lengths: "
                    + dataCount + " declared, " + datas.size() + " segments", dataSectionOffset);
        }
        checkDataCountPresentWhereNeeded();
        return new WasmModule(types, imports, functionTypes, tables, memories, globals, tags, exports,
                startFunction, elements, dataCount, codes, datas, List.copyOf(customSections),
                names == null ? Names.NONE : names);
    }

    private boolean[] memoryIndexTypes() {
        List<MemoryType> all = new ArrayList<>();
        for (Import i : imports) {
            if (i.descriptor() instanceof ImportDescriptor.Memory memory) {
                all.add(memory.type());
            }
        }
        all.addAll(memories);
        boolean[] is64 = new boolean[all.size()];
        for (int i = 0; i < is64.length; i++) {
            is64[i] = all.get(i).is64();
        }
        return is64;
    }

    private boolean offsetIs64(int memoryIndex) {
        return memoryIndex >= memory64.length || memory64[memoryIndex];
    }

    /**
     * memory.init and data.drop need the data count section. When the segment they name does not
     * exist either, the module is left to validation to reject as naming an unknown segment: a
     * module converted from text has no data count section and must fail that way.
     */
    private void checkDataCountPresentWhereNeeded() {
        if (lowestDataIndexWithoutCount >= 0 && lowestDataIndexWithoutCount < datas.size()) {
            throw new MalformedModuleException("data count section required by memory.init or data.drop",
                    lowestDataIndexOffset);
        }
    }

    private static void readHeader(BinaryReader reader) {
        if (reader.remaining() < 4 || reader.readFixed32() != MAGIC) {
            throw new MalformedModuleException("magic header not detected", 0);
        }
        if (reader.remaining() < 4 || reader.readFixed32() != VERSION) {
            throw new MalformedModuleException("unknown binary version", 4);
        }
    }

    private void readSection(int id, BinaryReader section) {
        switch (id) {
            case CUSTOM -> readCustomSection(section);
            case TYPE -> types = readVector(section, "types", ModuleDecoder::readFuncType);
            case IMPORT -> imports = readVector(section, "imports", ModuleDecoder::readImport);
            case FUNCTION -> functionTypes = readIndexVector(section, "functions");
            case TABLE -> tables = readVector(section, "tables", ModuleDecoder::readTableType);
            case MEMORY -> memories = readVector(section, "memories", ModuleDecoder::readMemoryType);
            case TAG -> tags = readIndices(readVector(section, "tags", ModuleDecoder::readTagType));
            case GLOBAL -> globals = readVector(section, "globals",
                    r -> new WasmModule.Global(readGlobalType(r), ConstExprDecoder.decode(r, skipper)));
            case EXPORT -> exports = readVector(section, "exports", ModuleDecoder::readExport);
            case START -> startFunction = section.readIndex();
            case ELEMENT -> elements = readVector(section, "element segments", this::readElementSegment);
            case DATA_COUNT -> dataCount = section.readIndex();
            case CODE -> codes = readVector(section, "function bodies", this::readFunctionBody);
            case DATA -> datas = readVector(section, "data segments", this::readDataSegment);
            default -> throw new IllegalStateException("section id " + id + " passed the id check");
        }
    }

    private void readCustomSection(BinaryReader section) {
        int offset = section.position();
        String name = section.readName();
        if (name.equals("name") && names == null) {
            names = NameSectionParser.parse(new BinaryReader(bytes, section.position(), section.limit()));
        }
        customSections.add(new CustomSection(name, section.readBytes(section.remaining()), offset));
    }

    private interface ElementReader<T> {
        T read(BinaryReader reader);
    }

    /** A vector of elements that take at least one byte each. */
    private static <T> List<T> readVector(BinaryReader reader, String what, ElementReader<T> element) {
        int count = reader.readVectorCount(1, what);
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(element.read(reader));
        }
        return List.copyOf(items);
    }

    private static int[] readIndexVector(BinaryReader reader, String what) {
        return readIndices(readVector(reader, what, BinaryReader::readIndex));
    }

    private static int[] readIndices(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private static FuncType readFuncType(BinaryReader reader) {
        int start = reader.position();
        int form = reader.readByte();
        if (form != FUNCTION_TYPE_FORM) {
            throw new MalformedModuleException("malformed function type: form 0x" + Integer.toHexString(form)
                    + ", expected 0x60", start);
        }
        ValType[] params = readValTypes(reader, "parameters");
        ValType[] results = readValTypes(reader, "results");
        return new FuncType(params, results);
    }

    private static ValType[] readValTypes(BinaryReader reader, String what) {
        return readVector(reader, what, BinaryReader::readValType).toArray(ValType[]::new);
    }

    private static Import readImport(BinaryReader reader) {
        String module = reader.readName();
        String name = reader.readName();
        int kindOffset = reader.position();
        int kind = reader.readByte();
        ImportDescriptor descriptor = switch (kind) {
            case 0 -> new ImportDescriptor.Function(reader.readIndex());
            case 1 -> new ImportDescriptor.Table(readTableType(reader));
            case 2 -> new ImportDescriptor.Memory(readMemoryType(reader));
            case 3 -> new ImportDescriptor.Global(readGlobalType(reader));
            case 4 -> new ImportDescriptor.Tag(readTagType(reader));
            default -> throw new MalformedModuleException("malformed import kind " + kind, kindOffset);
        };
        return new Import(module, name, descriptor);
    }

    private static TableType readTableType(BinaryReader reader) {
        ValType elementType = reader.readRefType();
        int flagsOffset = reader.position();
        int flags = reader.readByte();
        if ((flags & ~FLAG_HAS_MAX) != 0) {
            throw new MalformedModuleException("malformed limits flags 0x" + Integer.toHexString(flags)
                    + " for a table", flagsOffset);
        }
        long min = reader.readU32();
        long max = (flags & FLAG_HAS_MAX) != 0 ? reader.readU32() : -1;
        return new TableType(elementType, new Limits(min, max));
    }

    private static MemoryType readMemoryType(BinaryReader reader) {
        int flagsOffset = reader.position();
        int flags = reader.readByte();
        if ((flags & ~(FLAG_HAS_MAX | FLAG_SHARED | FLAG_MEMORY64)) != 0) {
            throw new MalformedModuleException("malformed limits flags 0x" + Integer.toHexString(flags)
                    + " for a memory", flagsOffset);
        }
        boolean shared = (flags & FLAG_SHARED) != 0;
        if (shared && (flags & FLAG_HAS_MAX) == 0) {
            // Only the threads proposal gives this encoding a meaning, and there it needs a maximum.
            throw new MalformedModuleException("malformed limits flags 0x" + Integer.toHexString(flags)
                    + ": a shared memory needs a maximum", flagsOffset);
        }
        boolean is64 = (flags & FLAG_MEMORY64) != 0;
        long min = readMemoryLimit(reader, is64);
        long max = (flags & FLAG_HAS_MAX) != 0 ? readMemoryLimit(reader, is64) : -1;
        return new MemoryType(new Limits(min, max), is64, shared);
    }

    /**
     * A memory's page count: u32, or u64 for memory64. u64 counts from 2^63 up are kept as
     * {@link Long#MAX_VALUE}: the model stores longs, and such counts are far beyond the 2^48 pages
     * validation allows, which rejects them just the same.
     */
    private static long readMemoryLimit(BinaryReader reader, boolean is64) {
        if (!is64) {
            return reader.readU32();
        }
        long pages = reader.readU64();
        return pages < 0 ? Long.MAX_VALUE : pages;
    }

    private static GlobalType readGlobalType(BinaryReader reader) {
        ValType type = reader.readValType();
        int mutabilityOffset = reader.position();
        int mutability = reader.readByte();
        if (mutability > 1) {
            throw new MalformedModuleException("malformed mutability 0x" + Integer.toHexString(mutability), mutabilityOffset);
        }
        return new GlobalType(type, mutability == 1);
    }

    /** A tag's type: an attribute byte, which must be 0 (exception), and a type index. */
    private static int readTagType(BinaryReader reader) {
        int attributeOffset = reader.position();
        int attribute = reader.readByte();
        if (attribute != 0) {
            throw new MalformedModuleException("malformed tag attribute 0x" + Integer.toHexString(attribute), attributeOffset);
        }
        return reader.readIndex();
    }

    private static Export readExport(BinaryReader reader) {
        String name = reader.readName();
        int kindOffset = reader.position();
        int kind = reader.readByte();
        if (kind >= ExternKind.values().length) {
            throw new MalformedModuleException("malformed export kind " + kind, kindOffset);
        }
        return new Export(name, ExternKind.values()[kind], reader.readIndex());
    }

    /**
     * An element segment in one of its eight encodings. Bit 0 of the flags: passive or declarative
     * (else active); bit 1: explicit table index (when active) or declarative (when not); bit 2:
     * items are expressions with an explicit reference type (else function indices with an
     * element kind byte).
     */
    private ElementSegment readElementSegment(BinaryReader reader) {
        int flagsOffset = reader.position();
        long flags = reader.readU32();
        if (flags > 7) {
            throw new MalformedModuleException("malformed elements segment kind " + flags, flagsOffset);
        }
        boolean active = (flags & 1) == 0;
        boolean explicitTable = active && (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        SegmentMode mode = active ? SegmentMode.ACTIVE : (flags & 2) != 0 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int tableIndex = explicitTable ? reader.readIndex() : 0;
        ConstExpr offset = active ? ConstExprDecoder.decode(reader, skipper) : null;
        // Encodings 0 and 4 imply funcref; the others name it, as a type or an element kind.
        ValType type = ValType.FUNCREF;
        if (flags != 0 && flags != 4) {
            if (expressions) {
                type = reader.readRefType();
            } else {
                readElementKind(reader);
            }
        }
        List<ConstExpr> items = expressions
                ? readVector(reader, "element expressions", r -> ConstExprDecoder.decode(r, skipper))
                : readVector(reader, "element functions", ModuleDecoder::readFunctionReference);
        return new ElementSegment(type, mode, tableIndex, offset, items);
    }

    private static void readElementKind(BinaryReader reader) {
        int kindOffset = reader.position();
        int kind = reader.readByte();
        if (kind != 0x00) {
            throw new MalformedModuleException("malformed element kind 0x" + Integer.toHexString(kind)
                    + ", expected 0x00 (funcref)", kindOffset);
        }
    }

    /** A function index of an element segment, as the equivalent {@code ref.func} expression. */
    private static ConstExpr readFunctionReference(BinaryReader reader) {
        int offset = reader.position();
        int functionIndex = reader.readIndex();
        return new ConstExpr(List.of(new ConstExpr.Instruction(0xD2, functionIndex, null)), offset);
    }

    private FunctionBody readFunctionBody(BinaryReader reader) {
        BinaryReader body = reader.readSized("function body");
        ValType[] locals = readLocals(body);
        int codeStart = body.position();
        int codeEnd = body.limit();
        if (codeEnd == codeStart || body.bytes()[codeEnd - 1] != InstructionSkipper.END) {
            throw new MalformedModuleException("END opcode expected at the end of the function body", codeEnd);
        }
        checkInstructions(body);
        return new FunctionBody(locals, body.bytes(), codeStart, codeEnd);
    }

    /**
     * Walks a body's instructions: each must be known with well-formed immediates, and the
     * function's own {@code end} must close every block and be the body's last byte.
     */
    private void checkInstructions(BinaryReader code) {
        int openBlocks = 0;
        while (true) {
            int opcodeStart = code.position();
            int opcode = InstructionSkipper.readOpcode(code);
            if (opcode == InstructionSkipper.END && openBlocks == 0) {
                if (!code.atEnd()) {
                    throw code.malformed("section size mismatch: " + code.remaining()
                            + " bytes follow the function's final end");
                }
                return;
            }
            if (InstructionSkipper.opensBlock(opcode)) {
                openBlocks++;
            } else if (InstructionSkipper.closesBlock(opcode) && openBlocks > 0) {
                openBlocks--;
            }
            long firstImmediate = skipper.skipImmediates(code, opcode, opcodeStart);
            if ((opcode == MEMORY_INIT || opcode == DATA_DROP) && dataCount < 0
                    && (lowestDataIndexWithoutCount < 0 || firstImmediate < lowestDataIndexWithoutCount)) {
                lowestDataIndexWithoutCount = firstImmediate;
                lowestDataIndexOffset = opcodeStart;
            }
        }
    }

    private static ValType[] readLocals(BinaryReader body) {
        int runsOffset = body.position();
        // Each run is a count and a type: at least two bytes.
        int runCount = body.readVectorCount(2, "local declarations");
        long[] counts = new long[runCount];
        ValType[] runTypes = new ValType[runCount];
        long total = 0;
        for (int i = 0; i < runCount; i++) {
            counts[i] = body.readU32();
            runTypes[i] = body.readValType();
            total += counts[i];
        }
        if (total > 0xFFFF_FFFFL) {
            throw new MalformedModuleException("too many locals: " + total, runsOffset);
        }
        if (total > MAX_LOCALS) {
            throw new MalformedModuleException("too many locals: " + total + " exceeds the limit of "
                    + MAX_LOCALS + " per function", runsOffset);
        }
        ValType[] locals = new ValType[(int) total];
        int next = 0;
        for (int i = 0; i < runCount; i++) {
            Arrays.fill(locals, next, next + (int) counts[i], runTypes[i]);
            next += (int) counts[i];
        }
        return locals;
    }

    /** A data segment: flags 0 (active, memory 0), 1 (passive) or 2 (active, explicit memory). */
    private DataSegment readDataSegment(BinaryReader reader) {
        int flagsOffset = reader.position();
        long flags = reader.readU32();
        if (flags > 2) {
            throw new MalformedModuleException("malformed data segment kind " + flags, flagsOffset);
        }
        int memoryIndex = flags == 2 ? reader.readIndex() : 0;
        ConstExpr offset = flags == 1 ? null : ConstExprDecoder.decode(reader, skipper);
        byte[] contents = reader.readBytes(reader.readVectorCount(1, "data bytes"));
        return new DataSegment(flags == 1 ? SegmentMode.PASSIVE : SegmentMode.ACTIVE, memoryIndex, offset, contents);
    }
}
