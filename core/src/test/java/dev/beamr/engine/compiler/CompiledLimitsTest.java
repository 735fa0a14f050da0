package dev.beamr.engine.compiler;

import dev.beamr.CallAbortedException;
import dev.beamr.CallAbortedException.Reason;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuel, deadlines, cancellation and call depth in compiled code: charged and enforced exactly as the
 * interpreter does, with the instance usable afterwards.
 */
// A limit that failed to stop compiled code would leave it spinning: fail the test instead of hanging the run.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompiledLimitsTest {
    private static final long BUDGET = 10_000_000;

    @BeforeAll
    static void everyFunctionIsCompiled() {
        for (String module : List.of("limits-loops", "compiler-calls")) {
            CompiledCode code = Modes.compile(module);
            assertEquals(code.functionCount(), code.compiledCount(), module + " runs as compiled code only");
        }
    }

    /** Options binding limits-loops' imports: {@code env.started} counts down {@code started}, {@code env.reenter} answers 0. */
    private static InstanceOptions.Builder loops(CountDownLatch started) {
        return InstanceOptions.builder()
                .hostFunction("env", "started", call -> {
                    started.countDown();
                    return List.of();
                })
                .hostFunction("env", "reenter", call -> List.of(0));
    }

    private static WasmInstance loops(Mode mode, InstanceOptions options) {
        return Modes.start("limits-loops", mode, options);
    }

    /** count_down(n) executes loop, 5 instructions per iteration, end, local.get and end. */
    private static long countDownCost(int n) {
        return 5L * n + 4;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fuelIsChargedPerInstructionExactly(Mode mode) {
        try (WasmInstance instance = loops(mode, loops(new CountDownLatch(1)).fuel(BUDGET).build())) {
            assertEquals(List.of(5), instance.call("add", List.of(2, 3)));
            assertEquals(OptionalLong.of(BUDGET - 4), instance.remainingFuel());
            for (int n : new int[] {1, 7, 1_000, 123_457}) {
                long before = instance.remainingFuel().orElseThrow();
                assertEquals(List.of(0), instance.call("count_down", List.of(n)));
                assertEquals(countDownCost(n), before - instance.remainingFuel().orElseThrow(), "count_down(" + n + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void runningOutOfFuelStopsACompiledLoopAndATopUpLetsItFinish(Mode mode) {
        int n = 100_000;
        try (WasmInstance instance = loops(mode, loops(new CountDownLatch(1)).fuel(countDownCost(n) - 1).build())) {
            CallAbortedException e = assertThrows(CallAbortedException.class, () -> instance.call("count_down", List.of(n)));
            assertEquals(Reason.FUEL_EXHAUSTED, e.reason());
            assertEquals("count_down", e.function());
            assertEquals(OptionalLong.of(0), instance.remainingFuel());
            instance.addFuel(countDownCost(n));
            assertEquals(List.of(0), instance.call("count_down", List.of(n)));
            assertEquals(OptionalLong.of(0), instance.remainingFuel(), "exactly enough fuel is enough");
        }
    }

    @Test
    void reentrantCallsFromCompiledCodeChargeTheSameAccount() {
        InstanceOptions options = loops(new CountDownLatch(1)).fuel(BUDGET)
                .hostFunction("env", "reenter", call -> call.instance().call("count_down", List.of(10)))
                .build();
        try (WasmInstance instance = loops(Mode.AOT, options)) {
            assertEquals(List.of(1), instance.call("outer", List.of()));
            assertEquals(OptionalLong.of(BUDGET - 4 - countDownCost(10)), instance.remainingFuel());
        }
    }

    @Test
    void aDeadlineStopsACompiledEndlessLoop() {
        try (WasmInstance instance = loops(Mode.AOT, loops(new CountDownLatch(1)).build())) {
            CallAbortedException e = assertThrows(CallAbortedException.class,
                    () -> instance.call("spin", List.of(0), Duration.ofMillis(100)));
            assertEquals(Reason.DEADLINE_EXCEEDED, e.reason());
            assertEquals(List.of(5), instance.call("add", List.of(2, 3)), "the instance still works");
        }
    }

    @Test
    void interruptStopsACompiledEndlessLoopFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = loops(Mode.AOT, loops(started).build())) {
            CompletableFuture<Throwable> spinning = CompletableFuture.supplyAsync(() -> {
                try {
                    instance.call("spin", List.of(0));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            instance.interrupt();
            Throwable stopped = spinning.get(10, TimeUnit.SECONDS);
            assertEquals(Reason.CANCELLED, assertInstanceOf(CallAbortedException.class, stopped).reason());
            assertEquals(List.of(0), instance.call("count_down", List.of(10)), "the next call is not interrupted");
        }
    }

    /** depth(n) nests n + 1 calls: with a limit of 50, depth(49) is the deepest that fits, in either mode. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSmallCallDepthLimitTrapsRecursionAtTheSameDepthInBothModes(Mode mode) {
        try (WasmInstance instance = Modes.start("compiler-calls", mode, InstanceOptions.builder().maxCallDepth(50).build())) {
            assertEquals(List.of(49), instance.call("depth", List.of(49)));
            TrapException trap = assertThrows(TrapException.class, () -> instance.call("depth", List.of(50)));
            assertEquals(TrapKind.STACK_EXHAUSTED, trap.kind());
            assertEquals(List.of(49), instance.call("depth", List.of(49)), "the depth count starts afresh");
        }
    }

    /**
     * With no depth limit to speak of, endless recursion on a thread with a small stack runs out of
     * Java stack (compiled frames live on it, unlike the interpreter's), which must reach the caller as
     * a STACK_EXHAUSTED trap, never as a StackOverflowError.
     */
    @Test
    void recursionDeeperThanTheJavaStackTrapsAndTheInstanceGoesOn() throws InterruptedException {
        try (WasmInstance instance = Modes.start("compiler-calls", Mode.AOT,
                InstanceOptions.builder().maxCallDepth(Integer.MAX_VALUE).build())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread smallStack = new Thread(null, () -> {
                try {
                    instance.call("forever", List.of(0));
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "small-stack", 256 * 1024);
            smallStack.start();
            smallStack.join();
            TrapException trap = assertInstanceOf(TrapException.class, failure.get());
            assertEquals(TrapKind.STACK_EXHAUSTED, trap.kind());
            assertEquals(List.of(1_000), instance.call("depth", List.of(1_000)), "the instance still works");
        }
    }
}
