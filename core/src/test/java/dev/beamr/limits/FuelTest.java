package dev.beamr.limits;

import dev.beamr.CallAbortedException;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuel: every executed WebAssembly instruction (block and loop, their ends, the function's end
 * included) costs one, exactly, across grants, re-entrant calls and exhaustion.
 */
// A limit that failed to stop wasm code would leave it spinning: fail the test instead of hanging the run.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FuelTest {
    private static final long BUDGET = 10_000_000;

    private static WasmInstance metered(long fuel) {
        return LimitModules.start("limits-loops", LimitModules.signalling(new CountDownLatch(1)).fuel(fuel).build());
    }

    /** count_down(n) executes loop, 5 instructions per iteration, end, local.get and end. */
    private static long countDownCost(int n) {
        return 5L * n + 4;
    }

    @Test
    void straightLineCodeCostsItsInstructions() {
        try (WasmInstance instance = metered(BUDGET)) {
            assertEquals(List.of(5), instance.call("add", List.of(2, 3)));
            assertEquals(OptionalLong.of(BUDGET - 4), instance.remainingFuel());
        }
    }

    @Test
    void loopsCostEveryIterationAcrossManyGrants() {
        try (WasmInstance instance = metered(BUDGET)) {
            for (int n : new int[] {1, 7, 1_000, 123_457}) {
                long before = instance.remainingFuel().orElseThrow();
                assertEquals(List.of(0), instance.call("count_down", List.of(n)));
                assertEquals(countDownCost(n), before - instance.remainingFuel().orElseThrow(), "count_down(" + n + ")");
            }
        }
    }

    @Test
    void theSameCodeCostsTheSameOnEveryInstance() {
        long[] used = new long[3];
        for (int run = 0; run < used.length; run++) {
            try (WasmInstance instance = metered(BUDGET)) {
                instance.call("count_down", List.of(50_000));
                instance.call("add", List.of(1, 1));
                used[run] = BUDGET - instance.remainingFuel().orElseThrow();
            }
        }
        assertEquals(countDownCost(50_000) + 4, used[0]);
        assertEquals(used[0], used[1]);
        assertEquals(used[0], used[2]);
    }

    @Test
    void exhaustionAbortsTheCallAndATopUpLetsItRun() {
        int n = 100_000;
        try (WasmInstance instance = metered(countDownCost(n) - 1)) {
            CallAbortedException e = assertThrows(CallAbortedException.class, () -> instance.call("count_down", List.of(n)));
            assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, e.reason());
            assertTrue(e.function() != null, "the exception names the running function");
            assertEquals(OptionalLong.of(0), instance.remainingFuel(), "an exhausted call uses up the account");
            assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED,
                    assertThrows(CallAbortedException.class, () -> instance.call("add", List.of(1, 2))).reason());

            instance.addFuel(countDownCost(n));
            assertEquals(List.of(0), instance.call("count_down", List.of(n)));
            assertEquals(OptionalLong.of(0), instance.remainingFuel(), "exactly enough fuel is enough");
        }
    }

    @Test
    void exactlyTheCostOfACallIsEnough() {
        try (WasmInstance instance = metered(4)) {
            assertEquals(List.of(3), instance.call("add", List.of(1, 2)));
            assertEquals(OptionalLong.of(0), instance.remainingFuel());
        }
    }

    @Test
    void reentrantCallsChargeTheSameAccountExactly() {
        AtomicLong seenInside = new AtomicLong();
        InstanceOptions options = LimitModules.signalling(new CountDownLatch(1)).fuel(BUDGET)
                .hostFunction("env", "reenter", call -> {
                    seenInside.set(call.instance().remainingFuel().orElseThrow());
                    return call.instance().call("count_down", List.of(10));
                })
                .build();
        try (WasmInstance instance = LimitModules.start("limits-loops", options)) {
            assertEquals(List.of(1), instance.call("outer", List.of()));
            assertEquals(BUDGET - 4, seenInside.get(), "outer's one run is charged before it calls the host");
            assertEquals(OptionalLong.of(BUDGET - 4 - countDownCost(10)), instance.remainingFuel());
        }
    }

    /** A call depth other than the default gives the outer instance its own interpreter, so each runs on its own machine. */
    @ParameterizedTest
    @ValueSource(ints = {InstanceOptions.DEFAULT_MAX_CALL_DEPTH, 5_000})
    void callsIntoAnotherInstanceChargeThatInstance(int outerCallDepth) {
        try (WasmInstance other = metered(BUDGET)) {
            InstanceOptions options = LimitModules.signalling(new CountDownLatch(1)).fuel(BUDGET).maxCallDepth(outerCallDepth)
                    .hostFunction("env", "reenter", call -> other.call("count_down", List.of(1_000)))
                    .build();
            try (WasmInstance instance = LimitModules.start("limits-loops", options)) {
                for (int call = 1; call <= 3; call++) {
                    instance.call("outer", List.of());
                    assertEquals(OptionalLong.of(BUDGET - 4L * call), instance.remainingFuel());
                    assertEquals(OptionalLong.of(BUDGET - countDownCost(1_000) * call), other.remainingFuel());
                }
            }
        }
    }

    @Test
    void anEndlessStartFunctionRunsOutOfFuel() {
        CallAbortedException e = assertThrows(CallAbortedException.class,
                () -> LimitModules.start("limits-endless-start", InstanceOptions.builder().fuel(1_000_000).build()));
        assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, e.reason());
    }

    @Test
    void instancesWithoutFuelAreNotMetered() {
        try (WasmInstance instance = LimitModules.start("limits-loops",
                LimitModules.signalling(new CountDownLatch(1)).build())) {
            assertEquals(OptionalLong.empty(), instance.remainingFuel());
            assertThrows(IllegalStateException.class, () -> instance.addFuel(1));
            assertEquals(List.of(0), instance.call("count_down", List.of(100_000)));
        }
    }

    @Test
    void topUpsAddUpAndSaturate() {
        try (WasmInstance instance = metered(10)) {
            instance.addFuel(5);
            assertEquals(OptionalLong.of(15), instance.remainingFuel());
            instance.addFuel(Long.MAX_VALUE);
            assertEquals(OptionalLong.of(Long.MAX_VALUE), instance.remainingFuel());
            assertThrows(IllegalArgumentException.class, () -> instance.addFuel(-1));
        }
    }

    @Test
    void fuelDoesNotCarryIntoUnmeteredCallsOnTheSameThread() {
        try (WasmInstance metered = metered(countDownCost(10));
             WasmInstance free = LimitModules.start("limits-loops", LimitModules.signalling(new CountDownLatch(1)).build())) {
            metered.call("count_down", List.of(10));
            assertEquals(List.of(0), free.call("count_down", List.of(1_000_000)));
            assertEquals(OptionalLong.of(0), metered.remainingFuel());
            assertThrows(CallAbortedException.class, () -> metered.call("add", List.of(1, 1)));
        }
    }
}
