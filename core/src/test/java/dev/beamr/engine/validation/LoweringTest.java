package dev.beamr.engine.validation;

import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.ir.Handler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The exact code that validation emits for the small functions of {@code wat/lowering.wat}. */
class LoweringTest {
    private static CompiledModule module;

    @BeforeAll
    static void compile() throws IOException {
        try (InputStream in = LoweringTest.class.getResourceAsStream("/wasm/lowering.wasm")) {
            assertNotNull(in, "test module wasm/lowering.wasm is missing; run scripts/build-test-modules.sh");
            module = ModuleValidator.validate(ModuleDecoder.decode(in.readAllBytes()));
        }
        for (CompiledFunction function : module.functions()) IrText.checkShape(function);
    }

    private static CompiledFunction function(String name) {
        return Arrays.stream(module.functions()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name));
    }

    private static void assertCode(String name, String expected) {
        assertEquals(expected, IrText.of(function(name).code()), name);
    }

    @Test
    void operandsLiveAboveTheLocals() {
        assertCode("add", "0 COPY 2 0 | 3 COPY 3 1 | 6 I32_ADD 2 | 8 RETURN 2 1");
        assertEquals(4, function("add").frameSize());
    }

    @Test
    void branchesCopyOnlyWhenValuesAreAboveTheLabelHeight() {
        assertCode("branch-copies", "0 CONST_32 0 7 | 3 CONST_32 1 1 | 6 BR 11 1 0 1 | 11 RETURN 0 1");
        assertCode("branch-in-place", "0 CONST_32 0 1 | 3 JUMP 5 | 5 RETURN 0 1");
    }

    @Test
    void ifJumpsToItsElseArmAndTheThenArmJumpsOverIt() {
        assertCode("if-else", "0 COPY 1 0 | 3 JUMP_UNLESS 1 12 | 6 CONST_64 1 1 0 | 10 JUMP 16"
                + " | 12 CONST_64 1 -2 -1 | 16 RETURN 1 1");
    }

    @Test
    void loopBranchesGoBackToTheLoopStart() {
        assertCode("loop", "0 COPY 1 0 | 3 CONST_32 2 1 | 6 I32_SUB 1 | 8 COPY 0 1 | 11 COPY 1 0"
                + " | 14 JUMP_IF 1 0 | 17 COPY 1 0 | 20 RETURN 1 1");
    }

    @Test
    void brTableEntriesCarryTheirOwnCopies() {
        assertCode("switch", "0 CONST_32 1 100 | 3 CONST_32 2 5 | 6 COPY 3 0"
                + " | 9 BR_TABLE 3 2 27 2 2 1 0 29 2 1 1 0 29 2 1 1 0 | 27 I32_ADD 1 | 29 RETURN 1 1");
    }

    @Test
    void unreachableCodeEmitsNothing() {
        assertCode("dead-code", "0 UNREACHABLE");
        assertEquals(0, function("dead-code").frameSize());
    }

    @Test
    void memoryAccessesUseShortFormsOnlyForMemoryZeroAndSmallOffsets() {
        assertCode("memory", "0 COPY 2 0 | 3 COPY 3 0 | 6 LOAD8_U 3 0 | 9 STORE32 2 4 | 12 COPY 2 1"
                + " | 15 CONST_64 3 3 0 | 19 MEM_STORE 40 2 1 8 0 | 25 COPY 2 0 | 28 CONST_32 3 4"
                + " | 31 MEM_STORE 37 2 0 -2147483648 0 | 37 RETURN 2 0");
    }

    @Test
    void callsPassArgumentsInPlace() {
        assertCode("calls", "0 CONST_32 1 1 | 3 COPY 2 0 | 6 CALL 9 1 | 9 CONST_32 2 0"
                + " | 12 CALL_INDIRECT 4 0 2 1 | 17 CONST_32 2 2 | 20 RETURN_CALL 9 1");
        assertEquals("func[9]", module.functions()[9].name());
    }

    @Test
    void referenceLocalsAreListedAndCopiedAsReferences() {
        CompiledFunction refs = function("refs");
        assertArrayEquals(new int[] {0, 2}, refs.refLocals());
        assertCode("refs", "0 COPY_REF 3 0 | 3 RETURN_REFS 3 1");
    }

    @Test
    void catchBodiesHoldTheExceptionBelowThePayloadAndMoveResultsDown() {
        assertCode("try-catch", "0 CONST_32 0 1 | 3 THROW 0 0 | 6 BR 17 1 0 1 | 11 CONST_32 1 2 | 14 COPY 0 1"
                + " | 17 RETURN 0 1");
        assertArrayEquals(new Handler[] {
                new Handler(0, 6, 0, 6, 1, 0),
                new Handler(0, 6, Handler.CATCH_ALL, 11, 1, 0)}, function("try-catch").handlers());
    }

    @Test
    void innerHandlersComeFirstAndDelegatesSkipToTheTargetTry() {
        assertCode("nested-try", "0 CONST_32 0 1 | 3 GLOBAL_SET 0 0 | 6 CONST_32 0 1 | 9 JUMP 13 | 11 RETHROW 0"
                + " | 13 JUMP 18 | 15 COPY 0 1 | 18 RETURN 0 1");
        assertArrayEquals(new Handler[] {
                new Handler(0, 6, Handler.DELEGATE, 2, 0, 0),
                new Handler(6, 9, Handler.CATCH_ALL, 11, 1, 0),
                new Handler(0, 13, 0, 15, 1, 0)}, function("nested-try").handlers());
    }

    @Test
    void delegatingToTheFunctionLabelLeavesTheFunction() {
        Handler[] handlers = function("delegate-to-caller").handlers();
        assertArrayEquals(new Handler[] {new Handler(0, 6, Handler.DELEGATE, 1, 0, 0)}, handlers);
    }
}
