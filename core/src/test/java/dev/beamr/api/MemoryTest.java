package dev.beamr.api;

import dev.beamr.Allocation;
import dev.beamr.AllocationException;
import dev.beamr.Beamr;
import dev.beamr.FunctionNotFoundException;
import dev.beamr.InstanceOptions;
import dev.beamr.InvalidArgumentsException;
import dev.beamr.LinearMemory;
import dev.beamr.MemoryAccessException;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory I/O: BEAMR's size, read/write, string and malloc/free tests, on 32- and 64-bit memories, plus allocations. */
class MemoryTest {
    private static final long PAGE = 65536;

    private final List<WasmInstance> started = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        started.forEach(WasmInstance::stop);
    }

    /** One-page modules with "Hello, World!" at offset 66. */
    static Stream<TestModules.Source> helloModules() {
        return Stream.of(TestModules.own("api-memory"), TestModules.own("api-calls"), TestModules.hyperbeam("test-print.wasm"));
    }

    /** Modules whose memory 0 has "Hello, World!" at 66 and that export malloc, 32- and 64-bit. */
    static Stream<TestModules.Source> allocatingModules() {
        return Stream.of(TestModules.own("api-memory"), TestModules.own("api-memory64"));
    }

    /** Modules exporting malloc, including BEAMR's memory64 fixture. */
    static Stream<TestModules.Source> mallocModules() {
        return Stream.concat(allocatingModules(), Stream.of(TestModules.hyperbeam("test-calling.wasm")));
    }

    private WasmInstance start(TestModules.Source source) {
        return start(source, InstanceOptions.defaults());
    }

    private WasmInstance start(TestModules.Source source, InstanceOptions options) {
        WasmInstance instance = Beamr.compile(source.bytes()).start(options);
        started.add(instance);
        return instance;
    }

    private LinearMemory memory(String module) {
        return start(TestModules.own(module)).memory();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- size ----

    @ParameterizedTest
    @MethodSource("helloModules")
    void onePageIs65536Bytes(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        assertEquals(PAGE, memory.size());
        assertEquals(1, memory.pages());
    }

    @Test
    void aos2PureXsHas192PagesOr193WithTheWamrHostHeap() {
        TestModules.Source aos = TestModules.hyperbeam("aos-2-pure-xs.wasm");
        assertEquals(192 * PAGE, start(aos).memory().size());
        assertEquals(193 * PAGE, start(aos, InstanceOptions.builder().wamrHostHeap(true).build()).memory().size());
    }

    @Test
    void theWamrHostHeapIsAddedOnlyWhenMallocAndFreeAreNotBothExported() {
        InstanceOptions wamr = InstanceOptions.builder().wamrHostHeap(true).build();
        assertEquals(2 * PAGE, start(TestModules.own("api-calls"), wamr).memory().size());
        assertEquals(3 * PAGE, start(TestModules.own("api-memory64"), wamr).memory().size());
        assertEquals(PAGE, start(TestModules.own("api-memory"), wamr).memory().size());
    }

    @Test
    void withoutMallocTheWamrHostHeapServesAllocations() {
        LinearMemory memory = start(TestModules.own("api-calls"), InstanceOptions.builder().wamrHostHeap(true).build()).memory();
        long first = memory.malloc(100);
        long second = memory.malloc(100);
        assertTrue(first >= PAGE && second >= PAGE, "host heap blocks lie in the appended page");
        assertNotEquals(first, second);
        memory.write(first, "kept".getBytes());
        memory.free(second);
        assertEquals(second, memory.malloc(50), "a freed block is reused");
        assertEquals("kept", text(memory.read(first, 4)));
        assertThrows(AllocationException.class, () -> memory.malloc(PAGE));
        long text = memory.writeString("through the host heap");
        assertEquals("through the host heap", memory.readString(text));
        memory.free(text);
        assertThrows(MemoryAccessException.class, () -> memory.free(text), "a block cannot be freed twice");
    }

    @Test
    void withoutMallocOrHostHeapMallocIsFunctionNotFound() {
        assertThrows(FunctionNotFoundException.class, () -> memory("api-calls").malloc(8));
    }

    // ---- read / write ----

    @ParameterizedTest
    @MethodSource("helloModules")
    void readsHelloWorldAtOffset66(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        assertEquals("Hello, World!", text(memory.read(66, 13)));
        assertEquals("Hello", text(memory.read(66, 5)), "a partial read");
        assertEquals("H", text(memory.read(66, 1)), "a single byte");
        assertArrayEquals(new byte[0], memory.read(66, 0), "a zero-length read");
    }

    @Test
    void readsHelloWorldFromA64BitMemory() {
        LinearMemory memory = memory("api-memory64");
        assertTrue(memory.is64());
        assertEquals("Hello, World!", text(memory.read(66, 13)));
    }

    @ParameterizedTest
    @MethodSource("allocatingModules")
    void readsAndWritesAtTheBoundaries(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        long end = memory.size();
        memory.write(end - 1, new byte[]{42});
        assertArrayEquals(new byte[]{42}, memory.read(end - 1, 1));
        memory.write(0, new byte[]{7});
        assertArrayEquals(new byte[]{7}, memory.read(0, 1));
        assertArrayEquals(new byte[0], memory.read(end, 0), "an empty read at the very end is in bounds");
    }

    @ParameterizedTest
    @MethodSource("allocatingModules")
    void outOfBoundsAccessFailsWithoutTouchingMemory(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        long end = memory.size();
        assertThrows(MemoryAccessException.class, () -> memory.read(end, 1));
        assertThrows(MemoryAccessException.class, () -> memory.read(end - 5, 10));
        assertThrows(MemoryAccessException.class, () -> memory.read(-1, 1));
        assertThrows(MemoryAccessException.class, () -> memory.read(0, -1));
        assertThrows(MemoryAccessException.class, () -> memory.read(Long.MAX_VALUE, 1));
        assertThrows(MemoryAccessException.class, () -> memory.write(end - 5, new byte[10]));
        assertArrayEquals(new byte[5], memory.read(end - 5, 5), "a refused write leaves memory as it was");
        assertThrows(InvalidArgumentsException.class, () -> memory.write(0, null));
    }

    @Test
    void aWriteOverwritesWhatWasThere() {
        LinearMemory memory = memory("api-memory");
        memory.write(66, "Howdy".getBytes());
        assertEquals("Howdy, World!", text(memory.read(66, 13)));
    }

    @Test
    void tenThousandBytesRoundTrip() {
        LinearMemory memory = memory("api-memory");
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        memory.write(2000, data);
        assertArrayEquals(data, memory.read(2000, data.length));
    }

    @Test
    void anEmptyWriteChangesNothing() {
        LinearMemory memory = memory("api-memory");
        memory.write(66, new byte[0]);
        assertEquals("Hello, World!", text(memory.read(66, 13)));
    }

    // ---- strings ----

    @ParameterizedTest
    @MethodSource("allocatingModules")
    void stringsRoundTrip(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        for (String text : List.of("Hello", "with some spaces in it", "", "x", "héllo wörld, 世界 🌍", "long ".repeat(5000))) {
            assertEquals(text, memory.readString(memory.writeString(text)));
        }
    }

    @Test
    void writtenStringsAreNulTerminated() {
        LinearMemory memory = memory("api-memory");
        long pointer = memory.writeString("abc");
        assertArrayEquals(new byte[]{'a', 'b', 'c', 0}, memory.read(pointer, 4));
        long bytes = memory.writeString(new byte[]{'x', 'y'});
        assertArrayEquals(new byte[]{'x', 'y', 0}, memory.read(bytes, 3));
    }

    @Test
    void severalPartsAreWrittenAsOneString() {
        LinearMemory memory = memory("api-memory");
        long pointer = memory.writeString(List.of("Hello", ", ", "World".getBytes(StandardCharsets.UTF_8), new StringBuilder("!")));
        assertEquals("Hello, World!", memory.readString(pointer));
        assertThrows(InvalidArgumentsException.class, () -> memory.writeString(List.of("ok", 42)));
    }

    @Test
    void eachWrittenStringGetsItsOwnPointer() {
        LinearMemory memory = memory("api-memory");
        Set<Long> pointers = new HashSet<>();
        for (int i = 0; i < 50; i++) pointers.add(memory.writeString("string " + i));
        assertEquals(50, pointers.size());
        int i = 0;
        for (long pointer : pointers.stream().sorted().toList()) {
            assertEquals("string " + i++, memory.readString(pointer));
        }
    }

    @Test
    void readStringStopsAtTheEndOfMemoryWithoutANul() {
        LinearMemory memory = memory("api-memory");
        long end = memory.size();
        memory.write(end - 3, new byte[]{'a', 'b', 'c'});
        assertThrows(MemoryAccessException.class, () -> memory.readString(end - 3));
        assertThrows(MemoryAccessException.class, () -> memory.readString(end + 1));
        assertEquals("Hello, World!", memory.readString(66));
    }

    // ---- malloc / free ----

    @ParameterizedTest
    @MethodSource("mallocModules")
    void mallocReturnsDistinctUsableNonZeroPointers(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        Set<Long> pointers = new HashSet<>();
        for (long size : new long[]{1, 8, 100, 10_000}) {
            long pointer = memory.malloc(size);
            assertNotEquals(0, pointer);
            assertTrue(pointers.add(pointer));
            byte[] data = new byte[(int) size];
            Arrays.fill(data, (byte) size);
            memory.write(pointer, data);
            assertArrayEquals(data, memory.read(pointer, data.length));
        }
    }

    @ParameterizedTest
    @MethodSource("allocatingModules")
    void mallocOf128MiBFailsCleanly(TestModules.Source source) {
        WasmInstance instance = start(source);
        assertThrows(AllocationException.class, () -> instance.memory().malloc(128L << 20));
        assertNotEquals(0, instance.memory().malloc(16), "the instance stays usable");
    }

    @Test
    void mallocRejectsNegativeSizes() {
        assertThrows(InvalidArgumentsException.class, () -> memory("api-memory").malloc(-1));
    }

    @Test
    void freedMemoryIsReused() {
        LinearMemory memory = memory("api-memory");
        long pointer = memory.malloc(64);
        memory.free(pointer);
        assertEquals(pointer, memory.malloc(64));
    }

    @ParameterizedTest
    @MethodSource("withoutFree")
    void freeFailsClearlyWhenTheModuleExportsNone(TestModules.Source source) {
        LinearMemory memory = start(source).memory();
        long pointer = memory.malloc(16);
        FunctionNotFoundException error = assertThrows(FunctionNotFoundException.class, () -> memory.free(pointer));
        assertTrue(error.getMessage().contains("free"), error.getMessage());
    }

    static Stream<TestModules.Source> withoutFree() {
        return Stream.of(TestModules.own("api-memory64"), TestModules.hyperbeam("test-calling.wasm"));
    }

    // ---- allocations, growth, output buffers ----

    @Test
    void closingAnAllocationZeroesAndFreesIt() {
        LinearMemory memory = memory("api-memory");
        long offset;
        try (Allocation allocation = memory.allocate(32)) {
            offset = allocation.offset();
            allocation.write(0, "secret".getBytes());
            assertEquals("secret", text(allocation.read(0, 6)));
            assertEquals("secret", text(memory.read(offset, 6)));
            assertThrows(MemoryAccessException.class, () -> allocation.write(30, new byte[3]));
        }
        assertArrayEquals(new byte[32], memory.read(offset, 32));
        assertEquals(offset, memory.malloc(32), "closing freed the block");
    }

    @Test
    void aClosedAllocationRefusesAccessAndClosesOnce() {
        LinearMemory memory = memory("api-memory64");
        Allocation allocation = memory.allocate(8);
        allocation.write(0, new byte[]{1, 2, 3});
        allocation.close();
        allocation.close();
        assertTrue(allocation.isClosed());
        assertThrows(MemoryAccessException.class, allocation::read);
        assertArrayEquals(new byte[8], memory.read(allocation.offset(), 8), "zeroed even though the module cannot free");
    }

    @Test
    void reservationsAndNextAvailableOffsetKeepHostRegionsApart() {
        LinearMemory memory = memory("api-calls");
        long first = memory.nextAvailableOffset(1000, 100).orElseThrow();
        assertEquals(1008, first, "aligned to 16 bytes");
        Allocation reserved = memory.reserve(first, 100);
        long second = memory.nextAvailableOffset(1000, 100).orElseThrow();
        assertEquals(1120, second);
        assertThrows(MemoryAccessException.class, () -> memory.reserve(first + 50, 10));
        Allocation next = memory.reserve(second, 100);
        reserved.close();
        assertEquals(1008, memory.nextAvailableOffset(1000, 100).orElseThrow(), "a closed reservation's room is free again");
        assertTrue(memory.nextAvailableOffset(PAGE - 10, 100).isEmpty());
        next.close();
    }

    @Test
    void memoryGrowsByPagesAndByBytes() {
        LinearMemory memory = memory("api-memory");
        assertEquals(1, memory.growPages(2));
        assertEquals(3 * PAGE, memory.size());
        assertEquals(3 * PAGE, memory.growBytes(PAGE + 1), "the new bytes start at the old end");
        assertEquals(5 * PAGE, memory.size());
        assertEquals(5 * PAGE, memory.growBytes(0));
        assertThrows(MemoryAccessException.class, () -> memory.growPages(2000), "beyond the module's maximum of 1024 pages");
        assertThrows(MemoryAccessException.class, () -> memory.growPages(-1));
    }

    @Test
    void theInstancePageLimitCapsGrowth() {
        WasmInstance instance = start(TestModules.own("api-memory"), InstanceOptions.builder().maxMemoryPages(3).build());
        instance.memory().growPages(2);
        assertThrows(MemoryAccessException.class, () -> instance.memory().growPages(1));
        assertThrows(AllocationException.class, () -> instance.memory().malloc(4 * PAGE), "malloc's own growth is capped too");
    }

    @ParameterizedTest
    @MethodSource("allocatingModules")
    void anOutputBufferIsReadFromPointerAndLengthResults(TestModules.Source source) {
        WasmInstance instance = start(source);
        assertEquals("Hello, World!", text(instance.memory().readOutput(instance.call("greeting", List.of()))));
        assertThrows(InvalidArgumentsException.class, () -> instance.memory().readOutput(List.of(66)));
        assertThrows(MemoryAccessException.class, () -> instance.memory().readOutput(List.of(66, 1 << 20)));
    }

    @Test
    void whatTheHostWritesTheModuleReads() {
        WasmInstance instance = start(TestModules.own("api-memory"));
        long pointer = instance.memory().writeString(new byte[]{1, 2, 3, 4});
        assertEquals(List.of(10), instance.call("checksum", List.of(pointer, 4)));
    }

    @Test
    void aModuleWithoutMemoryRefusesMemoryOperations() {
        LinearMemory memory = memory("api-fac");
        assertThrows(MemoryAccessException.class, memory::size);
        assertThrows(MemoryAccessException.class, () -> memory.read(0, 0));
    }
}
