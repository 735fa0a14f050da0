package dev.beamr.emscripten;

import dev.beamr.Beamr;
import dev.beamr.ImportHandler;
import dev.beamr.ImportResult;
import dev.beamr.InstanceOptions;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The invoke_* trampolines on emscripten-invoke.wat: table calls, throws reported through setThrew, traps. */
class InvokeTrampolineTest {
    private static final int RECORD = 0;
    private static final int ADD = 1;
    private static final int THROW_TAG = 2;
    private static final int LONGJMP = 3;
    private static final int TRAP = 4;
    private static final int RECORD64 = 5;
    private static final int THROW_INSTEAD_OF_ADDING = 6;
    private static final int INITIAL_STACK_POINTER = 4096;

    private final WasmInstance instance = Beamr.start(TestFiles.module("emscripten-invoke"));

    @AfterEach
    void stop() {
        instance.stop();
    }

    @Test
    void callsTheTableEntryWithTheRemainingArguments() {
        instance.call("invoke_vi", List.of(RECORD, 1234));
        assertEquals(1234, readInt(0));
        assertEquals(0, threw());
    }

    @Test
    void returnsTheCalleesResults() {
        assertEquals(List.of(42), instance.call("invoke_iii", List.of(ADD, 40, 2)));
        assertEquals(0, threw());
    }

    @Test
    void takesAn64BitTableIndexWhenTheSignatureDeclaresOne() {
        instance.call("invoke_vj", List.of((long) RECORD64, 1L << 40));
        assertEquals(1L << 40, ByteBuffer.wrap(instance.memory().read(8, 8))
                .order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void aThrownWasmExceptionCallsSetThrewAndRestoresTheStack() {
        instance.call("invoke_vi", List.of(THROW_TAG, 7));
        assertEquals(1, threw());
        assertEquals(INITIAL_STACK_POINTER, stackPointer(), "the callee's stack frame is released");
    }

    @Test
    void aLongjmpCallsSetThrewAndRestoresTheStack() {
        instance.call("invoke_vi", List.of(LONGJMP, 0));
        assertEquals(1, threw());
        assertEquals(INITIAL_STACK_POINTER, stackPointer());
    }

    @Test
    void aThrowingCallAnswersZeros() {
        assertEquals(List.of(0), instance.call("invoke_iii", List.of(THROW_INSTEAD_OF_ADDING, 40, 2)));
        assertEquals(1, threw());
    }

    @Test
    void trapsPropagateWithoutSetThrew() {
        TrapException trap = assertThrows(TrapException.class, () -> instance.call("invoke_vi", List.of(TRAP, 0)));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals(0, threw());
    }

    @Test
    void anIndexOutsideTheTableTraps() {
        TrapException trap = assertThrows(TrapException.class, () -> instance.call("invoke_vi", List.of(99, 0)));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap.kind());
    }

    @Test
    void aCalleeOfAnotherTypeTraps() {
        TrapException trap = assertThrows(TrapException.class, () -> instance.call("invoke_vi", List.of(ADD, 0)));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap.kind());
    }

    @Test
    void aLongjmpWithNoTrampolineOnTheStackTraps() {
        TrapException trap = assertThrows(TrapException.class, () -> instance.call("longjmp_outside_invoke", List.of()));
        assertEquals(TrapKind.HOST_ERROR, trap.kind());
        assertEquals(List.of(42), instance.call("invoke_iii", List.of(ADD, 40, 2)), "the instance stays usable");
    }

    @Test
    void aHostFunctionBoundByNameTakesPrecedence() {
        InstanceOptions options = InstanceOptions.builder()
                .hostFunction("env", "invoke_iii", call -> List.of(-1))
                .build();
        try (WasmInstance bound = Beamr.compile(TestFiles.module("emscripten-invoke")).start(options)) {
            assertEquals(List.of(-1), bound.call("invoke_iii", List.of(ADD, 40, 2)));
        }
    }

    @Test
    void withoutEmscriptenSupportTheImportsGoToTheHandler() {
        InstanceOptions options = InstanceOptions.builder().emscripten(null).build();
        try (WasmInstance plain = Beamr.compile(TestFiles.module("emscripten-invoke")).start(options)) {
            List<String> seen = new ArrayList<>();
            ImportHandler<Void> handler = (state, call, ignored) -> {
                seen.add(call.field() + call.arguments());
                return new ImportResult<>(List.of(5), state);
            };
            assertEquals(List.of(5), plain.call("invoke_iii", List.of(ADD, 40, 2), handler, null, Map.of()).results());
            assertEquals(List.of("invoke_iii[1, 40, 2]"), seen);
        }
    }

    private int threw() {
        return (Integer) instance.call("threw", List.of()).getFirst();
    }

    private int stackPointer() {
        return (Integer) instance.call("stack_pointer", List.of()).getFirst();
    }

    private int readInt(long address) {
        return ByteBuffer.wrap(instance.memory().read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
