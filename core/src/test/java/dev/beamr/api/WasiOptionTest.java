package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.CallResult;
import dev.beamr.ImportHandler;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import dev.beamr.wasi.WasiPreview1;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WASI preview1 bound to an instance through its options. */
class WasiOptionTest {
    private static WasmInstance startWithWasi(byte[] module, ByteArrayOutputStream stdout) {
        InstanceOptions options = InstanceOptions.builder().wasi(WasiPreview1.builder().stdout(stdout).build()).build();
        return Beamr.compile(module).start(options);
    }

    @Test
    void wasiImportsWriteToTheProvidersStdout() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (WasmInstance instance = startWithWasi(TestFiles.module("api-wasi"), stdout)) {
            assertEquals(List.of(0), instance.call("greet", List.of()));
            assertEquals("Hi from WASI\n", stdout.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void procExitEndsTheCallWithTheExitCode() {
        try (WasmInstance instance = startWithWasi(TestFiles.module("api-wasi"), new ByteArrayOutputStream())) {
            CallResult<String> exited = instance.call("quit", List.of(7), ImportHandler.stub(), "state", Map.of());
            assertEquals(new CallResult<>(List.of(), "state", OptionalInt.of(7)), exited);
            assertEquals(OptionalInt.of(7), instance.lastExitCode());
            assertEquals(List.of(0), instance.call("greet", List.of()), "the instance stays usable");
        }
    }

    @Test
    void beamrsTestPrintSaysHello() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (WasmInstance instance = startWithWasi(TestFiles.readHyperbeamFixture("test-print.wasm"), stdout)) {
            instance.call("hello", List.of());
            // The module's second iovec is 8 bytes long, so the NUL after "Howdy!\n" is written too.
            assertEquals("Hello, World!\nHowdy!\n\0", stdout.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutTheOptionWasiImportsGoToTheHandler() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-wasi"))) {
            assertEquals(List.of(0), instance.call("greet", List.of()), "answered by the stub handler");
        }
    }
}
