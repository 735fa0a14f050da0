package dev.beamr.engine;

import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.compiler.CompiledCode;
import dev.beamr.engine.compiler.CompiledExecution;
import dev.beamr.engine.compiler.ModuleCompiler;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.validation.ModuleValidator;

import java.util.Objects;
import java.util.function.Function;

/**
 * The engine's front door: turns bytes into a validated module, and a module into a running
 * instance with this engine's executor and limits. Immutable and thread-safe; a compiled module
 * can be instantiated any number of times, by any engine.
 */
public final class Engine {
    /** Chooses how each module's code runs: the same engine for all, or code compiled for the module. */
    private final Function<CompiledModule, ExecutionEngine> executors;
    private final InstanceLimits limits;

    /** An engine that interprets code, with the default instance limits. */
    public Engine() {
        this(Interpreter.INSTANCE, InstanceLimits.DEFAULT);
    }

    public Engine(InstanceLimits limits) {
        this(Interpreter.INSTANCE, limits);
    }

    public Engine(ExecutionEngine executor, InstanceLimits limits) {
        Objects.requireNonNull(executor, "executor");
        this.executors = module -> executor;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    private Engine(Function<CompiledModule, ExecutionEngine> executors, InstanceLimits limits) {
        this.executors = executors;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * An engine that compiles each module it instantiates to JVM bytecode (see
     * {@link ModuleCompiler}), interpreting the functions the JVM could not run well. Unlike
     * {@link ModuleCompiler#compile}, it fails with {@link IllegalStateException} rather than
     * interpret a whole module whose class the JVM refused. Compile once with
     * {@link ModuleCompiler#compile} and use {@link CompiledExecution} to share compiled code
     * between instances.
     */
    public static Engine compiling(InstanceLimits limits) {
        return new Engine(module -> {
            CompiledCode code = ModuleCompiler.compile(module);
            if (code.failure() != null) throw new IllegalStateException("the module could not be compiled", code.failure());
            return new CompiledExecution(code, Interpreter.INSTANCE);
        }, limits);
    }

    public InstanceLimits limits() {
        return limits;
    }

    /**
     * Decodes and validates a module binary; independent of any engine's settings.
     *
     * @throws dev.beamr.MalformedModuleException the bytes are not a well-formed binary
     * @throws dev.beamr.InvalidModuleException   the module breaks a validation rule
     */
    public static CompiledModule compile(byte[] bytes) {
        return ModuleValidator.validate(ModuleDecoder.decode(bytes));
    }

    /**
     * Instantiates a compiled module, linking its imports through {@code imports}.
     *
     * @throws dev.beamr.LinkException an import is missing or has an incompatible type
     * @throws dev.beamr.TrapException a segment does not fit, the start function traps, or a size
     *                                 exceeds this engine's limits
     */
    public Instance instantiate(CompiledModule module, ImportResolver imports) {
        return Instance.instantiate(module, imports, executors.apply(module), limits);
    }

    /** Compiles and instantiates in one step. */
    public Instance instantiate(byte[] bytes, ImportResolver imports) {
        return instantiate(compile(bytes), imports);
    }

    /** Calls the exported numeric function {@code name} with raw-bit arguments; returns its results as raw bits. */
    public static long[] invoke(Instance instance, String name, long... args) {
        return instance.exportedFunction(name).call(args);
    }
}
