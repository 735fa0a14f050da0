package dev.beamr.wasi;

import dev.beamr.engine.Engine;
import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** Whole programs running on the engine with the provider: the project's own C programs and HyperBEAM's fixtures. */
class WasiProgramTest {
    /** A finished run: what the program printed, its exit code, and its instance. */
    private record Run(String stdout, String stderr, int exitCode, Instance instance) {}

    private static Run run(CompiledModule module, WasiPreview1.Builder configuration) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        WasiPreview1 wasi = configuration.stdout(stdout).stderr(stderr).build();
        Instance instance = new Engine().instantiate(module, wasi.resolverFor(module));
        int exitCode = 0;
        try {
            instance.exportedFunction("_start").call();
        } catch (WasiExitException e) {
            exitCode = e.exitCode();
        }
        return new Run(stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), exitCode, instance);
    }

    private static VirtualDirectory dataDirectory() {
        VirtualDirectory data = new VirtualDirectory();
        data.createFile("input.txt", "some input text\n");
        return data;
    }

    private static WasiPreview1.Builder demoConfiguration(VirtualDirectory data) {
        return WasiPreview1.builder()
                .args("demo", "x y")
                .env("GREETING", "hi")
                .env("EXIT_CODE", "7")
                .stdin("line one\n".getBytes(StandardCharsets.UTF_8))
                .preopen("/data", data)
                .deterministic(42);
    }

    @Test
    void wasiLibcProgramPrintsReadsFilesArgsAndEnvironmentAndExitsWithACode() {
        VirtualDirectory data = dataDirectory();
        Run run = run(Engine.compile(TestFiles.module("wasi_demo")), demoConfiguration(data));

        assertEquals(7, run.exitCode());
        String expectedStart = """
                hello from wasi
                argc=2
                argv[0]=demo
                argv[1]=x y
                GREETING=hi
                stdin: line one
                input.txt (16 bytes): some input text
                report.txt size=14
                entry: input.txt
                entry: out
                missing.txt: No such file or directory
                time=0.000000000 random=""";
        assertTrue(run.stdout().startsWith(expectedStart), run.stdout());
        assertEquals("done\n", run.stderr());
        assertEquals("read 16 bytes\n", ((VirtualFile) data.find("out/report.txt")).text());
    }

    @Test
    void deterministicRunsProduceIdenticalOutputAndMemory() {
        CompiledModule module = Engine.compile(TestFiles.module("wasi_demo"));
        Run first = run(module, demoConfiguration(dataDirectory()));
        Run second = run(module, demoConfiguration(dataDirectory()));
        Run reseeded = run(module, demoConfiguration(dataDirectory()).deterministic(43));

        assertEquals(first.stdout(), second.stdout());
        assertArrayEquals(memory(first), memory(second));
        assertNotEquals(first.stdout(), reseeded.stdout());
    }

    private static byte[] memory(Run run) {
        return run.instance().memories()[0].segment().toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void memory64ProgramPassesSixtyFourBitPointersAndSizes() {
        CompiledModule module = Engine.compile(TestFiles.module("wasi_demo64"));
        assertTrue(module.module().memories().getFirst().is64());
        Run run = run(module, WasiPreview1.builder()
                .args("demo64", "5")
                .env("GREETING", "hi")
                .env("OTHER", "ignored")
                .preopen("/data", dataDirectory()));

        assertEquals(5, run.exitCode());
        assertEquals("arg: demo64\narg: 5\nenv: GREETING=hi\nfile: some input text\n", run.stdout());
    }

    @Test
    void hyperbeamTestPrintWritesThroughFdWrite() {
        CompiledModule module = Engine.compile(TestFiles.readHyperbeamFixture("test-print.wasm"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        WasiPreview1 wasi = WasiPreview1.builder().stdout(stdout).build();
        Instance instance = new Engine().instantiate(module, wasi.resolverFor(module));

        long[] written = instance.exportedFunction("hello").call();
        // The module's second buffer is 8 bytes long: "Howdy!\n" and the NUL after it in memory.
        assertEquals("Hello, World!\nHowdy!\n\0", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(22, written[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aos-2-pure-xs.wasm", "aos-2-pure.wasm", "test-aos.wasm", "test-stock-aos.wasm",
            "test-wasi-aos.wasm", "test-standalone-ex-aos.wasm", "test-standalone-wex-aos.wasm", "test-ex.wasm",
            "test-calling.wasm"})
    void hyperbeamWasiImportsBindWithTheirDeclaredSignatures(String fixture) {
        WasmModule module = ModuleDecoder.decode(TestFiles.readHyperbeamFixture(fixture));
        ImportResolver resolver = WasiPreview1.builder().build().resolverFor(module);
        int bound = 0;
        for (Import anImport : module.imports()) {
            Extern resolved = resolver.resolve(anImport.module(), anImport.name());
            if (!anImport.module().equals(WasiPreview1.MODULE)) {
                assertNull(resolved, anImport.module() + "." + anImport.name());
                continue;
            }
            FuncType declared = module.types().get(((ImportDescriptor.Function) anImport.descriptor()).typeIndex());
            HostFunctionInstance function = assertInstanceOf(HostFunctionInstance.class, resolved);
            assertEquals(declared, function.type(), anImport.name());
            bound++;
        }
        assertTrue(bound > 0, "no WASI imports in " + fixture);
    }
}
