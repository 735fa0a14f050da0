package dev.beamr.engine.interpreter;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.CallAbortedException;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loops the interpreter runs in one go (Op.WHOLE_LOOP): products added in place from
 * interpreter-whole-loops.wat and its memory64 twin, byte stores from compiler-loop-stores.wat. Each
 * turn must do what dispatching its instructions did, values, traps and fuel alike, which compiled
 * code, running the same instructions as a plain loop, shows.
 */
class WholeLoopTest {
    private static final int Y = 1024;
    private static final int X = 4096;
    private static final double A = 1.5;

    private static WasmInstance start(String module, Mode mode) {
        return Beamr.compile(TestFiles.module(module), mode).start(InstanceOptions.defaults());
    }

    private static double x(int i) {
        return i * 0.5 + 0.25;
    }

    private static double y(int i) {
        return i * 3 - 7.125;
    }

    /** Writes x and y, one word more of y than {@code n} as a sentinel. */
    private static void fill(WasmInstance instance, int n) {
        for (int i = 0; i <= n; i++) {
            store(instance, X + 8 * i, x(i));
            store(instance, Y + 8 * i, y(i));
        }
    }

    private static void store(WasmInstance instance, long at, double value) {
        instance.memory().write(at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
    }

    private static Number address(long at, boolean wide) {
        return wide ? (Number) at : (Number) (int) at;
    }

    private static double load(WasmInstance instance, long at) {
        return ByteBuffer.wrap(instance.memory().read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void productsAddedInPlaceGiveEveryElementItsSum(Mode mode) {
        for (String module : List.of("interpreter-whole-loops", "interpreter-whole-loops64")) {
            boolean wide = module.endsWith("64");
            try (WasmInstance instance = start(module, mode)) {
                fill(instance, 10);
                assertEquals(List.of(address(10, wide)),
                        instance.call("axpy", List.of(address(Y, wide), address(X, wide), address(10, wide), A)));
                for (int i = 0; i < 10; i++) {
                    assertEquals(A * x(i) + y(i), load(instance, Y + 8 * i), module + " y[" + i + "]");
                    assertEquals(x(i), load(instance, X + 8 * i), module + " x[" + i + "]");
                }
                assertEquals(y(10), load(instance, Y + 80), module + " past the end");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneOrThreeProductsPerTurnGiveEveryElementItsSumToo(Mode mode) {
        for (String export : List.of("axpy1", "axpy3")) {
            try (WasmInstance instance = start("interpreter-whole-loops", mode)) {
                fill(instance, 9);
                assertEquals(List.of(9), instance.call(export, List.of(Y, X, 9, A)), export);
                for (int i = 0; i < 9; i++) assertEquals(A * x(i) + y(i), load(instance, Y + 8 * i), export + " y[" + i + "]");
                assertEquals(y(9), load(instance, Y + 72), export + " past the end");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadThroughAPointerTheLoopDoesNotStepReadsTheSameWordsEveryTurn(Mode mode) {
        try (WasmInstance instance = start("interpreter-whole-loops", mode)) {
            fill(instance, 6);
            // The pointer stepped beside y is returned: three turns of 16.
            assertEquals(List.of(48), instance.call("axpy_fixed_x", List.of(Y, X, 6, A)));
            for (int i = 0; i < 6; i++) assertEquals(A * x(i % 2) + y(i), load(instance, Y + 8 * i), "y[" + i + "]");
            assertEquals(y(6), load(instance, Y + 48));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAccessOutOfBoundsTrapsAfterTheProductsBeforeIt(Mode mode) {
        try (WasmInstance instance = start("interpreter-whole-loops", mode)) {
            int y = 65536 - 40;
            for (int i = 0; i < 5; i++) {
                store(instance, X + 8 * i, x(i));
                store(instance, y + 8 * i, y(i));
            }
            // Turns at y, y + 16 and y + 32, whose second product addresses 65536.
            TrapException trap = assertThrows(TrapException.class, () -> instance.call("axpy", List.of(y, X, 100, A)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
            for (int i = 0; i < 5; i++) assertEquals(A * x(i) + y(i), load(instance, y + 8 * i), "y[" + i + "]");
            // The instance goes on as before.
            assertEquals(List.of(2), instance.call("axpy", List.of(Y, X, 2, A)));
        }
    }

    /** What a call of {@code export} over {@code n} elements with {@code fuel} leaves: its result or why it stopped, the fuel it used, then y. */
    private static List<Object> metered(BeamrModule module, String export, long fuel, int n) {
        try (WasmInstance instance = module.start(InstanceOptions.builder().fuel(fuel).build())) {
            fill(instance, n);
            List<Object> outcome = new ArrayList<>();
            try {
                outcome.add(instance.call(export, List.of(Y, X, n, A)));
            } catch (CallAbortedException e) {
                outcome.add(e.reason());
            }
            outcome.add(fuel - instance.remainingFuel().orElseThrow());
            for (int i = 0; i <= n; i++) outcome.add(load(instance, Y + 8 * i));
            return outcome;
        }
    }

    private static long fuelUsed(BeamrModule module, String export, int n) {
        return (long) metered(module, export, 1_000_000, n).get(1);
    }

    @Test
    void everyTurnChargesItsFuelAsTheBranchBackWould() {
        BeamrModule interpreted = Beamr.compile(TestFiles.module("interpreter-whole-loops"), Mode.WASM);
        BeamrModule compiled = Beamr.compile(TestFiles.module("interpreter-whole-loops"), Mode.AOT);
        // Two products per turn with the pointers in locals, three through the frame's slots.
        for (int perTurn : new int[] {2, 3}) {
            String export = perTurn == 2 ? "axpy" : "axpy3";
            long once = fuelUsed(compiled, export, perTurn);
            long turn = fuelUsed(compiled, export, 2 * perTurn) - once;
            assertTrue(turn > 0, export);
            assertEquals(once + 5 * turn, fuelUsed(interpreted, export, 6 * perTurn), export);
            // Every amount that runs out within the first four turns, or just after them.
            for (long fuel = once - 1; fuel <= once + 3 * turn; fuel++) {
                List<Object> outcome = metered(interpreted, export, fuel, 6 * perTurn);
                assertEquals(metered(compiled, export, fuel, 6 * perTurn), outcome, export + " with fuel " + fuel);
                assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, outcome.getFirst(), export + " with fuel " + fuel);
                assertEquals(fuel, outcome.get(1), export + " with fuel " + fuel);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aByteStoreLoopThatRunsOutOfFuelHasMarkedTheBytesOfTheTurnsItPaidFor(Mode mode) {
        BeamrModule module = Beamr.compile(TestFiles.module("compiler-loop-stores"), mode);
        for (long fuel = 20; fuel <= 200; fuel += 7) {
            try (WasmInstance instance = module.start(InstanceOptions.builder().fuel(fuel).build())) {
                CallAbortedException e = assertThrows(CallAbortedException.class,
                        () -> instance.call("mark", List.of(0, 1 << 20, 1)));
                assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, e.reason());
                byte[] marked = instance.memory().read(16, 1000);
                int turns = 0;
                while (turns < marked.length && marked[turns] == 7) turns++;
                for (int at = turns; at < marked.length; at++) assertEquals(0, marked[at], "byte " + at);
                // One charge of 1 on entry, then 11 per turn (store, step and test), the first turn's included.
                assertEquals((fuel - 1) / 11, turns, "fuel " + fuel);
            }
        }
    }
}
