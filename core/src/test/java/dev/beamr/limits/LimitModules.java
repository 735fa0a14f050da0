package dev.beamr.limits;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The limit tests' modules (built from {@code core/src/test/resources/wat/limits-*.wat}) and their host side. */
final class LimitModules {
    private LimitModules() {}

    static BeamrModule compile(String name) {
        try (InputStream in = LimitModules.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) throw new IllegalStateException("missing test module /wasm/" + name + ".wasm; run scripts/build-test-modules.sh");
            return Beamr.compile(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
