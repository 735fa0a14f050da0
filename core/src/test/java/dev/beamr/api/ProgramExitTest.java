package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.CallResult;
import dev.beamr.ImportHandler;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import dev.beamr.wasi.VirtualDirectory;
import dev.beamr.wasi.WasiExitException;
import dev.beamr.wasi.WasiPreview1;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A program that exits ends its call normally with the exit code; the instance goes on. */
class ProgramExitTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private WasmInstance startDemo(String module, WasiPreview1.Builder wasi) {
        VirtualDirectory data = new VirtualDirectory();
        data.createFile("input.txt", "some input text\n");
        WasiPreview1 provider = wasi.stdout(stdout).preopen("/data", data).build();
        return Beamr.compile(TestFiles.module(module)).start(InstanceOptions.builder().wasi(provider).build());
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wasiLibcProgramsExitCodeIsTheCallsResult() {
        try (WasmInstance program = startDemo("wasi_demo", WasiPreview1.builder().args("demo").env("EXIT_CODE", "7"))) {
            CallResult<String> run = program.call("_start", List.of(), ImportHandler.stub(), "untouched", Map.of());

            assertEquals(new CallResult<>(List.of(), "untouched", OptionalInt.of(7)), run);
            assertEquals(OptionalInt.of(7), program.lastExitCode());
            assertTrue(printed().startsWith("hello from wasi\n"), printed());
        }
    }

    @Test
    void plainCallOfAnExitingProgramReturnsNoResultsAndKeepsTheCode() {
        try (WasmInstance program = startDemo("wasi_demo", WasiPreview1.builder().args("demo").env("EXIT_CODE", "7"))) {
            assertEquals(OptionalInt.empty(), program.lastExitCode(), "before any call");
            assertEquals(List.of(), program.call("_start", List.of()));
            assertEquals(OptionalInt.of(7), program.lastExitCode());
            assertTrue(program.memory().size() > 0, "memory stays readable after the exit");
        }
    }

    @Test
    void memory64ProgramExitsWithTheCodeItWasGiven() {
        try (WasmInstance program = startDemo("wasi_demo64", WasiPreview1.builder().args("demo64", "5"))) {
            assertEquals(OptionalInt.of(5), program.call("_start", List.of(), ImportHandler.stub(), null, Map.of()).exitCode());
            assertTrue(printed().contains("file: some input text\n"), printed());
        }
    }

    @Test
    void anExitingProgramCanBeCalledAgain() {
        try (WasmInstance instance = startDemo("api-wasi", WasiPreview1.builder())) {
            assertEquals(List.of(), instance.call("quit", List.of(3)));
            assertEquals(List.of(0), instance.call("greet", List.of()));
            assertEquals(OptionalInt.of(3), instance.lastExitCode(), "a later normal return keeps the exit status");
            assertEquals(OptionalInt.of(4), instance.call("quit", List.of(4), ImportHandler.stub(), null, Map.of()).exitCode());
            assertEquals(OptionalInt.of(4), instance.lastExitCode());
        }
    }

    @Test
    void hostFunctionsEndTheProgramByThrowingTheExit() {
        InstanceOptions options = InstanceOptions.builder()
                .hostFunction(WasiPreview1.MODULE, "fd_write", call -> {
                    throw new WasiExitException(11);
                })
                .build();
        try (WasmInstance instance = Beamr.compile(TestFiles.module("api-wasi")).start(options)) {
            assertEquals(OptionalInt.of(11), instance.call("greet", List.of(), ImportHandler.stub(), null, Map.of()).exitCode());
        }
    }

    @Test
    void anImportHandlerEndsTheProgramByThrowingTheExit() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-wasi"))) {
            ImportHandler<Integer> exitOnWrite = (state, call, options) -> {
                throw new WasiExitException(state);
            };
            CallResult<Integer> result = instance.call("greet", List.of(), exitOnWrite, 12, Map.of());
            assertEquals(new CallResult<>(List.of(), 12, OptionalInt.of(12)), result);
        }
    }

    @Test
    void anExitInACallBackIntoTheInstanceEndsTheOutermostCall() {
        InstanceOptions options = InstanceOptions.builder()
                .hostFunction(WasiPreview1.MODULE, "proc_exit", call -> {
                    throw new WasiExitException((Integer) call.arguments().getFirst());
                })
                .hostFunction(WasiPreview1.MODULE, "fd_write", call -> {
                    call.instance().call("quit", List.of(9));
                    throw new AssertionError("the exit must not return to the host function");
                })
                .build();
        try (WasmInstance instance = Beamr.compile(TestFiles.module("api-wasi")).start(options)) {
            assertEquals(OptionalInt.of(9), instance.call("greet", List.of(), ImportHandler.stub(), null, Map.of()).exitCode());
        }
    }
}
