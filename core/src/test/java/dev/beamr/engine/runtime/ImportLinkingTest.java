package dev.beamr.engine.runtime;

import dev.beamr.LinkException;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import resolution and type matching against link-imports.wat, which imports one of every kind. */
class ImportLinkingTest {
    private static final ValType[] NONE = {};
    private static final FuncType UNARY = new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});

    private final Engine engine = new Engine();
    private final CompiledModule module = TestModules.compile("link-imports");
    private final Map<String, Extern> provided = new HashMap<>();

    ImportLinkingTest() {
        provided.put("f", host(UNARY));
        provided.put("table", table(ValType.FUNCREF, 2, 10));
        provided.put("memory", memory(1, 2, false));
        provided.put("g", new Global(new GlobalType(ValType.I32, false), 0, null));
        provided.put("counter", new Global(new GlobalType(ValType.I64, true), 0, null));
        provided.put("tag", new Tag(new FuncType(new ValType[] {ValType.I32}, NONE)));
        provided.put("memory64", memory(1, -1, true));
    }

    @Test
    void bindsEveryImportToTheProvidedDefinition() {
        Instance instance = instantiate();
        assertSame(provided.get("f"), instance.functions()[0]);
        assertSame(provided.get("table"), instance.tables()[0]);
        assertSame(provided.get("memory"), instance.memories()[0]);
        assertSame(provided.get("memory64"), instance.memories()[1]);
        assertSame(provided.get("g"), instance.globals()[0]);
        assertSame(provided.get("counter"), instance.globals()[1]);
        assertSame(provided.get("tag"), instance.tags()[0]);
    }

    @Test
    void missingImportIsUnknown() {
        provided.remove("counter");
        assertLinkError("unknown import", "\"env\".\"counter\" (global)");
    }

    @Test
    void definitionOfAnotherKindIsIncompatible() {
        provided.put("f", provided.get("memory"));
        assertLinkError("incompatible import type", "expected function, got memory");
    }

    @Test
    void functionSignaturesMustBeEqual() {
        provided.put("f", host(new FuncType(new ValType[] {ValType.I64}, new ValType[] {ValType.I32})));
        assertLinkError("incompatible import type", "expected function (i32) -> (i32), got function (i64) -> (i32)");
    }

    @Test
    void tableMustBeAtLeastTheDeclaredMinimum() {
        provided.put("table", table(ValType.FUNCREF, 1, 10));
        assertLinkError("incompatible import type", "funcref table {min 1, max 10}");
    }

    @Test
    void tableMinimumIsCheckedAgainstItsCurrentSize() {
        Table grown = table(ValType.FUNCREF, 1, 10);
        grown.grow(1, null);
        provided.put("table", grown);
        assertSame(grown, instantiate().tables()[0]);
    }

    @Test
    void tableMaximumMustBeDeclaredAndWithinTheImportedOne() {
        provided.put("table", table(ValType.FUNCREF, 2, -1));
        assertLinkError("incompatible import type", "{min 2}");
        provided.put("table", table(ValType.FUNCREF, 2, 11));
        assertLinkError("incompatible import type", "{min 2, max 11}");
    }

    @Test
    void tableElementTypesMustMatch() {
        provided.put("table", table(ValType.EXTERNREF, 2, 10));
        assertLinkError("incompatible import type", "got externref table");
    }

    @Test
    void memoryMustBeAtLeastTheDeclaredMinimum() {
        provided.put("memory", memory(0, 2, false));
        assertLinkError("incompatible import type", "got i32 memory {min 0, max 2}");
    }

    @Test
    void memoryMinimumIsCheckedAgainstItsCurrentSize() {
        Memory grown = memory(0, 2, false);
        grown.grow(1);
        provided.put("memory", grown);
        assertSame(grown, instantiate().memories()[0]);
    }

    @Test
    void memoryMaximumMustBeDeclaredAndWithinTheImportedOne() {
        provided.put("memory", memory(1, -1, false));
        assertLinkError("incompatible import type", "got i32 memory {min 1}");
        provided.put("memory", memory(1, 3, false));
        assertLinkError("incompatible import type", "got i32 memory {min 1, max 3}");
    }

    @Test
    void memoryIndexTypesMustMatch() {
        provided.put("memory64", memory(1, -1, false));
        assertLinkError("incompatible import type", "expected i64 memory {min 1}, got i32 memory {min 1}");
        provided.put("memory64", provided.get("memory"));
        provided.put("memory", memory(1, 2, true));
        assertLinkError("incompatible import type", "got i64 memory");
    }

    @Test
    void globalTypesAndMutabilityMustMatch() {
        provided.put("g", new Global(new GlobalType(ValType.I64, false), 0, null));
        assertLinkError("incompatible import type", "expected immutable i32 global, got immutable i64 global");
        provided.put("g", new Global(new GlobalType(ValType.I32, true), 0, null));
        assertLinkError("incompatible import type", "expected immutable i32 global, got mutable i32 global");
        provided.put("g", new Global(new GlobalType(ValType.I32, false), 0, null));
        provided.put("counter", new Global(new GlobalType(ValType.I64, false), 0, null));
        assertLinkError("incompatible import type", "expected mutable i64 global, got immutable i64 global");
    }

    @Test
    void tagTypesMustMatch() {
        provided.put("tag", new Tag(new FuncType(new ValType[] {ValType.F32}, NONE)));
        assertLinkError("incompatible import type", "expected tag (i32) -> (), got tag (f32) -> ()");
    }

    private Instance instantiate() {
        return engine.instantiate(module, (moduleName, name) -> moduleName.equals("env") ? provided.get(name) : null);
    }

    private void assertLinkError(String prefix, String detail) {
        LinkException e = assertThrows(LinkException.class, this::instantiate);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    private static HostFunctionInstance host(FuncType type) {
        return new HostFunctionInstance("env.f", type, (caller, args) -> new long[type.resultCount()]);
    }

    private static Table table(ValType elementType, long min, long max) {
        return new Table(new TableType(elementType, new Limits(min, max)), null);
    }

    private static Memory memory(long min, long max, boolean is64) {
        return new Memory(new MemoryType(new Limits(min, max), is64, false));
    }
}
