package dev.beamr.limits;

import dev.beamr.CallAbortedException;
import dev.beamr.CallAbortedException.Reason;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines and cancellation stop a call promptly, in a tight loop and inside bulk memory operations,
 * and leave the instance usable. Measured delays are printed; the bound asserted is generous (timing
 * on a loaded machine varies) yet far below what an unchecked loop or fill would take.
 */
// A limit that failed to stop wasm code would leave it spinning: fail the test instead of hanging the run.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptionTest {
    /** How late a stopped call may end, well above the few milliseconds it takes. */
    private static final long BOUND_MILLIS = 500;
    /** 2 GiB: filling or copying it takes far longer than the bound allows for a stop. */
    private static final int HUGE_PAGES = 32_768;
    private static final long HUGE_BYTES = (long) HUGE_PAGES * 65_536;

    @Test
    void aDeadlineStopsATightLoop() {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = LimitModules.start("limits-loops", LimitModules.signalling(started).build())) {
            Duration timeout = Duration.ofMillis(100);
            long begin = System.nanoTime();
            assertAborted(Reason.DEADLINE_EXCEEDED, () -> instance.call("spin", List.of(0), timeout));
            long overshoot = millisSince(begin) - timeout.toMillis();
            System.out.println("deadline overshoot in a br_if loop: " + overshoot + " ms");
            assertTrue(overshoot >= 0 && overshoot < BOUND_MILLIS, "stopped " + overshoot + " ms after the deadline");
            assertEquals(List.of(5), instance.call("add", List.of(2, 3)), "the instance still works");
        }
    }

    @Test
    void theInstanceCallTimeoutAppliesToEveryCallAndTheStartFunction() {
        InstanceOptions options = LimitModules.signalling(new CountDownLatch(1)).callTimeout(Duration.ofMillis(50)).build();
        try (WasmInstance instance = LimitModules.start("limits-loops", options)) {
            assertAborted(Reason.DEADLINE_EXCEEDED, () -> instance.call("spin", List.of(0)));
            assertAborted(Reason.DEADLINE_EXCEEDED, () -> instance.call("spin", List.of(0)));
            assertEquals(List.of(0), instance.call("count_down", List.of(1_000)));
        }
        assertAborted(Reason.DEADLINE_EXCEEDED, () -> LimitModules.start("limits-endless-start",
                InstanceOptions.builder().callTimeout(Duration.ofMillis(50)).build()));
    }

    @Test
    void interruptStopsACallFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = LimitModules.start("limits-loops", LimitModules.signalling(started).build())) {
            assertInterruptStops(instance, started, "a br_if loop", () -> instance.call("spin", List.of(0)));
            assertEquals(List.of(0), instance.call("count_down", List.of(10)), "the next call is not interrupted");
        }
    }

    @Test
    void cancellingAnAsynchronousCallStopsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = LimitModules.start("limits-loops", LimitModules.signalling(started).build())) {
            CompletableFuture<List<Number>> spinning = instance.callAsync("spin", List.of(0));
            CompletableFuture<List<Number>> queued = instance.callAsync("add", List.of(1, 2));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long begin = System.nanoTime();
            assertTrue(spinning.cancel(true));
            assertEquals(List.of(3), queued.get(10, TimeUnit.SECONDS), "the queued call runs once the cancelled one ends");
            long delay = millisSince(begin);
            System.out.println("future.cancel() to the next queued call's result: " + delay + " ms");
            assertTrue(delay < BOUND_MILLIS, "the cancelled call ended " + delay + " ms after cancel()");
            assertThrows(CancellationException.class, spinning::join);
        }
    }

    @Test
    void anAsynchronousCallTimingOutIsStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = LimitModules.start("limits-loops", LimitModules.signalling(started).build())) {
            CompletableFuture<List<Number>> spinning = instance.callAsync("spin", List.of(0)).orTimeout(50, TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> spinning.get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals(List.of(7), instance.callAsync("add", List.of(3, 4)).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancellingAQueuedCallDropsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InstanceOptions options = LimitModules.signalling(started)
                .hostFunction("env", "reenter", call -> {
                    started.countDown();
                    await(release);
                    return List.of(0);
                })
                .build();
        try (WasmInstance instance = LimitModules.start("limits-loops", options)) {
            CompletableFuture<List<Number>> blocking = instance.callAsync("outer", List.of());
            assertTrue(started.await(10, TimeUnit.SECONDS));
            CompletableFuture<List<Number>> dropped = instance.callAsync("count_down", List.of(1));
            assertTrue(dropped.cancel(true));
            release.countDown();
            assertEquals(List.of(1), blocking.get(10, TimeUnit.SECONDS));
            assertTrue(dropped.isCancelled());
        }
    }

    @Test
    void aDeadlineStopsAHugeMemoryFillBetweenChunks() {
        assertDeadlineStopsHugeFill(LimitModules.start("limits-memory", LimitModules.signalling(new CountDownLatch(1)).build()));
    }

    @Test
    void aDeadlineStopsAHugeFillOfASuppliedMemory() {
        InstanceOptions options = LimitModules.signalling(new CountDownLatch(1)).importMemory("env", "memory").build();
        assertDeadlineStopsHugeFill(LimitModules.start("limits-imported-memory", options));
    }

    /** Fills 2 GiB of {@code started}'s memory under a 20 ms deadline, which must stop it between chunks. */
    private static void assertDeadlineStopsHugeFill(WasmInstance started) {
        try (WasmInstance instance = started) {
            instance.call("grow", List.of(HUGE_PAGES - 1));
            Duration timeout = Duration.ofMillis(20);
            long begin = System.nanoTime();
            assertAborted(Reason.DEADLINE_EXCEEDED, () -> instance.call("fill", List.of((int) HUGE_BYTES), timeout));
            long overshoot = millisSince(begin) - timeout.toMillis();
            System.out.println("deadline overshoot in memory.fill of 2 GiB: " + overshoot + " ms");
            assertTrue(overshoot < BOUND_MILLIS, "stopped " + overshoot + " ms after the deadline");
            assertEquals((byte) 0xAB, instance.memory().read(0, 1)[0], "the chunks before the stop are filled");
            assertEquals(0, instance.memory().read(HUGE_BYTES - 1, 1)[0], "the chunks after it are not");
            assertEquals(List.of(HUGE_PAGES), instance.call("grow", List.of(0)), "the instance still works");
        }
    }

    @Test
    void interruptStopsAHugeMemoryCopyBetweenChunks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WasmInstance instance = LimitModules.start("limits-memory", LimitModules.signalling(started).build())) {
            instance.call("grow", List.of(HUGE_PAGES - 1));
            int half = (int) (HUGE_BYTES / 2);
            assertInterruptStops(instance, started, "memory.copy of 1 GiB", () -> instance.call("copy", List.of(half, half)));
        }
    }

    /**
     * Runs {@code call} on another thread, interrupts the instance once {@code started} is counted
     * down, and asserts the call ends cancelled within {@link #BOUND_MILLIS}, printing how long it
     * took to stop {@code what}.
     */
    private static void assertInterruptStops(WasmInstance instance, CountDownLatch started, String what, Runnable call)
            throws Exception {
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> failureOf(call));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long begin = System.nanoTime();
        instance.interrupt();
        Throwable stopped = failure.get(10, TimeUnit.SECONDS);
        long delay = millisSince(begin);
        System.out.println("interrupt() to the end of " + what + ": " + delay + " ms");
        assertEquals(Reason.CANCELLED, assertInstanceOf(CallAbortedException.class, stopped).reason());
        assertTrue(delay < BOUND_MILLIS, "stopped " + delay + " ms after interrupt()");
    }

    private static void assertAborted(Reason reason, Executable call) {
        assertEquals(reason, assertThrows(CallAbortedException.class, call).reason());
    }

    private static Throwable failureOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
