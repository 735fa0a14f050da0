package dev.beamr.limits;

import dev.beamr.InstanceOptions;
import dev.beamr.MemoryAccessException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caps on memory and tables beyond the module's own, and the call-depth limit. */
class ResourceCapTest {
    private static WasmInstance start(InstanceOptions.Builder options) {
        return LimitModules.start("limits-memory", options.build());
    }

    private static InstanceOptions.Builder options() {
        return LimitModules.signalling(new CountDownLatch(1));
    }

    @Test
    void memoryGrowthStopsAtTheHostCap() {
        try (WasmInstance instance = start(options().maxMemoryPages(4))) {
            assertEquals(List.of(1), instance.call("grow", List.of(2)));
            assertEquals(List.of(-1), instance.call("grow", List.of(2)), "5 pages would pass the cap of 4");
            assertEquals(List.of(3), instance.call("grow", List.of(1)));
            assertEquals(List.of(-1), instance.call("grow", List.of(1)));
            assertEquals(4, instance.memory().pages());
            assertThrows(MemoryAccessException.class, () -> instance.memory().growPages(1), "the host's growth obeys the cap too");
        }
    }

    @Test
    void tableGrowthStopsAtTheHostCap() {
        try (WasmInstance instance = start(options().maxTableElements(10))) {
            assertEquals(List.of(1), instance.call("table_grow", List.of(9)));
            assertEquals(List.of(-1), instance.call("table_grow", List.of(1)));
            assertEquals(List.of(10), instance.call("table_grow", List.of(0)));
        }
    }

    @Test
    void aHugeInitialMemoryFailsToStartCleanly() {
        InstanceOptions capped = InstanceOptions.builder().maxMemoryPages(1_000).build();
        TrapException e = assertThrows(TrapException.class, () -> LimitModules.start("limits-huge-memory", capped));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.kind());
        assertTrue(e.getMessage().contains("60000 pages exceeds the limit of 1000 pages"), e.getMessage());
        try (WasmInstance small = start(options().maxMemoryPages(1_000))) {
            assertEquals(List.of(1), small.call("grow", List.of(1)), "other instances start as usual");
        }
    }

    @Test
    void deepRecursionTrapsAtTheDefaultDepthOnADefaultStackThread() throws Exception {
        try (WasmInstance instance = start(options())) {
            CompletableFuture<Void> run = new CompletableFuture<>();
            // A new platform thread has the JVM's default stack size: wasm calls do not recurse in Java.
            Thread thread = new Thread(() -> {
                try {
                    TrapException e = assertThrows(TrapException.class, () -> instance.call("depth", List.of(150_000)));
                    assertEquals(TrapKind.STACK_EXHAUSTED, e.kind());
                    assertEquals(List.of(99_000), instance.call("depth", List.of(99_000)), "the thread and instance still work");
                    run.complete(null);
                } catch (Throwable failure) {
                    run.completeExceptionally(failure);
                }
            });
            thread.start();
            run.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCallDepthLimitIsAnInstanceOption() {
        try (WasmInstance deep = start(options().maxCallDepth(300_000))) {
            assertEquals(List.of(250_000), deep.call("depth", List.of(250_000)));
        }
        try (WasmInstance shallow = start(options().maxCallDepth(1_000))) {
            assertEquals(TrapKind.STACK_EXHAUSTED,
                    assertThrows(TrapException.class, () -> shallow.call("depth", List.of(1_500))).kind());
            assertEquals(List.of(900), shallow.call("depth", List.of(900)));
        }
    }
}
