package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.CallResult;
import dev.beamr.ImportResult;
import dev.beamr.TrapException;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers: BEAMR's multi-client test, serialized calls from many threads, async order, and many idle instances. */
class ConcurrencyTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aHundredThreadsMakingAThousandCallsEachLoseNone() throws Exception {
        int threads = 100;
        int callsPerThread = 1000;
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-calls"));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<int[]>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    go.await();
                    int[] seen = new int[callsPerThread];
                    for (int i = 0; i < callsPerThread; i++) {
                        seen[i] = (Integer) instance.call("increment", List.of(1L)).getFirst();
                    }
                    return seen;
                }));
            }
            go.countDown();
            BitSet returned = new BitSet();
            for (Future<int[]> future : counts) {
                int previous = 0;
                for (int count : future.get()) {
                    assertTrue(count > previous, "one thread's calls run in its order");
                    assertFalse(returned.get(count), "every call saw its own increment");
                    returned.set(count);
                    previous = count;
                }
            }
            int total = threads * callsPerThread;
            assertEquals(total, returned.cardinality());
            assertEquals(total, returned.nextClearBit(1) - 1);
            assertEquals(List.of((long) total), instance.call("total", List.of()));
        }
    }

    @Test
    void severalClientsShareOneInstance() throws Exception {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-fac"));
             ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<List<Number>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) results.add(clients.submit(() -> instance.call("fac", List.of(5.0))));
            for (Future<List<Number>> result : results) assertEquals(List.of(120.0), result.get());
        }
    }

    @Test
    void asynchronousCallsRunInSubmissionOrderOnVirtualThreads() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-calls"))) {
            List<CompletableFuture<List<Number>>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) futures.add(instance.callAsync("increment", List.of(1L)));
            for (int i = 0; i < futures.size(); i++) assertEquals(List.of(i + 1), futures.get(i).join());

            CallResult<Boolean> onVirtual = instance.callAsync("ticks", List.of(1),
                    (state, call, options) -> new ImportResult<>(List.of(0), Thread.currentThread().isVirtual()),
                    false, Map.of()).join();
            assertTrue(onVirtual.state());
        }
    }

    @Test
    void aFailedAsynchronousCallDoesNotBlockTheQueue() {
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-calls"))) {
            CompletableFuture<List<Number>> failing = instance.callAsync("divide", List.of(1, 0));
            CompletableFuture<List<Number>> next = instance.callAsync("divide", List.of(6, 3));
            CompletionException failure = assertThrows(CompletionException.class, failing::join);
            assertInstanceOf(TrapException.class, failure.getCause());
            assertEquals(List.of(2), next.join());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.beamr.api.StartTest#facModules")
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tenThousandLiveInstancesAreCheap(TestModules.Source source) {
        BeamrModule module = Beamr.compile(source.bytes());
        int count = 10_000;
        int threadsBefore = Thread.activeCount();
        long heapBefore = usedHeap();
        List<WasmInstance> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) instances.add(module.start());
        AtomicInteger right = new AtomicInteger();
        for (WasmInstance instance : instances) {
            if (instance.call("fac", List.of(5.0)).equals(List.of(120.0))) right.incrementAndGet();
        }
        long heapUsed = usedHeap() - heapBefore;
        System.out.printf("10,000 live instances of %s: %.1f MiB of heap, %d bytes each%n",
                source, heapUsed / (1024.0 * 1024), heapUsed / count);
        assertEquals(count, right.get());
        assertTrue(Thread.activeCount() - threadsBefore < 100, "no thread per instance");
        assertTrue(heapUsed / count < 16 * 1024, "an idle instance costs under 16 KiB: " + heapUsed / count);
        instances.forEach(WasmInstance::stop);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
