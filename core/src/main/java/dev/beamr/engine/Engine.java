package dev.beamr.engine;

import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.validation.ModuleValidator;

import java.util.Objects;

/**
 * The engine's front door: turns bytes into a validated module, and a module into a running
 * instance with this engine's executor and limits. Immutable and thread-safe; a compiled module
 * can be instantiated any number of times, by any engine.
 */
public final class Engine {
    private final ExecutionEngine executor;
    private final InstanceLimits limits;

    /** An engine that interprets code, with the default instance limits. */
    public Engine() {
        this(Interpreter.INSTANCE, InstanceLimits.DEFAULT);
    }

    public Engine(InstanceLimits limits) {
        this(Interpreter.INSTANCE, limits);
    }

    public Engine(ExecutionEngine executor, InstanceLimits limits) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ExecutionEngine executor() {
        return executor;
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
        return Instance.instantiate(module, imports, executor, limits);
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
