package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import dev.beamr.engine.model.ConstExpr;
import dev.beamr.engine.model.ElementSegment;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.FunctionBody;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.Names;
import dev.beamr.engine.model.SegmentMode;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.beamr.engine.binary.WasmBytes.HEADER;
import static dev.beamr.engine.binary.WasmBytes.bytes;
import static dev.beamr.engine.binary.WasmBytes.concat;
import static dev.beamr.engine.binary.WasmBytes.module;
import static dev.beamr.engine.binary.WasmBytes.name;
import static dev.beamr.engine.binary.WasmBytes.section;
import static dev.beamr.engine.binary.WasmBytes.u32;
import static dev.beamr.engine.binary.WasmBytes.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleDecoderTest {
    private static final int TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6,
            EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12, TAG = 13;

    private static final byte[] TYPES = section(TYPE,
            vec(bytes(0x60, 0x01, 0x7F, 0x01, 0x7F), bytes(0x60, 0x00, 0x00)));
    private static final byte[] ONE_FUNCTION = section(FUNCTION, vec(u32(1)));
    private static final byte[] ONE_EMPTY_BODY = section(CODE, vec(bytes(0x02, 0x00, 0x0B)));

    /** Every section kind once, in order, with the name section last. */
    private static final List<byte[]> EVERY_SECTION = List.of(
            TYPES,
            section(IMPORT, vec(
                    concat(name("env"), name("f"), bytes(0x00, 0x01)),
                    concat(name("env"), name("t"), bytes(0x01, 0x70, 0x01, 0x01, 0x02)),
                    concat(name("env"), name("m"), bytes(0x02, 0x04, 0x01)),
                    concat(name("env"), name("g"), bytes(0x03, 0x7E, 0x01)),
                    concat(name("env"), name("e"), bytes(0x04, 0x00, 0x01)))),
            section(FUNCTION, vec(u32(0))),
            section(TABLE, vec(bytes(0x6F, 0x00, 0x00))),
            section(MEMORY, vec(bytes(0x03, 0x01, 0x02))),
            section(TAG, vec(bytes(0x00, 0x01))),
            section(GLOBAL, vec(bytes(0x7F, 0x00, 0x41, 0x2A, 0x41, 0x01, 0x6A, 0x0B))),
            section(EXPORT, vec(concat(name("run"), bytes(0x00, 0x01)))),
            section(START, u32(0)),
            section(ELEMENT, vec(concat(bytes(0x00, 0x41, 0x00, 0x0B), vec(u32(1))))),
            section(DATA_COUNT, u32(1)),
            section(CODE, vec(bytes(0x06, 0x01, 0x02, 0x7E, 0x20, 0x00, 0x0B))),
            section(DATA, vec(concat(bytes(0x01), vec(bytes('h'), bytes('i'))))),
            section(0, name("name"),
                    section(0, name("demo")),
                    section(1, vec(concat(u32(1), name("run")))),
                    section(2, vec(concat(u32(1), vec(concat(u32(0), name("x"))))))));

    private static MalformedModuleException malformed(byte[] module) {
        return assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(module));
    }

    private static void assertMalformed(String expectedStart, byte[] module) {
        String message = malformed(module).getMessage();
        assertTrue(message.startsWith(expectedStart), () -> "expected \"" + expectedStart + "\", got: " + message);
    }

    @Test
    void decodesEverySection() {
        WasmModule m = ModuleDecoder.decode(module(EVERY_SECTION.toArray(byte[][]::new)));

        assertEquals(List.of(new FuncType(new ValType[]{ValType.I32}, new ValType[]{ValType.I32}),
                new FuncType(new ValType[0], new ValType[0])), m.types());
        assertEquals(List.of(
                        new ImportDescriptor.Function(1),
                        new ImportDescriptor.Table(new TableType(ValType.FUNCREF, new Limits(1, 2))),
                        new ImportDescriptor.Memory(new MemoryType(new Limits(1, -1), true, false)),
                        new ImportDescriptor.Global(new GlobalType(ValType.I64, true)),
                        new ImportDescriptor.Tag(1)),
                m.imports().stream().map(i -> i.descriptor()).toList());
        assertEquals("env", m.imports().get(4).module());
        assertEquals("e", m.imports().get(4).name());
        assertEquals(1, m.importedFunctionCount());
        assertArrayEquals(new int[]{0}, m.functionTypes());
        assertEquals(List.of(new TableType(ValType.EXTERNREF, new Limits(0, -1))), m.tables());
        assertEquals(List.of(new MemoryType(new Limits(1, 2), false, true)), m.memories());
        assertArrayEquals(new int[]{1}, m.tags());
        assertEquals(List.of(new ConstExpr.Instruction(0x41, 42, null), new ConstExpr.Instruction(0x41, 1, null),
                new ConstExpr.Instruction(0x6A, 0, null)), m.globals().get(0).init().instructions());
        assertEquals("run", m.exports().get(0).name());
        assertEquals(ExternKind.FUNCTION, m.exports().get(0).kind());
        assertEquals(1, m.exports().get(0).index());
        assertEquals(0, m.startFunction());

        ElementSegment element = m.elements().get(0);
        assertEquals(SegmentMode.ACTIVE, element.mode());
        assertEquals(ValType.FUNCREF, element.type());
        assertEquals(List.of(new ConstExpr.Instruction(0x41, 0, null)), element.offset().instructions());
        assertEquals(List.of(new ConstExpr.Instruction(0xD2, 1, null)), element.items().get(0).instructions());

        assertEquals(1, m.dataCount());
        FunctionBody body = m.codes().get(0);
        assertArrayEquals(new ValType[]{ValType.I64, ValType.I64}, body.locals());
        assertArrayEquals(bytes(0x20, 0x00, 0x0B), Arrays.copyOfRange(body.source(), body.codeStart(), body.codeEnd()));
        assertEquals(SegmentMode.PASSIVE, m.datas().get(0).mode());
        assertNull(m.datas().get(0).offset());
        assertArrayEquals(bytes('h', 'i'), m.datas().get(0).bytes());

        assertEquals(1, m.customSections().size());
        assertEquals("name", m.customSections().get(0).name());
        assertEquals(new Names("demo", Map.of(1, "run"), Map.of(1, Map.of(0, "x"))), m.names());
    }

    @Test
    void anEmptyModuleHasNothing() {
        WasmModule m = ModuleDecoder.decode(HEADER);
        assertTrue(m.types().isEmpty() && m.imports().isEmpty() && m.codes().isEmpty());
        assertEquals(-1, m.startFunction());
        assertEquals(-1, m.dataCount());
        assertEquals(Names.NONE, m.names());
    }

    /** Cutting the module anywhere fails, except right after the header or a section when the rest is complete. */
    @Test
    void everyTruncationIsMalformed() {
        List<byte[]> sections = List.of(TYPES, ONE_FUNCTION, section(DATA_COUNT, u32(1)), ONE_EMPTY_BODY,
                section(DATA, vec(concat(bytes(0x00, 0x41, 0x00, 0x0B), vec(bytes(7))))));
        byte[] whole = module(sections.toArray(byte[][]::new));
        ModuleDecoder.decode(whole);
        List<Integer> completeModules = List.of(HEADER.length, HEADER.length + TYPES.length);
        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            if (completeModules.contains(length)) {
                assertDoesNotThrow(() -> ModuleDecoder.decode(prefix), "prefix of " + length + " bytes");
            } else {
                int cut = length;
                assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(prefix), () -> "prefix of " + cut + " bytes");
            }
        }
    }

    @Test
    void headerMustBeMagicThenVersionOne() {
        assertMalformed("magic header not detected", bytes(0x00, 0x61, 0x73));
        assertMalformed("magic header not detected", bytes(0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00));
        assertMalformed("unknown binary version", bytes(0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00));
        assertMalformed("unknown binary version", bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00));
    }

    @Test
    void sectionsFollowTheirOrder() {
        byte[] tags = section(TAG, vec(bytes(0x00, 0x01)));
        byte[] memory = section(MEMORY, vec(bytes(0x00, 0x01)));
        byte[] global = section(GLOBAL, vec(bytes(0x7F, 0x00, 0x41, 0x00, 0x0B)));
        byte[] dataCount = section(DATA_COUNT, u32(0));
        byte[] custom = section(0, name("anything"), bytes(1, 2, 3));

        assertEquals(3, ModuleDecoder.decode(module(custom, TYPES, custom, memory, tags, global, custom)).customSections().size());
        ModuleDecoder.decode(module(TYPES, ONE_FUNCTION, dataCount, ONE_EMPTY_BODY));

        assertMalformed("unexpected content after last section", module(ONE_FUNCTION, TYPES, ONE_EMPTY_BODY));
        assertMalformed("unexpected content after last section", module(TYPES, TYPES));
        assertMalformed("unexpected content after last section", module(TYPES, global, tags));
        assertMalformed("unexpected content after last section", module(TYPES, ONE_FUNCTION, ONE_EMPTY_BODY, dataCount));
        assertMalformed("malformed section id", module(section(14)));
        assertMalformed("malformed section id", module(bytes(0x81, 0x00)));
    }

    @Test
    void sectionContentsMustFillTheSection() {
        assertMalformed("section size mismatch", module(section(TYPE, vec(), bytes(0x00))));
        assertMalformed("section size mismatch", module(section(START, bytes(0x80, 0x00), bytes(0x00))));
        assertMalformed("unexpected end", module(section(TYPE, vec(bytes(0x60)))));
        assertMalformed("length out of bounds", module(bytes(TYPE, 0x05, 0x01, 0x60, 0x00)));
        assertMalformed("unexpected end", module(section(TYPE, u32(2), bytes(0x60, 0x00, 0x00))));
        assertMalformed("malformed function type", module(section(TYPE, vec(bytes(0x61, 0x00, 0x00)))));
        assertMalformed("malformed value type", module(section(TYPE, vec(bytes(0x60, 0x01, 0x40, 0x00)))));
    }

    @Test
    void importKindsAndTypeEncodingsAreChecked() {
        assertMalformed("malformed import kind", module(section(IMPORT, vec(concat(name("a"), name("b"), bytes(0x05, 0x00))))));
        assertMalformed("malformed mutability", module(section(IMPORT, vec(concat(name("a"), name("b"), bytes(0x03, 0x7F, 0x02))))));
        assertMalformed("malformed tag attribute", module(section(IMPORT, vec(concat(name("a"), name("b"), bytes(0x04, 0x01, 0x00))))));
        assertMalformed("malformed reference type", module(section(IMPORT, vec(concat(name("a"), name("b"), bytes(0x01, 0x7F, 0x00, 0x00))))));
        assertMalformed("malformed UTF-8 encoding", module(section(IMPORT, vec(concat(bytes(0x01, 0xFF), name("b"), bytes(0x00, 0x00))))));
        assertMalformed("malformed export kind", module(section(EXPORT, vec(concat(name("x"), bytes(0x05, 0x00))))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7})
    void memoryLimitFlagsSelectMaxSharedAndIndexType(int flags) {
        boolean hasMax = (flags & 1) != 0;
        boolean is64 = (flags & 4) != 0;
        // 2^33 pages only fits a memory64 limit; u32 forms use 1
        byte[] limit = is64 ? u32(1L << 33) : u32(1);
        byte[] type = concat(bytes(flags), limit, hasMax ? limit : new byte[0]);
        MemoryType memory = ModuleDecoder.decode(module(section(MEMORY, vec(type)))).memories().get(0);
        long expected = is64 ? 1L << 33 : 1;
        assertEquals(new MemoryType(new Limits(expected, hasMax ? expected : -1), is64, (flags & 2) != 0), memory);
    }

    @Test
    void limitFlagsOutsideTheEncodingsAreMalformed() {
        assertMalformed("malformed limits flags", module(section(MEMORY, vec(bytes(0x08, 0x00)))));
        assertMalformed("malformed limits flags", module(section(MEMORY, vec(bytes(0x02, 0x00)))));
        assertMalformed("malformed limits flags", module(section(MEMORY, vec(bytes(0x06, 0x00)))));
        assertMalformed("malformed limits flags", module(section(MEMORY, vec(bytes(0x81, 0x00, 0x00)))));
        assertMalformed("malformed limits flags", module(section(TABLE, vec(bytes(0x70, 0x02, 0x00)))));
        assertMalformed("malformed limits flags", module(section(TABLE, vec(bytes(0x70, 0x04, 0x00)))));
        assertMalformed("integer too large", module(section(MEMORY, vec(bytes(0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)))));
    }

    @Test
    void memory64LimitsBeyondTheLongRangeSaturate() {
        byte[] hugeMax = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        MemoryType memory = ModuleDecoder.decode(module(section(MEMORY, vec(concat(bytes(0x05, 0x00), hugeMax))))).memories().get(0);
        assertEquals(Long.MAX_VALUE, memory.limits().max());
    }

    @Test
    void elementSegmentsInAllEightEncodings() {
        byte[] offset = bytes(0x41, 0x05, 0x0B);
        byte[] functions = vec(u32(0), u32(1));
        byte[] expressions = vec(bytes(0xD2, 0x01, 0x0B), bytes(0xD0, 0x6F, 0x0B));
        WasmModule m = ModuleDecoder.decode(module(section(ELEMENT, vec(
                concat(u32(0), offset, functions),
                concat(u32(1), bytes(0x00), functions),
                concat(u32(2), u32(3), offset, bytes(0x00), functions),
                concat(u32(3), bytes(0x00), functions),
                concat(u32(4), offset, expressions),
                concat(u32(5), bytes(0x6F), expressions),
                concat(u32(6), u32(2), offset, bytes(0x70), expressions),
                concat(u32(7), bytes(0x70), expressions)))));

        List<SegmentMode> modes = m.elements().stream().map(ElementSegment::mode).toList();
        assertEquals(List.of(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE,
                SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE), modes);
        assertEquals(List.of(0, 0, 3, 0, 0, 0, 2, 0), m.elements().stream().map(ElementSegment::tableIndex).toList());
        assertEquals(List.of(ValType.FUNCREF, ValType.FUNCREF, ValType.FUNCREF, ValType.FUNCREF,
                ValType.FUNCREF, ValType.EXTERNREF, ValType.FUNCREF, ValType.FUNCREF),
                m.elements().stream().map(ElementSegment::type).toList());
        for (ElementSegment segment : m.elements()) {
            assertEquals(segment.mode() == SegmentMode.ACTIVE, segment.offset() != null);
            assertEquals(2, segment.items().size());
        }
        assertEquals(new ConstExpr.Instruction(0xD2, 1, null), m.elements().get(3).items().get(1).instructions().get(0));
        assertEquals(new ConstExpr.Instruction(0xD0, 0, ValType.EXTERNREF), m.elements().get(7).items().get(1).instructions().get(0));
    }

    @Test
    void elementSegmentEncodingsAreChecked() {
        assertMalformed("malformed elements segment kind", module(section(ELEMENT, vec(concat(u32(8), bytes(0x00, 0x00))))));
        assertMalformed("malformed element kind", module(section(ELEMENT, vec(bytes(0x01, 0x01, 0x00)))));
        assertMalformed("malformed reference type", module(section(ELEMENT, vec(bytes(0x05, 0x7F, 0x00)))));
        assertMalformed("illegal opcode", module(section(ELEMENT, vec(bytes(0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B)))));
    }

    @Test
    void dataSegmentsInAllThreeEncodings() {
        WasmModule m = ModuleDecoder.decode(module(section(DATA, vec(
                concat(u32(0), bytes(0x41, 0x00, 0x0B), vec(bytes(1))),
                concat(u32(1), vec(bytes(2), bytes(3))),
                concat(u32(2), u32(1), bytes(0x42, 0x08, 0x0B), vec())))));
        assertEquals(List.of(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE),
                m.datas().stream().map(d -> d.mode()).toList());
        assertEquals(1, m.datas().get(2).memoryIndex());
        assertEquals(new ConstExpr.Instruction(0x42, 8, null), m.datas().get(2).offset().instructions().get(0));
        assertArrayEquals(bytes(2, 3), m.datas().get(1).bytes());
        assertMalformed("malformed data segment kind", module(section(DATA, vec(bytes(0x03, 0x00)))));
    }

    @Test
    void sectionCountsMustAgree() {
        assertMalformed("function and code section have inconsistent lengths", module(TYPES, ONE_FUNCTION));
        assertMalformed("function and code section have inconsistent lengths", module(TYPES, ONE_EMPTY_BODY));
        assertMalformed("data count and data section have inconsistent lengths", module(section(DATA_COUNT, u32(1))));
        assertMalformed("data count and data section have inconsistent lengths",
                module(section(DATA_COUNT, u32(0)), section(DATA, vec(concat(u32(1), vec())))));
        assertEquals(-1, ModuleDecoder.decode(module(section(DATA, vec(concat(u32(1), vec()))))).dataCount());
    }

    private static byte[] withBody(byte[] body) {
        return module(TYPES, ONE_FUNCTION, section(CODE, vec(concat(u32(body.length), body))));
    }

    @Test
    void functionBodiesExpandTheirLocalsAndEndWithEnd() {
        FunctionBody body = ModuleDecoder.decode(withBody(bytes(0x02, 0x02, 0x7F, 0x01, 0x70, 0x01, 0x0B))).codes().get(0);
        assertArrayEquals(new ValType[]{ValType.I32, ValType.I32, ValType.FUNCREF}, body.locals());
        assertEquals(body.codeEnd() - 2, body.codeStart());

        assertMalformed("END opcode expected", withBody(bytes(0x00, 0x01)));
        assertMalformed("END opcode expected", withBody(bytes(0x01, 0x01, 0x7F)));
        assertMalformed("unexpected end", withBody(bytes()));
    }

    @Test
    void instructionsMustBeWellFormed() {
        // block, try with catch and delegate, loop, if/else: every block closed, then the final end
        ModuleDecoder.decode(withBody(bytes(0x00, 0x02, 0x40, 0x06, 0x40, 0x07, 0x00, 0x0B,
                0x06, 0x40, 0x18, 0x00, 0x03, 0x7F, 0x41, 0x01, 0x0B, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x0B)));
        // a block left open: the last end is the block's, not the function's
        assertMalformed("unexpected end", withBody(bytes(0x00, 0x02, 0x40, 0x0B)));
        assertMalformed("section size mismatch", withBody(bytes(0x00, 0x0B, 0x01, 0x0B)));
        assertMalformed("illegal opcode", withBody(bytes(0x00, 0xFE, 0x00, 0x0B)));
        assertMalformed("illegal opcode", withBody(bytes(0x00, 0xFC, 0x92, 0x80, 0x80, 0x80, 0x00, 0x0B)));
        assertMalformed("integer representation too long",
                withBody(bytes(0x00, 0xFC, 0x87, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B)));
        assertMalformed("integer too large", withBody(bytes(0x00, 0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x1A, 0x0B)));
        assertMalformed("malformed value type", withBody(bytes(0x00, 0x1C, 0x01, 0x40, 0x0B)));
    }

    @Test
    void dataInstructionsNeedTheDataCountSectionWhenTheirSegmentExists() {
        byte[] dropData0 = section(CODE, vec(bytes(0x05, 0x00, 0xFC, 0x09, 0x00, 0x0B)));
        byte[] onePassiveSegment = section(DATA, vec(concat(u32(1), vec())));
        assertMalformed("data count section required", module(TYPES, ONE_FUNCTION, dropData0, onePassiveSegment));
        ModuleDecoder.decode(module(TYPES, ONE_FUNCTION, section(DATA_COUNT, u32(1)), dropData0, onePassiveSegment));
        // naming a segment that does not exist is for validation to report
        ModuleDecoder.decode(module(TYPES, ONE_FUNCTION, dropData0));
    }

    private static byte[] loadWithOffset(int memoryFlags, int... offset) {
        byte[] body = concat(bytes(0x00, 0x41, 0x00, 0x28, 0x02), bytes(offset), bytes(0x1A, 0x0B));
        return module(TYPES, ONE_FUNCTION, section(MEMORY, vec(bytes(memoryFlags, 0x00))),
                section(CODE, vec(concat(u32(body.length), body))));
    }

    @Test
    void memoryOffsetsAreU32OrU64ByTheMemorysIndexType() {
        int[] offset2To32 = {0x80, 0x80, 0x80, 0x80, 0x10};
        assertMalformed("integer too large", loadWithOffset(0x00, offset2To32));
        ModuleDecoder.decode(loadWithOffset(0x04, offset2To32));
        assertMalformed("integer representation too long", loadWithOffset(0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    }

    @Test
    void localCountsAreBounded() {
        byte[] maxRun = concat(u32(0xFFFF_FFFFL), bytes(0x7F));
        assertMalformed("too many locals", withBody(concat(bytes(0x02), maxRun, maxRun, bytes(0x0B))));
        assertMalformed("too many locals", withBody(concat(bytes(0x01), u32(ModuleDecoder.MAX_LOCALS + 1), bytes(0x7F, 0x0B))));
        assertEquals(ModuleDecoder.MAX_LOCALS, ModuleDecoder.decode(
                withBody(concat(bytes(0x01), u32(ModuleDecoder.MAX_LOCALS), bytes(0x7E, 0x0B)))).codes().get(0).locals().length);
    }

    private static List<ConstExpr.Instruction> globalInit(int... expression) {
        return ModuleDecoder.decode(module(section(GLOBAL, vec(concat(bytes(0x7F, 0x00), bytes(expression))))))
                .globals().get(0).init().instructions();
    }

    @Test
    void constantExpressionsKeepTheirImmediates() {
        assertEquals(List.of(new ConstExpr.Instruction(0x41, -1, null)), globalInit(0x41, 0x7F, 0x0B));
        assertEquals(List.of(new ConstExpr.Instruction(0x42, Long.MIN_VALUE, null)),
                globalInit(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x0B));
        assertEquals(List.of(new ConstExpr.Instruction(0x43, 0x7FC00001L, null)), globalInit(0x43, 0x01, 0x00, 0xC0, 0x7F, 0x0B));
        assertEquals(List.of(new ConstExpr.Instruction(0x44, 0xFFF0000000000001L, null)),
                globalInit(0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0xFF, 0x0B));
        assertEquals(List.of(new ConstExpr.Instruction(0x23, 3, null), new ConstExpr.Instruction(0x42, 2, null),
                        new ConstExpr.Instruction(0x7E, 0, null)),
                globalInit(0x23, 0x03, 0x42, 0x02, 0x7E, 0x0B));
        assertEquals(List.of(new ConstExpr.Instruction(0xD0, 0, ValType.FUNCREF)), globalInit(0xD0, 0x70, 0x0B));
    }

    @Test
    void nonConstantInstructionsAreRecordedForValidation() {
        // local.get 7; nop; memory.grow 0 (prefix-free); i32.load offset=4; memory.fill 0
        List<ConstExpr.Instruction> recorded = globalInit(0x20, 0x07, 0x01, 0x40, 0x00, 0x28, 0x02, 0x04, 0xFC, 0x0B, 0x00, 0x0B);
        assertEquals(List.of(0x20, 0x01, 0x40, 0x28, 0xFC0B), recorded.stream().map(ConstExpr.Instruction::opcode).toList());
        assertEquals(7, recorded.get(0).immediate());
        assertEquals(4, recorded.get(3).immediate());
        // a block's own end does not end the expression
        List<ConstExpr.Instruction> block = globalInit(0x02, 0x7F, 0x41, 0x00, 0x0B, 0x0B);
        assertEquals(List.of(0x02, 0x41, 0x0B), block.stream().map(ConstExpr.Instruction::opcode).toList());
    }

    @Test
    void undecodableConstantExpressionsAreMalformed() {
        assertMalformed("illegal opcode", module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0xFF, 0x0B)))));
        assertMalformed("illegal opcode", module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0xFC, 0x12, 0x0B)))));
        assertMalformed("illegal opcode", module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0xFD, 0x9A, 0x01, 0x0B)))));
        assertMalformed("malformed reference type", module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0xD0, 0x7F, 0x0B)))));
        assertMalformed("integer representation too long",
                module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B)))));
        assertMalformed("unexpected end", module(section(GLOBAL, vec(bytes(0x7F, 0x00, 0x41, 0x00)))));
    }

    private static Names namesOf(byte[]... subsections) {
        return ModuleDecoder.decode(module(section(0, name("name"), concat(subsections)))).names();
    }

    @Test
    void nameSectionGivesModuleFunctionAndLocalNames() {
        Names names = namesOf(section(0, name("m")),
                section(1, vec(concat(u32(0), name("f0")), concat(u32(2), name("f2")))),
                section(3, bytes(1, 2, 3)),
                section(2, vec(concat(u32(2), vec(concat(u32(0), name("a")), concat(u32(1), name("b")))))));
        assertEquals("m", names.moduleName());
        assertEquals(Map.of(0, "f0", 2, "f2"), names.functionNames());
        assertEquals(Map.of(2, Map.of(0, "a", 1, "b")), names.localNames());
    }

    @Test
    void malformedNameSectionIsIgnored() {
        assertEquals(Names.NONE, namesOf(section(1, vec(concat(u32(0), bytes(0x01, 0xFF))))));
        assertEquals(Names.NONE, namesOf(section(0, name("m"), bytes(0x00))));
        assertEquals(Names.NONE, namesOf(bytes(0x01, 0x10, 0x00)));
        WasmModule m = ModuleDecoder.decode(module(section(0, name("name"), bytes(0x00, 0x05))));
        assertEquals(1, m.customSections().size());
        assertArrayEquals(bytes(0x00, 0x05), m.customSections().get(0).data());
    }

    @Test
    void customSectionNamesMustBeUtf8AndFitTheSection() {
        assertMalformed("malformed UTF-8 encoding", module(section(0, bytes(0x02, 0xC0, 0x80))));
        assertMalformed("length out of bounds", module(section(0, bytes(0x05, 'a'))));
        assertMalformed("unexpected end", module(section(0)));
    }

    /** Random damage to a valid module must end in a MalformedModuleException or a decoded module. */
    @Test
    void damagedModulesNeverEscapeAsOtherExceptions() {
        byte[] valid = module(EVERY_SECTION.toArray(byte[][]::new));
        Random random = new Random(42);
        List<String> escaped = new ArrayList<>();
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] damaged = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[HEADER.length + random.nextInt(damaged.length - HEADER.length)] = (byte) random.nextInt(256);
            }
            try {
                ModuleDecoder.decode(damaged);
            } catch (MalformedModuleException expected) {
                // the decoder's one way of refusing bytes
            } catch (RuntimeException e) {
                escaped.add(e.toString());
            }
        }
        assertTrue(escaped.isEmpty(), () -> escaped.size() + " escaped, e.g. " + escaped.get(0));
    }
}
