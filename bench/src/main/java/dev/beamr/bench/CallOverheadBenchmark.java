package dev.beamr.bench;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What one call into WebAssembly costs, measured on {@code fac(5.0)} (six nested wasm calls, no
 * imports) and {@code pow(3, 1)} (one trip into a Java host function): through the public API on
 * the caller's thread, through the asynchronous path (queued, run on a virtual thread, joined), and
 * straight into the engine's function objects (raw value bits, no checks, no lock), the floor the
 * API's work adds to. Each runs in both modes ({@code mode}): interpreted, and compiled to JVM
 * bytecode.
 * Run with {@code scripts/jmh.sh}.
 */
@State(Scope.Benchmark)
public class CallOverheadBenchmark {
    private static final String MODULE = "call-overhead.wasm";
    private static final List<Double> FAC_ARGUMENT = List.of(5.0);
    private static final List<Integer> POW_ARGUMENTS = List.of(3, 1);
    private static final long FAC_ARGUMENT_BITS = Double.doubleToRawLongBits(5.0);

    /** Set by JMH to each mode in turn; a benchmark object made outside JMH interprets. */
    @Param({"WASM", "AOT"})
    public Mode mode = Mode.WASM;

    private WasmInstance instance;
    private FunctionInstance rawFac;
    private FunctionInstance rawPow;

    @Setup(Level.Trial)
    public void start() {
        byte[] bytes = moduleBytes();
        BeamrModule module = Beamr.compile(bytes, mode);
        instance = module.start(InstanceOptions.builder()
                .hostFunction("env", "mul", call -> List.of(call.arguments().get(0).intValue() * call.arguments().get(1).intValue()))
                .build());
        CompiledModule compiled = Engine.compile(bytes);
        ImportDescriptor.Function mul = (ImportDescriptor.Function) compiled.module().imports().getFirst().descriptor();
        FuncType mulType = compiled.module().types().get(mul.typeIndex());
        Engine engine = mode == Mode.AOT ? Engine.compiling(InstanceLimits.DEFAULT) : new Engine();
        Instance raw = engine.instantiate(compiled, (moduleName, name) -> new HostFunctionInstance(name, mulType,
                (caller, args) -> new long[] {(long) ((int) args[0] * (int) args[1])}));
        rawFac = (FunctionInstance) raw.export("fac");
        rawPow = (FunctionInstance) raw.export("pow");
    }

    @TearDown(Level.Trial)
    public void stop() {
        instance.stop();
    }

    @Benchmark
    public List<Number> facOnCallerThread() {
        return instance.call("fac", FAC_ARGUMENT);
    }

    @Benchmark
    public List<Number> facAsync() {
        return instance.callAsync("fac", FAC_ARGUMENT).join();
    }

    @Benchmark
    public List<Number> powThroughJavaImport() {
        return instance.call("pow", POW_ARGUMENTS);
    }

    @Benchmark
    public long[] facRawEngine() {
        return rawFac.call(FAC_ARGUMENT_BITS);
    }

    @Benchmark
    public long[] powThroughJavaImportRawEngine() {
        return rawPow.call(3, 1);
    }

    private static byte[] moduleBytes() {
        try (InputStream in = CallOverheadBenchmark.class.getResourceAsStream(MODULE)) {
            if (in == null) throw new IllegalStateException(MODULE + " is missing from the benchmark's resources");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + MODULE, e);
        }
    }
}
