package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.CallResult;
import dev.beamr.ImportResult;
import dev.beamr.InstanceOptions;
import dev.beamr.LinkException;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memories, tables and globals a module imports, supplied through the instance options (api-imports.wat). */
class SuppliedImportsTest {
    private static final BeamrModule MODULE = Beamr.compile(TestFiles.module("api-imports"));

    /** Every import but the function, with the declared memory and table types. */
    private static InstanceOptions.Builder declaredTypes() {
        return InstanceOptions.builder()
                .importMemory("env", "memory")
                .importTable("env", "table")
                .importGlobal("env", "base", 1)
                .importGlobal("env", "counter", 40L)
                .importGlobal("env", "scale", 2.5);
    }

    private static String linkFailure(InstanceOptions.Builder options) {
        return assertThrows(LinkException.class, () -> MODULE.start(options.build())).getMessage();
    }

    @Test
    void unsuppliedMemoryFailsToLinkNamingTheImportAndTheRemedy() {
        String message = linkFailure(InstanceOptions.builder());
        assertTrue(message.contains("env.memory") && message.contains("importMemory"), message);
    }

    @Test
    void suppliedDefinitionsOfTheDeclaredTypesAreWhatTheModuleSees() {
        try (WasmInstance instance = MODULE.start(declaredTypes().build())) {
            assertEquals(List.of((int) 'h'), instance.call("first_byte", List.of()), "data placed at the imported base");
            assertEquals("hi", new String(instance.memory().read(1, 2), StandardCharsets.UTF_8));
            assertEquals(List.of(1), instance.call("pages", List.of()));
            assertEquals(List.of(1), instance.call("grow", List.of(3)));
            assertEquals(List.of(-1), instance.call("grow", List.of(1)), "the declared maximum of 4 pages holds");
            assertEquals(List.of(2), instance.call("table_size", List.of()));
            assertEquals(List.of(7), instance.call("call_slot", List.of(1)), "element placed at the imported base");
            assertEquals(List.of(41L), instance.call("count", List.of()));
            assertEquals(List.of(42L), instance.call("count", List.of()));
            assertEquals(List.of(5.0), instance.call("scaled", List.of(2.0)));
        }
    }

    @Test
    void functionImportsStillGoToTheHandlerBesideSuppliedDefinitions() {
        try (WasmInstance instance = MODULE.start(declaredTypes().build())) {
            CallResult<String> result = instance.call("report", List.of(),
                    (state, call, options) -> new ImportResult<>(List.of(), state + call.field() + call.arguments()), "", Map.of());
            assertEquals("log[1]", result.state());
        }
    }

    @Test
    void explicitLimitsWithinTheDeclaredOnesSizeTheNewMemoryAndTable() {
        InstanceOptions options = declaredTypes().importMemory("env", "memory", 2, 3).importTable("env", "table", 4, 8).build();
        try (WasmInstance instance = MODULE.start(options)) {
            assertEquals(List.of(2), instance.call("pages", List.of()));
            assertEquals(2 * 65536L, instance.memory().size());
            assertEquals(List.of(2), instance.call("grow", List.of(1)));
            assertEquals(List.of(-1), instance.call("grow", List.of(1)), "the supplied maximum of 3 pages holds");
            assertEquals(List.of(4), instance.call("table_size", List.of()));
        }
    }

    @Test
    void limitsBeyondTheDeclaredOnesFailToLink() {
        String memory = linkFailure(declaredTypes().importMemory("env", "memory", 1, 10));
        assertTrue(memory.contains("\"memory\"") && memory.contains("max 10"), memory);
        String table = linkFailure(declaredTypes().importTable("env", "table", 1, 8));
        assertTrue(table.contains("\"table\"") && table.contains("min 1"), table);
    }

    @Test
    void theInstancesPageCapAppliesToSuppliedMemories() {
        try (WasmInstance instance = MODULE.start(declaredTypes().maxMemoryPages(2).build())) {
            assertEquals(List.of(1), instance.call("grow", List.of(1)));
            assertEquals(List.of(-1), instance.call("grow", List.of(1)));
        }
    }

    @Test
    void aDefinitionOfTheWrongKindFailsToLink() {
        String message = linkFailure(declaredTypes().importMemory("env", "base"));
        assertTrue(message.contains("env.base is a global but was supplied as a memory"), message);
    }

    @Test
    void aGlobalValueThatDoesNotFitTheTypeFailsToLink() {
        String fraction = linkFailure(declaredTypes().importGlobal("env", "base", 1.5));
        assertTrue(fraction.contains("env.base") && fraction.contains("i32"), fraction);
        String tooLarge = linkFailure(declaredTypes().importGlobal("env", "base", 1L << 40));
        assertTrue(tooLarge.contains("does not fit"), tooLarge);
    }

    @Test
    void everyInstanceGetsDefinitionsOfItsOwn() {
        InstanceOptions options = declaredTypes().build();
        try (WasmInstance first = MODULE.start(options); WasmInstance second = MODULE.start(options)) {
            first.call("count", List.of());
            first.memory().write(0, new byte[] {9});
            assertEquals(List.of(41L), second.call("count", List.of()));
            assertArrayEquals(new byte[] {0}, second.memory().read(0, 1));
        }
    }

    @Test
    void inconsistentLimitsAreRejectedWhenGiven() {
        InstanceOptions.Builder builder = InstanceOptions.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.importMemory("env", "memory", 3, 2));
        assertThrows(IllegalArgumentException.class, () -> builder.importTable("env", "table", -1, 2));
        assertThrows(NullPointerException.class, () -> builder.importGlobal("env", "base", null));
    }
}
