package dev.beamr.fuzz;

import dev.beamr.BeamrException;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Global;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;
import dev.beamr.engine.runtime.Tag;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.util.HashMap;
import java.util.Map;

/**
 * Takes a module through everything a host does with untrusted bytes: decode and validate,
 * instantiate against stand-in imports (functions returning zeros, fresh memories, tables, globals
 * and tags), then call every exported function with zero arguments. Each stage may end in a typed
 * {@link BeamrException} (or an uncaught wasm exception, {@link WasmExceptionPayload}); anything
 * else escapes as an {@link UntypedFailure} naming the stage.
 */
final class ModuleExerciser {
    /** Small caps so that a module declaring huge memories or tables cannot exhaust the test JVM. */
    static final InstanceLimits LIMITS = new InstanceLimits(1024, 1_000_000);

    enum Stage { COMPILE, INSTANTIATE, START, CALL }

    /** Told when a stage begins, so that a watchdog can time it; {@code detail} names the export for calls. */
    interface StageListener {
        StageListener NONE = (stage, detail) -> {};

        void entering(Stage stage, String detail);
    }

    /** How far a module got: the last stage it entered, and whether every stage ended normally. */
    record Progress(Stage lastStage, boolean completed, int callsMade) {}

    /** A stage ended in something other than a typed error: a bug. */
    static final class UntypedFailure extends RuntimeException {
        final Stage stage;

        UntypedFailure(Stage stage, String detail, Throwable cause) {
            super(stage + (detail == null ? "" : " " + detail) + ": " + cause, cause);
            this.stage = stage;
        }
    }

    private static final Engine ENGINE = new Engine(LIMITS);

    private ModuleExerciser() {}

    static Progress exercise(byte[] bytes, StageListener listener) {
        listener.entering(Stage.COMPILE, null);
        CompiledModule compiled;
        try {
            compiled = Engine.compile(bytes);
        } catch (Throwable t) {
            rethrowUnlessTyped(Stage.COMPILE, null, t);
            return new Progress(Stage.COMPILE, false, 0);
        }
        WasmModule module = compiled.module();
        Stage instantiation = module.startFunction() >= 0 ? Stage.START : Stage.INSTANTIATE;
        listener.entering(instantiation, null);
        Instance instance;
        try {
            instance = ENGINE.instantiate(compiled, standInImports(module));
        } catch (Throwable t) {
            rethrowUnlessTyped(instantiation, null, t);
            return new Progress(instantiation, false, 0);
        }
        int calls = 0;
        boolean allReturned = true;
        for (Map.Entry<String, Extern> export : instance.exports().entrySet()) {
            if (!(export.getValue() instanceof FunctionInstance function)) continue;
            listener.entering(Stage.CALL, export.getKey());
            calls++;
            allReturned &= callWithZeros(function, export.getKey());
        }
        return new Progress(calls == 0 ? instantiation : Stage.CALL, allReturned, calls);
    }

    /** Calls {@code function} with zero (or null) arguments; true when it returns normally. */
    private static boolean callWithZeros(FunctionInstance function, String name) {
        FuncType type = function.type();
        int slots = Math.max(type.paramCount(), type.resultCount());
        try {
            function.invoke(null, new long[slots], new Object[slots]);
            return true;
        } catch (Throwable t) {
            rethrowUnlessTyped(Stage.CALL, name, t);
            return false;
        }
    }

    private static void rethrowUnlessTyped(Stage stage, String detail, Throwable t) {
        if (t instanceof BeamrException || t instanceof WasmExceptionPayload) return;
        throw new UntypedFailure(stage, detail, t);
    }

    /** Satisfies every import with a stand-in of its declared type, within {@link #LIMITS}. */
    static ImportResolver standInImports(WasmModule module) {
        Map<String, Extern> externs = new HashMap<>();
        for (Import anImport : module.imports()) {
            externs.put(anImport.module() + '\0' + anImport.name(), standIn(module, anImport));
        }
        return (moduleName, name) -> externs.get(moduleName + '\0' + name);
    }

    private static Extern standIn(WasmModule module, Import anImport) {
        return switch (anImport.descriptor()) {
            case ImportDescriptor.Function f -> {
                FuncType type = module.types().get(f.typeIndex());
                yield new HostFunctionInstance(anImport.module() + "." + anImport.name(), type,
                        (caller, args) -> new long[type.resultCount()]);
            }
            case ImportDescriptor.Table t -> new Table(t.type(), null, LIMITS.maxTableElements());
            case ImportDescriptor.Memory m -> new Memory(m.type(), LIMITS.maxMemoryPages());
            case ImportDescriptor.Global g -> new Global(g.type(), 0, null);
            case ImportDescriptor.Tag t -> new Tag(module.types().get(t.typeIndex()));
        };
    }
}
