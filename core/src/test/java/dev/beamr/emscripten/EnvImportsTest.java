package dev.beamr.emscripten;

import dev.beamr.Beamr;
import dev.beamr.ImportHandler;
import dev.beamr.InstanceOptions;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import dev.beamr.wasi.WasiPreview1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The defaults of emscripten's syscall, memory, time and process imports, on emscripten-env.wat. */
class EnvImportsTest {
    private static final long PAGE = 65536;
    private static final int TM = 2048;
    private static final int FORMAT = 1043;
    private static final int BUFFER = 3000;
    /** 2023-11-14 22:13:20 UTC, a Tuesday, day 318 of the year. */
    private static final long NOVEMBER_14_2023 = 1_700_000_000L;

    private final WasmInstance instance = start(InstanceOptions.defaults());

    @AfterEach
    void stop() {
        instance.stop();
    }

    @Test
    void syscallsFailAsIfThereWereNoFiles() {
        // Emscripten's errno numbering: ENOENT 44, EPERM 63, ENOTTY 59, ENOSYS 52.
        assertEquals(-44, callInt("openat"));
        assertEquals(-63, callInt("unlinkat"));
        assertEquals(-59, callInt("ioctl"));
        assertEquals(-52, callInt("dup3"));
    }

    @Test
    void systemReportsThatThereIsNoShell() {
        assertEquals(0, callInt("system", 0));
        assertEquals(-52, callInt("system", 1024));
    }

    @Test
    void resizeHeapGrowsMemoryWithinItsMaximum() {
        assertEquals(1, callInt("resize_heap", (int) (3 * PAGE - 100)));
        assertEquals(3 * PAGE, instance.memory().size());
        assertEquals(1, callInt("resize_heap", (int) PAGE), "already large enough");
        assertEquals(0, callInt("resize_heap", (int) (5 * PAGE)), "beyond the declared maximum of 4 pages");
        assertEquals(3 * PAGE, instance.memory().size());
    }

    @Test
    void memcpyCopiesWithinMemoryAndTrapsOutsideIt() {
        instance.memory().write(100, new byte[] {1, 2, 3, 4});
        instance.call("memcpy", List.of(200, 100, 4));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, instance.memory().read(200, 4));
        TrapException trap = assertThrows(TrapException.class, () -> instance.call("memcpy", List.of(200, (int) PAGE - 2, 4)));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
    }

    @Test
    void gmtimeFillsAStructTm() {
        instance.call("gmtime", List.of(NOVEMBER_14_2023, TM));
        assertArrayEquals(new int[] {20, 13, 22, 14, 10, 123, 2, 317, 0}, tmFields());
    }

    @Test
    void mktimeNormalizesTheStructAndReturnsSecondsSinceTheEpoch() {
        ByteBuffer tm = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        for (int field : new int[] {0, 0, 0, 32, 0, 123, 0, 0, 0}) tm.putInt(field);
        instance.memory().write(TM, tm.array());
        assertEquals(List.of(1_675_209_600L), instance.call("mktime", List.of(TM)), "January 32nd is February 1st, 2023");
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 123, 3, 31, 0}, tmFields());
    }

    @Test
    void strftimeFormatsInTheCLocaleAndFailsWhenTheBufferIsTooSmall() {
        instance.call("gmtime", List.of(NOVEMBER_14_2023, TM));
        String expected = "2023-11-14 22:13:20 Tue 318";
        assertEquals(expected.length(), callInt("strftime", BUFFER, 64, FORMAT, TM));
        assertEquals(expected, instance.memory().readString(BUFFER));
        assertEquals(0, callInt("strftime", BUFFER, 10, FORMAT, TM));
    }

    @Test
    void tzsetDescribesUtc() {
        instance.memory().write(TM, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        instance.call("tzset", List.of(TM, TM + 4, BUFFER, BUFFER + 32));
        assertArrayEquals(new byte[8], instance.memory().read(TM, 8));
        assertEquals("UTC", instance.memory().readString(BUFFER));
        assertEquals("UTC", instance.memory().readString(BUFFER + 32));
    }

    @Test
    void dateNowReadsTheConfiguredClock() {
        double before = System.currentTimeMillis();
        double now = (Double) instance.call("date_now", List.of()).getFirst();
        assertTrue(now >= before && now <= System.currentTimeMillis(), "host clock: " + now);
        try (WasmInstance fixed = start(InstanceOptions.builder().emscripten(Emscripten.fixedClock(1234)).build())) {
            assertEquals(List.of(1234.0), fixed.call("date_now", List.of()));
        }
    }

    @Test
    void exitEndsTheCallWithTheExitCode() {
        assertEquals(List.of(), instance.call("exit", List.of(3)));
        assertEquals(OptionalInt.of(3), instance.lastExitCode());
    }

    @Test
    void abortAndFailedAssertionsTrapWithAMessage() {
        TrapException abort = assertThrows(TrapException.class, () -> instance.call("abort", List.of()));
        assertEquals(TrapKind.HOST_ERROR, abort.kind());
        assertTrue(abort.getMessage().contains("abort()"), abort.getMessage());
        TrapException assertion = assertThrows(TrapException.class, () -> instance.call("assert_fail", List.of()));
        assertTrue(assertion.getMessage().contains("assertion failed: x > 0 at main.c:42 in check"), assertion.getMessage());
    }

    @Test
    void importsOutsideEmscriptensRuntimeStillGoToTheHandler() {
        assertEquals(0, callInt("custom"), "answered by the stub handler");
    }

    @Test
    void cxxExceptionsOfTheGlueAreThrownAndCaught() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        InstanceOptions options = InstanceOptions.builder().wasi(WasiPreview1.builder().stdout(stdout).build()).build();
        try (WasmInstance program = Beamr.compile(TestFiles.readHyperbeamFixture("test-ex.wasm")).start(options)) {
            assertEquals(OptionalInt.of(0), program.call("_start", List.of(), ImportHandler.stub(), null, Map.of()).exitCode());
        }
        assertEquals("enter main\nenter try\ncatching runtime_error\nexit main\n", stdout.toString(StandardCharsets.UTF_8));
    }

    private static WasmInstance start(InstanceOptions options) {
        return Beamr.compile(TestFiles.module("emscripten-env")).start(options);
    }

    private int callInt(String function, Object... args) {
        List<Number> arguments = java.util.Arrays.stream(args).map(Number.class::cast).toList();
        return (Integer) instance.call(function, arguments).getFirst();
    }

    private int[] tmFields() {
        ByteBuffer tm = ByteBuffer.wrap(instance.memory().read(TM, 36)).order(ByteOrder.LITTLE_ENDIAN);
        int[] fields = new int[9];
        for (int i = 0; i < fields.length; i++) fields[i] = tm.getInt();
        return fields;
    }
}
