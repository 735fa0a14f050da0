package dev.beamr.ao;

import dev.beamr.CallAbortedException;
import dev.beamr.SnapshotException;
import dev.beamr.TrapException;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AO message protocol on ao-echo.wat, which records what it is sent and answers a fixed result. */
class AoProtocolTest {
    @Test
    void sendsTheMessageAndEnvironmentInAosJsonShape() {
        try (AoProcess process = AoProcess.builder().processId("P1").owner("ME").moduleId("M1").deterministic(1)
                .processTag("Name", "tester").start(TestFiles.module("ao-echo"))) {
            process.send(AoMessage.builder().action("Ping").tag("Color", "blue").data("hello").build());
            assertEquals("{\"Id\":\"1\",\"Owner\":\"ME\",\"From\":\"ME\",\"Target\":\"P1\",\"Module\":\"M1\",\"Block-Height\":\"1\","
                    + "\"Timestamp\":\"1\",\"Tags\":[{\"name\":\"Action\",\"value\":\"Ping\"},{\"name\":\"Color\",\"value\":\"blue\"}],"
                    + "\"Data\":\"hello\"}", sent(process, 0));
            assertEquals("{\"Process\":{\"Id\":\"P1\",\"Owner\":\"ME\",\"Tags\":[{\"name\":\"Name\",\"value\":\"tester\"}]}}",
                    sent(process, 4));
        }
    }

    @Test
    void fieldsSetOnTheMessageWinOverTheProcessDefaults() {
        try (AoProcess process = AoProcess.builder().deterministic(1).start(TestFiles.module("ao-echo"))) {
            process.eval("first");
            process.send(AoMessage.builder().id("abc").from("SOMEONE").blockHeight(99).data("x").build());
            Object sent = Json.parse(sent(process, 0));
            assertEquals(Map.of("Id", "abc", "Owner", "OWNER", "From", "SOMEONE", "Target", "AOS", "Module", "MODULE",
                    "Block-Height", "99", "Timestamp", "2", "Tags", List.of(), "Data", "x"), sent);
            assertEquals(2, process.messagesHandled());
        }
    }

    @Test
    void evalTagsTheMessageWithTheEvalAction() {
        try (AoProcess process = AoProcess.builder().start(TestFiles.module("ao-echo"))) {
            process.eval("return 1+1");
            Map<?, ?> sent = (Map<?, ?>) Json.parse(sent(process, 0));
            assertEquals(List.of(Map.of("name", "Action", "value", "Eval")), sent.get("Tags"));
            assertEquals("return 1+1", sent.get("Data"));
        }
    }

    @Test
    void parsesTheAnswer() {
        try (AoProcess process = AoProcess.builder().start(TestFiles.module("ao-echo"))) {
            AoResult result = process.eval("anything");
            assertTrue(result.ok());
            assertEquals("pong", result.output());
            assertTrue(result.error().isEmpty());
            assertEquals(1, result.messages().size());
            Map<?, ?> message = (Map<?, ?>) result.messages().getFirst();
            assertEquals("X", message.get("Target"));
            assertTrue(message.containsKey("Data") && message.get("Data") == null, "JSON null is kept");
            assertEquals(List.of(), result.spawns());
            assertEquals(List.of(), result.assignments());
        }
    }

    @Test
    void readsOutputAndErrorsInEveryShapeAosUses() {
        assertEquals("sent pong reply", AoResult.parse("{\"ok\":true,\"response\":{\"Output\":\"sent pong reply\"}}").output());
        assertEquals("{\"n\":1}", AoResult.parse("{\"ok\":true,\"response\":{\"Output\":{\"data\":{\"n\":1}}}}").output());
        AoResult luaError = AoResult.parse("{\"ok\":true,\"response\":{\"Error\":\"boom\"}}");
        assertEquals("boom", luaError.error().orElseThrow());
        assertEquals("", luaError.output());
        AoResult failed = AoResult.parse("{\"ok\":false,\"error\":\"no memory\"}");
        assertFalse(failed.ok());
        assertEquals("no memory", failed.error().orElseThrow());
    }

    @Test
    void anAnswerThatIsNotAosJsonIsAProtocolError() {
        for (String bad : List.of("[]", "{\"response\":{}}", "{\"ok\":true,\"response\":3}", "not json")) {
            assertThrows(AoProtocolException.class, () -> AoResult.parse(bad), bad);
        }
    }

    @Test
    void aModuleWithoutHandleIsNotAnAoProcess() {
        AoProtocolException error = assertThrows(AoProtocolException.class,
                () -> AoProcess.builder().start(TestFiles.module("api-fac")));
        assertTrue(error.getMessage().contains("no handle"), error.getMessage());
    }

    @Test
    void restoresASnapshotIntoAFreshProcessOnly() {
        byte[] snapshot;
        try (AoProcess process = AoProcess.builder().deterministic(1).start(TestFiles.module("ao-echo"))) {
            process.eval("one");
            process.eval("two");
            snapshot = process.snapshot();
        }
        try (AoProcess restored = AoProcess.builder().deterministic(1).start(TestFiles.module("ao-echo"))) {
            restored.restore(snapshot);
            assertEquals(2, restored.messagesHandled());
            restored.eval("three");
            assertEquals("3", ((Map<?, ?>) Json.parse(sent(restored, 0))).get("Id"));
            assertThrows(SnapshotException.class, () -> restored.restore(snapshot));
        }
        try (AoProcess fresh = AoProcess.builder().start(TestFiles.module("ao-echo"))) {
            assertThrows(SnapshotException.class, () -> fresh.restore(new byte[3]));
        }
    }

    @Test
    void fuelIsOneAccountForTheWholeProcessAndRunningOutLeavesTheMessageUnhandled() {
        long perMessage;
        try (AoProcess metered = AoProcess.builder().fuel(1_000_000).start(TestFiles.module("ao-echo"))) {
            metered.eval("measure");
            perMessage = 1_000_000 - metered.instance().remainingFuel().orElseThrow();
        }
        assertTrue(perMessage > 0, "a message costs fuel: " + perMessage);
        try (AoProcess process = AoProcess.builder().fuel(perMessage).start(TestFiles.module("ao-echo"))) {
            assertEquals("pong", process.eval("first").output());
            CallAbortedException stopped = assertThrows(CallAbortedException.class, () -> process.eval("second"));
            assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, stopped.reason());
            assertEquals(1, process.messagesHandled());
            process.instance().addFuel(perMessage);
            assertEquals("pong", process.eval("third").output());
            assertEquals(2, process.messagesHandled());
        }
    }

    @Test
    void aMemoryCapBelowTheModulesMinimumStopsTheStart() {
        assertThrows(TrapException.class, () -> AoProcess.builder().maxMemoryPages(0).start(TestFiles.module("ao-echo")));
        try (AoProcess process = AoProcess.builder().maxMemoryPages(1).start(TestFiles.module("ao-echo"))) {
            assertEquals("pong", process.eval("fits").output());
        }
    }

    @Test
    void limitsAreCheckedWhenSet() {
        AoProcess.Builder builder = AoProcess.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.fuel(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.callTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.maxMemoryPages(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.maxCallDepth(0));
    }

    /** The JSON text the process was last given, at the pointer ao-echo.wat stored at {@code slot}. */
    private static String sent(AoProcess process, int slot) {
        WasmInstance instance = process.instance();
        int pointer = ByteBuffer.wrap(instance.memory().read(slot, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return instance.memory().readString(pointer);
    }
}
