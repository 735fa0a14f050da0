package dev.beamr.bench;

import dev.beamr.BeamrException;
import dev.beamr.Mode;
import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs kernels in Beamr on one instance of a kernels module. */
final class BeamrRunner {
    private final Instance instance;
    private final String loadFailure;

    private BeamrRunner(Instance instance, String loadFailure) {
        this.instance = instance;
        this.loadFailure = loadFailure;
    }

    /** Compiles and instantiates {@code module} for {@code mode}; if that fails, every kernel fails with the reason. */
    static BeamrRunner load(Path module, Mode mode) {
        Engine engine = mode == Mode.AOT ? Engine.compiling(InstanceLimits.DEFAULT) : new Engine();
        try {
            return new BeamrRunner(engine.instantiate(Files.readAllBytes(module), ImportResolver.NONE), null);
        } catch (IOException e) {
            return new BeamrRunner(null, "cannot read " + module + ": " + e.getMessage());
        } catch (BeamrException e) {
            return new BeamrRunner(null, "cannot load " + module + ": " + e.getMessage());
        }
    }

    /** {@code warmup} untimed calls, then the best of {@code runs} timed ones. */
    Outcome run(Kernel kernel, int warmup, int runs) {
        if (loadFailure != null) return new Outcome.Failed(loadFailure);
        Extern export = instance.export(kernel.export());
        if (!(export instanceof FunctionInstance function)) {
            return new Outcome.Failed("the module exports no function " + kernel.export());
        }
        try {
            for (int i = 0; i < warmup; i++) function.call(kernel.argument());
            long result = 0;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                result = function.call(kernel.argument())[0];
                best = Math.min(best, System.nanoTime() - start);
            }
            return new Outcome.Timed(best / 1e6, result);
        } catch (BeamrException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }
}
