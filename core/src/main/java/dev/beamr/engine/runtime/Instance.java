package dev.beamr.engine.runtime;

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
    }

    public CompiledModule module() { return module; }

    public ExecutionEngine engine() { return engine; }

    /** The module's type section. */
    public FuncType[] types() { return types; }

    public FunctionInstance[] functions() { return functions; }

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
}
