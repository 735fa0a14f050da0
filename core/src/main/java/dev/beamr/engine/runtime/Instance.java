package dev.beamr.engine.runtime;

import dev.beamr.BeamrException;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;

import java.util.Map;

/**
 * A module instance: its function, table, memory, global and tag index spaces (imports first),
 * the segments not yet dropped, and its exports. The arrays are shared with the execution engine,
 * which reads and writes them directly.
 */
public final class Instance {
    private final CompiledModule module;
    private final ExecutionEngine engine;
    private final FuncType[] types;
    private final FunctionInstance[] functions;
    private final Table[] tables;
    private final Memory[] memories;
    private final Global[] globals;
    private final Tag[] tags;
    private final byte[][] dataSegments;
    private final Object[][] elementSegments;
    private final Map<String, Extern> exports;
    private final CompiledFunction[] interpretedCode;

    Instance(CompiledModule module, ExecutionEngine engine, FuncType[] types, FunctionInstance[] functions,
             Table[] tables, Memory[] memories, Global[] globals, Tag[] tags,
             byte[][] dataSegments, Object[][] elementSegments, Map<String, Extern> exports) {
        this.module = module;
        this.engine = engine;
        this.types = types;
        this.functions = functions;
        this.tables = tables;
        this.memories = memories;
        this.globals = globals;
        this.tags = tags;
        this.dataSegments = dataSegments;
        this.elementSegments = elementSegments;
        this.exports = exports;
        this.interpretedCode = interpretedCode(module, engine, functions.length);
    }

    /** By function index, the code of each defined function the engine interprets; null for the others. */
    private static CompiledFunction[] interpretedCode(CompiledModule module, ExecutionEngine engine, int functionCount) {
        CompiledFunction[] bodies = module.functions();
        CompiledFunction[] interpreted = new CompiledFunction[functionCount];
        int base = functionCount - bodies.length;
        for (int i = 0; i < bodies.length; i++) {
            if (engine.interprets(bodies[i])) interpreted[base + i] = bodies[i];
        }
        return interpreted;
    }

    /**
     * Instantiates {@code module}: links its imports through {@code imports}, allocates and
     * initializes its definitions, and runs its start function.
     *
     * @throws dev.beamr.LinkException          an import is missing or has an incompatible type
     * @throws dev.beamr.TrapException          a segment does not fit, the start function traps, or a
     *                                          memory or table exceeds {@code limits}
     * @throws dev.beamr.InvalidModuleException the module refers to definitions it does not have
     */
    public static Instance instantiate(CompiledModule module, ImportResolver imports, ExecutionEngine engine,
                                       InstanceLimits limits) {
        return Instantiator.instantiate(module, imports, engine, limits);
    }

    public static Instance instantiate(CompiledModule module, ImportResolver imports, ExecutionEngine engine) {
        return instantiate(module, imports, engine, InstanceLimits.DEFAULT);
    }

    public CompiledModule module() { return module; }

    public ExecutionEngine engine() { return engine; }

    /** The module's type section. */
    public FuncType[] types() { return types; }

    public FunctionInstance[] functions() { return functions; }

    /**
     * By function index, the code of this instance's own functions that its engine interprets, null
     * for imports and compiled functions: the calls an interpreter may make by pushing a frame.
     */
    public CompiledFunction[] interpretedCode() { return interpretedCode; }

    public Table[] tables() { return tables; }

    public Memory[] memories() { return memories; }

    public Global[] globals() { return globals; }

    public Tag[] tags() { return tags; }

    /** Data segment contents by index; an entry becomes null once dropped (or after an active segment is applied). */
    public byte[][] dataSegments() { return dataSegments; }

    /** Element segment references by index; an entry becomes null once dropped (or after an active/declarative segment). */
    public Object[][] elementSegments() { return elementSegments; }

    /** Exports by name, in the module's order. */
    public Map<String, Extern> exports() { return exports; }

    public Extern export(String name) { return exports.get(name); }

    /** The exported function {@code name}; fails with a message saying what is missing or wrong. */
    public FunctionInstance exportedFunction(String name) {
        return exported(name, FunctionInstance.class, "function");
    }

    public Memory exportedMemory(String name) {
        return exported(name, Memory.class, "memory");
    }

    public Table exportedTable(String name) {
        return exported(name, Table.class, "table");
    }

    public Global exportedGlobal(String name) {
        return exported(name, Global.class, "global");
    }

    private <T extends Extern> T exported(String name, Class<T> kind, String kindName) {
        Extern extern = exports.get(name);
        if (extern == null) throw new BeamrException("the instance has no export named \"" + name + "\"");
        if (!kind.isInstance(extern)) {
            throw new BeamrException("export \"" + name + "\" is a " + Instantiator.kindName(extern)
                    + ", not a " + kindName);
        }
        return kind.cast(extern);
    }
}
