package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.CallResult;
import dev.beamr.ImportResult;
import dev.beamr.InstanceStoppedException;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping instances: BEAMR's stop tests, plus what happens to later and queued work. */
class StopTest {
    @Test
    void callsAfterStopFailClearly() {
        WasmInstance instance = Beamr.start(TestFiles.module("api-memory"));
        assertFalse(instance.isStopped());
        instance.stop();
        assertTrue(instance.isStopped());
        assertThrows(InstanceStoppedException.class, () -> instance.call("greeting", List.of()));
        assertThrows(InstanceStoppedException.class, () -> instance.memory().read(66, 1));
        assertThrows(InstanceStoppedException.class, instance::serialize);
        assertThrows(InstanceStoppedException.class, instance::snapshot);
        CompletionException queued = assertThrows(CompletionException.class,
                () -> instance.callAsync("greeting", List.of()).join());
        assertInstanceOf(InstanceStoppedException.class, queued.getCause());
    }

    @Test
    void stopIsIdempotent() {
        WasmInstance instance = Beamr.start(TestFiles.module("api-fac"));
        instance.stop();
        instance.stop();
        instance.close();
        assertTrue(instance.isStopped());
    }

    @Test
    void closingStopsTheInstance() {
        WasmInstance outside;
        try (WasmInstance instance = Beamr.start(TestFiles.module("api-fac"))) {
            outside = instance;
        }
        assertThrows(InstanceStoppedException.class, () -> outside.call("fac", List.of(1.0)));
    }

    @Test
    void stoppingFromAHandlerLetsTheCurrentCallFinish() {
        WasmInstance instance = Beamr.start(TestFiles.module("api-calls"));
        CallResult<Integer> result = instance.call("ticks", List.of(3), (count, call, options) -> {
            call.instance().stop();
            return new ImportResult<>(List.of(1), count + 1);
        }, 0, Map.of());
        assertEquals(List.of(3), result.results());
        assertEquals(3, result.state());
        assertThrows(InstanceStoppedException.class, () -> instance.call("double", List.of(1)));
    }

    @Test
    void allocationsClosedAfterStopDoNotFail() {
        WasmInstance instance = Beamr.start(TestFiles.module("api-memory"));
        var allocation = instance.memory().allocate(16);
        instance.stop();
        allocation.close();
        assertTrue(allocation.isClosed());
    }
}
