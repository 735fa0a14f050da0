package dev.beamr.engine.compiler;

import dev.beamr.Beamr;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A module whose functions partly stay interpreted: the one making a tail call. The one too large
 * for a JVM method the JIT compiles is compiled in chunks. Compiled and interpreted functions call
 * each other and compute what the interpreter alone computes.
 */
class FallbackTest {
    /** Repetitions of {@code x = x * 31 + k} in the large function: its method would far exceed 8,000 bytes. */
    private static final int STEPS = 1_500;
    /** Defined functions, all {@code (i32) -> i32}, in index order. */
    private static final List<String> FUNCTIONS = List.of("large", "tail", "calls_tail", "calls_large");
    private static final byte[] MODULE = module();

    /** What {@code large(x)} computes. */
    private static int large(int x) {
        for (int k = 0; k < STEPS; k++) x = x * 31 + k;
        return x;
    }

    @Test
    void onlyTheTailCallingFunctionIsInterpreted() {
        CompiledCode code = ModuleCompiler.compile(Engine.compile(MODULE));
        assertEquals(4, code.functionCount());
        assertEquals(3, code.compiledCount());
        Instance instance = Modes.engine(Mode.AOT).instantiate(MODULE, (module, name) -> null);
        assertFalse(Modes.interpreted(instance, "large"));
        assertTrue(Modes.interpreted(instance, "tail"));
        assertFalse(Modes.interpreted(instance, "calls_tail"));
        assertFalse(Modes.interpreted(instance, "calls_large"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void compiledAndInterpretedFunctionsCallEachOther(Mode mode) {
        Instance instance = Modes.engine(mode).instantiate(MODULE, (module, name) -> null);
        for (int x : new int[] {0, 1, -5, 123_456_789}) {
            assertArrayEquals(new long[] {large(x)}, Engine.invoke(instance, "large", x));
            assertArrayEquals(new long[] {large(x + 1)}, Engine.invoke(instance, "tail", x));
            assertArrayEquals(new long[] {large(x + 1) + 1}, Engine.invoke(instance, "calls_tail", x));
            assertArrayEquals(new long[] {large(x) ^ 1}, Engine.invoke(instance, "calls_large", x));
        }
    }

    @Test
    void theChunkedFunctionIsChargedTheFuelTheInterpreterCharges() {
        assertEquals(fuelOfLarge(Mode.WASM), fuelOfLarge(Mode.AOT));
    }

    /** The fuel {@code large} charges per call, the same for every argument: its body has no branches. */
    private static long fuelOfLarge(Mode mode) {
        long budget = 1_000_000;
        try (WasmInstance instance = Beamr.compile(MODULE, mode).start(InstanceOptions.builder().fuel(budget).build())) {
            assertEquals(List.of(large(7)), instance.call("large", List.of(7)));
            long charged = budget - instance.remainingFuel().orElseThrow();
            instance.call("large", List.of(8));
            assertEquals(2 * charged, budget - instance.remainingFuel().orElseThrow());
            return charged;
        }
    }

    /**
     * large(x): STEPS times x = x * 31 + k; tail(x): return_call large(x + 1); calls_tail(x): tail(x) + 1;
     * calls_large(x): large(x) ^ 1. Written directly in the binary format, as the text would be huge.
     */
    private static byte[] module() {
        ByteArrayOutputStream large = new ByteArrayOutputStream();
        for (int k = 0; k < STEPS; k++) {
            large.write(0x20); large.write(0);            // local.get 0
            large.write(0x41); signed(large, 31);         // i32.const 31
            large.write(0x6C);                            // i32.mul
            large.write(0x41); signed(large, k);          // i32.const k
            large.write(0x6A);                            // i32.add
            large.write(0x21); large.write(0);            // local.set 0
        }
        large.writeBytes(new byte[] {0x20, 0});          // local.get 0
        byte[][] bodies = {
                large.toByteArray(),
                {0x20, 0, 0x41, 1, 0x6A, 0x12, 0},       // local.get 0, i32.const 1, i32.add, return_call 0
                {0x20, 0, 0x10, 1, 0x41, 1, 0x6A},       // local.get 0, call 1, i32.const 1, i32.add
                {0x20, 0, 0x10, 0, 0x41, 1, 0x73}};      // local.get 0, call 0, i32.const 1, i32.xor

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new byte[] {1, 0x60, 1, 0x7F, 1, 0x7F});
        section(out, 3, new byte[] {4, 0, 0, 0, 0});
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        unsigned(exports, FUNCTIONS.size());
        for (int i = 0; i < FUNCTIONS.size(); i++) {
            byte[] name = FUNCTIONS.get(i).getBytes(StandardCharsets.UTF_8);
            unsigned(exports, name.length);
            exports.writeBytes(name);
            exports.write(0);
            unsigned(exports, i);
        }
        section(out, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        unsigned(code, bodies.length);
        for (byte[] instructions : bodies) {
            unsigned(code, instructions.length + 2);
            code.write(0);                                // no locals besides the parameter
            code.writeBytes(instructions);
            code.write(0x0B);                             // end
        }
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] body) {
        out.write(id);
        unsigned(out, body.length);
        out.writeBytes(body);
    }

    private static void unsigned(ByteArrayOutputStream out, long value) {
        do {
            int low = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? low | 0x80 : low);
        } while (value != 0);
    }

    private static void signed(ByteArrayOutputStream out, long value) {
        boolean more = true;
        while (more) {
            int low = (int) (value & 0x7F);
            value >>= 7;
            more = !((value == 0 && (low & 0x40) == 0) || (value == -1 && (low & 0x40) != 0));
            out.write(more ? low | 0x80 : low);
        }
    }
}
