package dev.beamr.limits;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The limit tests' modules (built from {@code core/src/test/resources/wat/limits-*.wat}) and their host side. */
final class LimitModules {
    private LimitModules() {}

    static BeamrModule compile(String name) {
        return Beamr.compile(TestFiles.module(name));
    }

    /**
     * Options binding {@code env.started} to count down {@code started}, so a test knows the call is
     * running before it stops it, and {@code env.reenter} to answer 0.
     */
    static InstanceOptions.Builder signalling(CountDownLatch started) {
        return InstanceOptions.builder()
                .hostFunction("env", "started", call -> {
                    started.countDown();
                    return List.of();
                })
                .hostFunction("env", "reenter", call -> List.of(0));
    }

    static WasmInstance start(String name, InstanceOptions options) {
        return compile(name).start(options);
    }
}
