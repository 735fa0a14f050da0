package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Calls in and between compiled functions (compiler-calls.wat), the same in both modes: traps naming
 * their function, several results, and references as parameters, results, globals and table elements.
 */
class CompiledCallsTest {
    private static WasmInstance start(Mode mode) {
        return Modes.start("compiler-calls", mode, InstanceOptions.defaults());
    }

    private static void assertTrap(TrapKind kind, String function, Executable call) {
        TrapException trap = assertThrows(TrapException.class, call);
        assertEquals(kind, trap.kind());
        assertEquals(function, trap.function());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void trapsNameTheWasmFunctionThatRaisedThem(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertTrap(TrapKind.UNREACHABLE, "crash", () -> instance.call("crash", List.of()));
            assertTrap(TrapKind.UNREACHABLE, "crash", () -> instance.call("crash_inside", List.of()));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, "divide", () -> instance.call("divide", List.of(1, 0)));
            assertTrap(TrapKind.INTEGER_OVERFLOW, "divide", () -> instance.call("divide", List.of(Integer.MIN_VALUE, -1)));
            assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, "peek", () -> instance.call("peek", List.of(65_533)));
            assertTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, "peek", () -> instance.call("peek", List.of(-1)));
            assertEquals(List.of(0), instance.call("peek", List.of(65_532)), "the last word is in bounds");
            assertEquals(List.of(-3), instance.call("divide", List.of(7, -2)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void severalResultsCrossTheApiAndPassBetweenCompiledFunctions(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(3, 2), instance.call("divmod", List.of(17, 5)));
            assertEquals(List.of(-7, -7L, -7.0f, -7.0, 7, -7_000_000_000_000L), instance.call("spread", List.of(-7)));
            assertEquals(List.of(3_002), instance.call("divmod_packed", List.of(17, 5)));
            assertEquals(List.of(3.0 + 3 + 3 + 3 - 3 + 3_000_000_000_000.0), instance.call("spread_sum", List.of(3)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void referencesPassAsParametersResultsGlobalsAndTableElements(Mode mode) {
        Instance instance = Modes.instantiate("compiler-calls", mode, (module, name) -> null);
        Object first = new Object();
        Object second = "second";

        Object[] refs = {first, second, null};
        long[] values = new long[3];
        instance.exportedFunction("swap").invoke(null, values, refs);
        assertArrayEquals(new Object[] {second, first}, new Object[] {refs[0], refs[1]});

        refs = new Object[] {first, null, null};
        instance.exportedFunction("swap_twice").invoke(null, values, refs);
        assertSame(first, refs[0]);
        assertNull(refs[1]);
        assertEquals(0, values[2], "the first is not null");

        call(instance, "hold", new long[1], first);
        assertSame(first, call(instance, "held", new long[1])[0]);
        call(instance, "put", new long[] {3, 0}, null, second);
        assertSame(second, call(instance, "get", new long[] {3})[0]);
        assertNull(call(instance, "get", new long[] {2})[0]);
        assertSame(first, call(instance, "pick", new long[] {0, 0, 1}, first, second)[0]);
        assertSame(second, call(instance, "pick", new long[] {0, 0, 0}, first, second)[0]);

        Object triple = call(instance, "install", new long[] {1})[0];
        assertInstanceOf(FunctionInstance.class, triple);
        assertArrayEquals(new long[] {21}, instance.exportedFunction("call_installed").call(7));
        call(instance, "install", new long[] {0});
        assertArrayEquals(new long[] {14}, instance.exportedFunction("call_installed").call(7));
        long[] isNull = new long[1];
        instance.exportedFunction("is_null_function").invoke(null, isNull, new Object[] {triple});
        assertEquals(0, isNull[0]);
        instance.exportedFunction("is_null_function").invoke(null, isNull, new Object[] {null});
        assertEquals(1, isNull[0]);
    }

    /** Calls {@code export} with {@code values} and reference arguments {@code refs}; returns the reference slots after the call. */
    private static Object[] call(Instance instance, String export, long[] values, Object... refs) {
        Object[] slots = Arrays.copyOf(refs, values.length);
        instance.exportedFunction(export).invoke(null, values, slots);
        return slots;
    }
}
