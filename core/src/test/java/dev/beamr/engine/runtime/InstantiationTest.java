package dev.beamr.engine.runtime;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions, segments, start functions and host limits, on the modules in src/test/resources/wat. */
class InstantiationTest {
    private static final FuncType NO_ARGS = new FuncType(new ValType[0], new ValType[0]);

    private final Engine engine = new Engine();

    @Test
    void startFunctionRunsOnceDuringInstantiation() {
        List<Instance> callers = new ArrayList<>();
        HostFunctionInstance start = new HostFunctionInstance("env.start", NO_ARGS, (caller, args) -> {
            callers.add(caller);
            return null;
        });
        engine.instantiate(TestModules.compile("start-host"), resolver(Map.of("start", start)));
        assertEquals(1, callers.size());
        assertNull(callers.getFirst());
    }

    @Test
    void startFunctionEffectsAreVisibleAfterwards() {
        Instance instance = engine.instantiate(TestModules.compile("start-effect"), ImportResolver.NONE);
        assertEquals(7, (int) instance.exportedGlobal("ready").value());
    }

    @Test
    void trapInStartFunctionFailsInstantiationButKeepsItsWrites() {
        Memory memory = new Memory(new MemoryType(new Limits(1, -1), false, false));
        TrapException e = assertThrows(TrapException.class,
                () -> engine.instantiate(TestModules.compile("start-trap"), resolver(Map.of("memory", memory))));
        assertEquals(TrapKind.UNREACHABLE, e.kind());
        assertEquals(42, memory.read(0, 1)[0]);
    }

    @Test
    void exceptionEscapingTheStartFunctionIsATrap() {
        TrapException e = assertThrows(TrapException.class,
                () -> engine.instantiate(TestModules.compile("start-throw"), ImportResolver.NONE));
        assertEquals(TrapKind.UNCAUGHT_EXCEPTION, e.kind());
    }

    @Test
    void appliesActiveSegmentsAndKeepsOnlyPassiveOnes() {
        Instance instance = engine.instantiate(TestModules.compile("segments"), ImportResolver.NONE);
        Memory memory = instance.exportedMemory("memory");
        assertEquals("hello", ascii(memory.read(0, 5)));
        assertEquals("at", ascii(memory.read(65534, 2)));

        Table table = instance.exportedTable("table");
        FunctionInstance first = instance.exportedFunction("first");
        FunctionInstance second = instance.exportedFunction("second");
        assertNull(table.get(0));
        assertSame(first, table.get(1));
        assertSame(second, table.get(2));
        assertNull(table.get(3));

        Object[][] elements = instance.elementSegments();
        assertNull(elements[0], "active segments are dropped once applied");
        assertArrayEquals(new Object[] {second, first}, elements[1]);
        assertNull(elements[2], "declarative segments are dropped");
        assertNull(elements[3]);

        byte[][] datas = instance.dataSegments();
        assertNull(datas[0]);
        assertNull(datas[1]);
        assertEquals("passive", ascii(datas[2]));
    }

    @Test
    void dataSegmentOutOfBoundsTrapsAfterEarlierSegmentsWrote() {
        Table table = new Table(new TableType(ValType.FUNCREF, new Limits(2, -1)), null);
        Memory memory = new Memory(new MemoryType(new Limits(1, -1), false, false));
        TrapException e = assertThrows(TrapException.class, () -> engine.instantiate(
                TestModules.compile("segment-memory-trap"), resolver(Map.of("table", table, "memory", memory))));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.kind());
        assertTrue(e.getMessage().contains("data segment 1"), e.getMessage());
        assertTrue(table.get(0) instanceof WasmFunction, "the element segment was applied");
        assertEquals("ok", ascii(memory.read(0, 2)));
        assertEquals(0, memory.read(65535, 1)[0], "a failing segment writes nothing");
        assertEquals(0, memory.read(8, 1)[0], "later segments are not applied");
    }

    @Test
    void elementSegmentOutOfBoundsTrapsBeforeAnyDataSegment() {
        Table table = new Table(new TableType(ValType.FUNCREF, new Limits(2, -1)), null);
        Memory memory = new Memory(new MemoryType(new Limits(1, -1), false, false));
        TrapException e = assertThrows(TrapException.class, () -> engine.instantiate(
                TestModules.compile("segment-table-trap"), resolver(Map.of("table", table, "memory", memory))));
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, e.kind());
        assertTrue(e.getMessage().contains("element segment 1"), e.getMessage());
        assertNull(table.get(0));
        assertTrue(table.get(1) instanceof WasmFunction, "the first element segment was applied");
        assertEquals(0, memory.read(0, 1)[0]);
    }

    @Test
    void evaluatesGlobalInitializersIncludingExtendedConstants() {
        Global base = new Global(new GlobalType(ValType.I32, false), 100, null);
        Global wide = new Global(new GlobalType(ValType.I64, false), 7, null);
        Instance instance = engine.instantiate(TestModules.compile("globals"), resolver(Map.of("base", base, "wide", wide)));

        assertEquals(-5, (int) global(instance, "i32"));
        assertEquals(0x123456789abcL, global(instance, "i64"));
        assertEquals(1.5f, Float.intBitsToFloat((int) global(instance, "f32")));
        assertEquals(-2.25, Double.longBitsToDouble(global(instance, "f64")));
        assertEquals(100, (int) global(instance, "copy"));
        assertEquals(110, (int) global(instance, "sum"));
        assertEquals(-97, (int) global(instance, "difference"));
        assertEquals(100 * 1_000_000_000, (int) global(instance, "product"), "i32.mul wraps");
        assertEquals(39, global(instance, "wide"));
        assertNull(instance.exportedGlobal("null").ref());
        assertNull(instance.exportedGlobal("extern").ref());
        assertSame(instance.exportedFunction("target"), instance.exportedGlobal("func").ref());
        assertEquals('x', instance.exportedMemory("memory").read(101, 1)[0], "extended-const data offset");
    }

    @Test
    void memoryOverTheHostLimitFailsCleanly() {
        CompiledModule module = TestModules.compile("big-memory");
        TrapException e = assertThrows(TrapException.class,
                () -> new Engine(new InstanceLimits(10, 10)).instantiate(module, ImportResolver.NONE));
        assertTrue(e.getMessage().contains("11 pages exceeds the limit of 10"), e.getMessage());
        assertEquals(11, engine.instantiate(module, ImportResolver.NONE).exportedMemory("memory").pages());
    }

    @Test
    void tableOverTheHostLimitFailsCleanly() {
        CompiledModule module = TestModules.compile("big-table");
        TrapException e = assertThrows(TrapException.class,
                () -> new Engine(new InstanceLimits(10, 10)).instantiate(module, ImportResolver.NONE));
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, e.kind());
        assertEquals(11, engine.instantiate(module, ImportResolver.NONE).exportedTable("table").size());
    }

    @Test
    void unallocatableMemoryFailsCleanly() {
        CompiledModule module = TestModules.compile("huge-memory64");
        TrapException overLimit = assertThrows(TrapException.class, () -> engine.instantiate(module, ImportResolver.NONE));
        assertTrue(overLimit.getMessage().contains("exceeds the limit"), overLimit.getMessage());
        Engine unlimited = new Engine(new InstanceLimits(Long.MAX_VALUE, Table.DEFAULT_MAX_ELEMENTS));
        TrapException unallocatable = assertThrows(TrapException.class, () -> unlimited.instantiate(module, ImportResolver.NONE));
        assertTrue(unallocatable.getMessage().contains("cannot allocate"), unallocatable.getMessage());
    }

    private static long global(Instance instance, String name) {
        Global global = instance.exportedGlobal(name);
        assertNotNull(global);
        return global.value();
    }

    private static ImportResolver resolver(Map<String, Extern> env) {
        return (module, name) -> module.equals("env") ? env.get(name) : null;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
