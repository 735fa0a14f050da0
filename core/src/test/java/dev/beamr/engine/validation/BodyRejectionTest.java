package dev.beamr.engine.validation;

import dev.beamr.InvalidModuleException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.FunctionBody;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.Names;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function bodies assembled by hand into a module with one memory and one function of type
 * {@code [] -> [i32]}, whose code starts at byte offset {@value #CODE_START} of its source.
 */
class BodyRejectionTest {
    private static final int CODE_START = 3;

    private static WasmModule moduleWithBody(int... instructions) {
        byte[] source = new byte[CODE_START + instructions.length];
        for (int i = 0; i < instructions.length; i++) source[CODE_START + i] = (byte) instructions[i];
        FuncType type = new FuncType(new ValType[0], new ValType[] {ValType.I32});
        return new WasmModule(List.of(type), List.of(), new int[] {0}, List.of(),
                List.of(new MemoryType(new Limits(1, -1), false, false)), List.of(), new int[0], List.of(), -1,
                List.of(), -1, List.of(new FunctionBody(new ValType[] {ValType.I64}, source, CODE_START, source.length)),
                List.of(), List.of(), Names.NONE);
    }

    private static InvalidModuleException invalid(int... instructions) {
        return assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(moduleWithBody(instructions)));
    }

    private static MalformedModuleException malformed(int... instructions) {
        return assertThrows(MalformedModuleException.class, () -> ModuleValidator.validate(moduleWithBody(instructions)));
    }

    @Test
    void typeMismatchNamesTheFunctionAndTheInstruction() {
        // i32.const 1; i64.const 2; i32.add; end
        InvalidModuleException e = invalid(0x41, 0x01, 0x42, 0x02, 0x6A, 0x0B);
        assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
        assertEquals(0, e.functionIndex());
        assertEquals(CODE_START + 4, e.offset());
    }

    @Test
    void missingResultIsATypeMismatchAtTheEnd() {
        InvalidModuleException e = invalid(0x0B);
        assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
        assertEquals(CODE_START, e.offset());
    }

    @Test
    void unknownIndicesAreNamed() {
        assertTrue(invalid(0x20, 0x05, 0x0B).getMessage().startsWith("unknown local 5"));
        assertTrue(invalid(0x23, 0x00, 0x0B).getMessage().startsWith("unknown global 0"));
        assertTrue(invalid(0x41, 0x00, 0x0C, 0x03, 0x0B).getMessage().startsWith("unknown label 3"));
        assertTrue(invalid(0x10, 0x07, 0x0B).getMessage().startsWith("unknown function 7"));
        assertTrue(invalid(0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x0B).getMessage().startsWith("unknown memory 1"));
    }

    @Test
    void memoryRulesAreChecked() {
        // i32.const 0; i32.load align=8; end
        assertTrue(invalid(0x41, 0x00, 0x28, 0x03, 0x00, 0x0B).getMessage()
                .startsWith("alignment must not be larger than natural"));
        // i32.const 0 (x3); memory.init 0 0; end: no data count section
        assertTrue(invalid(0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x41, 0x00, 0x0B)
                .getMessage().startsWith("data count section required"));
    }

    @Test
    void rethrowMustNameACatch() {
        // block; rethrow 0; end; i32.const 0; end
        assertTrue(invalid(0x02, 0x40, 0x09, 0x00, 0x0B, 0x41, 0x00, 0x0B).getMessage()
                .startsWith("invalid rethrow label"));
    }

    @Test
    void simdIsRejectedAsUnsupported() {
        assertTrue(invalid(0xFD, 0x0C).getMessage().startsWith("SIMD instructions are not supported yet"));
    }

    @Test
    void brokenBytesAreMalformed() {
        assertEquals(CODE_START + 2, malformed(0x41, 0x00).offset(), "missing end");
        assertEquals(CODE_START + 3, malformed(0x41, 0x00, 0x0B, 0x01).offset(), "bytes after the final end");
        assertEquals(CODE_START, malformed(0xFF).offset(), "illegal opcode");
        malformed(0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B);
        malformed(0x05, 0x0B);
    }

    @Test
    void deadCodeIsStillValidated() {
        // unreachable; i64.const 0; i32.eqz; end
        assertTrue(invalid(0x00, 0x42, 0x00, 0x45, 0x0B).getMessage().startsWith("type mismatch"));
    }
}
