package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.ExportInfo;
import dev.beamr.ExternType;
import dev.beamr.ImportInfo;
import dev.beamr.InstanceOptions;
import dev.beamr.InvalidModuleException;
import dev.beamr.LinkException;
import dev.beamr.MalformedModuleException;
import dev.beamr.Mode;
import dev.beamr.Signature;
import dev.beamr.TrapException;
import dev.beamr.ValueType;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting instances: modes, bad modules, and the imports and exports a start reports (BEAMR's start tests). */
class StartTest {
    static Stream<TestModules.Source> facModules() {
        return Stream.of(TestModules.own("api-fac"), TestModules.hyperbeam("test.wasm"), TestModules.hyperbeam("test-64.wasm"));
    }

    static Stream<TestModules.Source> powModules() {
        return Stream.of(TestModules.own("api-pow"), TestModules.hyperbeam("pow_calculator.wasm"));
    }

    @ParameterizedTest
    @MethodSource("facModules")
    void startReturnsALiveInstanceListingItsExports(TestModules.Source source) {
        try (WasmInstance instance = Beamr.start(source.bytes())) {
            ExportInfo fac = new ExportInfo("fac", ExternType.FUNCTION, Optional.of(Signature.parse("(F)F")));
            assertTrue(instance.exports().contains(fac), () -> "exports: " + instance.exports());
            assertEquals("(F)F", instance.exports().stream().filter(e -> e.name().equals("fac")).findFirst()
                    .orElseThrow().signature().orElseThrow().compact());
            assertTrue(instance.imports().isEmpty());
            assertEquals(List.of(120.0), instance.call("fac", List.of(5.0)));
        }
    }

    @ParameterizedTest
    @MethodSource("powModules")
    void startListsImportsWithTheirSignatures(TestModules.Source source) {
        BeamrModule module = Beamr.compile(source.bytes());
        assertEquals(new ImportInfo("my_lib", "mul", ExternType.FUNCTION, Optional.of(Signature.parse("(ii)i"))),
                module.imports().getFirst());
        assertEquals("(ii)i", module.exports().stream().filter(e -> e.name().equals("pow")).findFirst()
                .orElseThrow().signature().orElseThrow().compact());
    }

    @Test
    void wasmModeInterpretsTheModule() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-fac"), Mode.WASM, InstanceOptions.defaults())) {
            assertEquals(Mode.WASM, instance.module().mode());
            assertEquals(List.of(6.0), instance.call("fac", List.of(3.0)));
        }
    }

    @Test
    void aotModeRunsTheModuleAsCompiledCode() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-fac"), Mode.AOT, InstanceOptions.defaults())) {
            assertEquals(Mode.AOT, instance.module().mode());
            assertEquals(List.of(6.0), instance.call("fac", List.of(3.0)));
            assertEquals(List.of(120.0), instance.call("fac", List.of(5.0)));
        }
    }

    @Test
    void bytesThatAreNotWebAssemblyFailAsMalformed() {
        assertThrows(MalformedModuleException.class, () -> Beamr.start("not a wasm module".getBytes()));
        assertThrows(MalformedModuleException.class, () -> Beamr.start(new byte[0]));
    }

    @Test
    void aModuleBreakingValidationFailsAsInvalid() {
        byte[] returnsNothingForAnI32 = {
                0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
                0x03, 0x02, 0x01, 0x00,
                0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
        assertThrows(InvalidModuleException.class, () -> Beamr.start(returnsNothingForAnI32));
    }

    @Test
    void signaturesUseBeamrsCompactLetters() {
        Signature signature = new Signature(List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64), List.of(ValueType.F64));
        assertEquals("(iIfF)F", signature.compact());
        assertEquals(signature, Signature.parse("(iIfF)F"));
        assertEquals("(i32 i64 f32 f64) -> (f64)", signature.toString());
        assertThrows(IllegalArgumentException.class, () -> Signature.parse("iI"));
    }

    @Test
    void aModuleThatNeedsMoreMemoryThanTheLimitDoesNotStart() {
        InstanceOptions tiny = InstanceOptions.builder().maxMemoryPages(1).build();
        assertThrows(TrapException.class, () -> Beamr.compile(TestFiles.module("api-memory64")).start(tiny));
    }

    @Test
    void importsOtherThanFunctionsCannotBeSupplied() {
        byte[] importsMemory = {
                0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                0x02, 0x0f, 0x01, 0x03, 'e', 'n', 'v', 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, 0x01};
        LinkException error = assertThrows(LinkException.class, () -> Beamr.start(importsMemory));
        assertTrue(error.getMessage().contains("memory"), error.getMessage());
    }
}
