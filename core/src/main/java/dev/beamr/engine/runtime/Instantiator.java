package dev.beamr.engine.runtime;

import dev.beamr.InvalidModuleException;
import dev.beamr.LinkException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.ConstExpr;
import dev.beamr.engine.model.DataSegment;
import dev.beamr.engine.model.ElementSegment;
import dev.beamr.engine.model.Export;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.SegmentMode;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.WasmModule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds an {@link Instance} from a compiled module, following WebAssembly 2.0 instantiation:
 * resolve and check the imports, allocate the module's own functions, tables, memories, globals and
 * tags, evaluate the segments, apply the active ones (element segments, then data segments, in
 * module order), and run the start function.
 */
final class Instantiator {
    private final CompiledModule compiled;
    private final WasmModule module;
    private final FuncType[] types;
    private final InstanceLimits limits;

    private final FunctionInstance[] functions;
    private final Table[] tables;
    private final Memory[] memories;
    private final Global[] globals;
    private final Tag[] tags;
    private final byte[][] dataSegments;
    private final Object[][] elementSegments;
    private final Map<String, Extern> exports = new LinkedHashMap<>();
    private final ConstantEvaluator constants;

    private Instantiator(CompiledModule compiled, InstanceLimits limits) {
        this.compiled = compiled;
        this.module = compiled.module();
        this.types = module.types().toArray(FuncType[]::new);
        this.limits = limits;
        this.functions = new FunctionInstance[module.importedCount(ExternKind.FUNCTION) + module.functionTypes().length];
        this.tables = new Table[module.importedCount(ExternKind.TABLE) + module.tables().size()];
        this.memories = new Memory[module.importedCount(ExternKind.MEMORY) + module.memories().size()];
        this.globals = new Global[module.importedCount(ExternKind.GLOBAL) + module.globals().size()];
        this.tags = new Tag[module.importedCount(ExternKind.TAG) + module.tags().length];
        this.dataSegments = new byte[module.datas().size()][];
        this.elementSegments = new Object[module.elements().size()][];
        this.constants = new ConstantEvaluator(functions, globals);
    }

    static Instance instantiate(CompiledModule compiled, ImportResolver imports, ExecutionEngine engine, InstanceLimits limits) {
        if (compiled.functions().length != compiled.module().functionTypes().length) {
            throw new InvalidModuleException("compiled module has " + compiled.functions().length
                    + " function bodies for " + compiled.module().functionTypes().length + " functions");
        }
        return new Instantiator(compiled, limits).run(imports, engine);
    }

    private Instance run(ImportResolver resolver, ExecutionEngine engine) {
        resolveImports(resolver);
        Instance instance = new Instance(compiled, engine, types, functions, tables, memories, globals, tags,
                dataSegments, elementSegments, Collections.unmodifiableMap(exports));
        defineFunctions(instance);
        defineTables();
        defineMemories();
        defineGlobals();
        defineTags();
        evaluateSegments();
        collectExports();
        applyElementSegments();
        applyDataSegments();
        runStart();
        return instance;
    }

    // ---- Imports ----

    private void resolveImports(ImportResolver resolver) {
        int function = 0, table = 0, memory = 0, global = 0, tag = 0;
        for (Import anImport : module.imports()) {
            Extern provided = resolver.resolve(anImport.module(), anImport.name());
            if (provided == null) {
                throw new LinkException("unknown import " + describe(anImport) + ": nothing provides it");
            }
            switch (anImport.descriptor()) {
                case ImportDescriptor.Function d -> functions[function++] = checkFunction(anImport, type(d.typeIndex()), provided);
                case ImportDescriptor.Table d -> tables[table++] = checkTable(anImport, d.type(), provided);
                case ImportDescriptor.Memory d -> memories[memory++] = checkMemory(anImport, d.type(), provided);
                case ImportDescriptor.Global d -> globals[global++] = checkGlobal(anImport, d.type(), provided);
                case ImportDescriptor.Tag d -> tags[tag++] = checkTag(anImport, type(d.typeIndex()), provided);
            }
        }
    }

    private static FunctionInstance checkFunction(Import anImport, FuncType expected, Extern provided) {
        if (!(provided instanceof FunctionInstance function)) throw wrongKind(anImport, provided);
        if (!function.type().equals(expected)) {
            throw incompatible(anImport, "function " + expected, "function " + function.type());
        }
        return function;
    }

    private static Table checkTable(Import anImport, TableType expected, Extern provided) {
        if (!(provided instanceof Table table)) throw wrongKind(anImport, provided);
        Limits actual = new Limits(table.size(), table.type().limits().max());
        if (table.type().elementType() != expected.elementType() || !fits(actual, expected.limits())) {
            throw incompatible(anImport, describe(expected.elementType() + " table", expected.limits()),
                    describe(table.type().elementType() + " table", actual));
        }
        return table;
    }

    private static Memory checkMemory(Import anImport, MemoryType expected, Extern provided) {
        if (!(provided instanceof Memory memory)) throw wrongKind(anImport, provided);
        MemoryType type = memory.type();
        Limits actual = new Limits(memory.pages(), type.limits().max());
        if (type.is64() != expected.is64() || type.shared() != expected.shared() || !fits(actual, expected.limits())) {
            throw incompatible(anImport, describe(expected), describe(new MemoryType(actual, type.is64(), type.shared())));
        }
        return memory;
    }

    private static Global checkGlobal(Import anImport, GlobalType expected, Extern provided) {
        if (!(provided instanceof Global global)) throw wrongKind(anImport, provided);
        if (!global.type().equals(expected)) {
            throw incompatible(anImport, describe(expected), describe(global.type()));
        }
        return global;
    }

    private static Tag checkTag(Import anImport, FuncType expected, Extern provided) {
        if (!(provided instanceof Tag tag)) throw wrongKind(anImport, provided);
        if (!tag.type().equals(expected)) {
            throw incompatible(anImport, "tag " + expected, "tag " + tag.type());
        }
        return tag;
    }

    /** Limits subtyping: the provided range must lie within the declared one. */
    private static boolean fits(Limits actual, Limits declared) {
        if (Long.compareUnsigned(actual.min(), declared.min()) < 0) return false;
        if (!declared.hasMax()) return true;
        return actual.hasMax() && Long.compareUnsigned(actual.max(), declared.max()) <= 0;
    }

    private static LinkException wrongKind(Import anImport, Extern provided) {
        return incompatible(anImport, kindName(anImport.kind()), kindName(provided));
    }

    private static LinkException incompatible(Import anImport, String expected, String actual) {
        return new LinkException("incompatible import type for " + describe(anImport)
                + ": expected " + expected + ", got " + actual);
    }

    // ---- The module's own definitions ----

    private void defineFunctions(Instance instance) {
        int base = module.importedFunctionCount();
        CompiledFunction[] bodies = compiled.functions();
        for (int i = 0; i < bodies.length; i++) {
            FuncType declared = type(module.functionTypes()[i]);
            if (!bodies[i].type().equals(declared)) {
                throw new InvalidModuleException("function " + (base + i) + " is compiled as " + bodies[i].type()
                        + " but declared as " + declared);
            }
            functions[base + i] = new WasmFunction(instance, bodies[i]);
        }
    }

    private void defineTables() {
        int base = module.importedCount(ExternKind.TABLE);
        List<TableType> defined = module.tables();
        for (int i = 0; i < defined.size(); i++) {
            tables[base + i] = new Table(defined.get(i), null, limits.maxTableElements());
        }
    }

    private void defineMemories() {
        int base = module.importedCount(ExternKind.MEMORY);
        List<MemoryType> defined = module.memories();
        for (int i = 0; i < defined.size(); i++) {
            memories[base + i] = new Memory(defined.get(i), limits.maxMemoryPages(), limits.checkpoint());
        }
    }

    private void defineGlobals() {
        int base = module.importedCount(ExternKind.GLOBAL);
        List<WasmModule.Global> defined = module.globals();
        for (int i = 0; i < defined.size(); i++) {
            WasmModule.Global global = defined.get(i);
            GlobalType type = global.type();
            globals[base + i] = type.type().isReference()
                    ? new Global(type, 0, constants.reference(global.init()))
                    : new Global(type, constants.number(global.init()), null);
        }
    }

    private void defineTags() {
        int base = module.importedCount(ExternKind.TAG);
        int[] defined = module.tags();
        for (int i = 0; i < defined.length; i++) {
            tags[base + i] = new Tag(type(defined[i]));
        }
    }

    private void evaluateSegments() {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            List<ConstExpr> items = elements.get(i).items();
            Object[] references = new Object[items.size()];
            for (int j = 0; j < references.length; j++) {
                references[j] = constants.reference(items.get(j));
            }
            elementSegments[i] = references;
        }
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            dataSegments[i] = datas.get(i).bytes();
        }
    }

    private void collectExports() {
        for (Export export : module.exports()) {
            Extern value = switch (export.kind()) {
                case FUNCTION -> at(functions, export);
                case TABLE -> at(tables, export);
                case MEMORY -> at(memories, export);
                case GLOBAL -> at(globals, export);
                case TAG -> at(tags, export);
            };
            if (exports.putIfAbsent(export.name(), value) != null) {
                throw new InvalidModuleException("duplicate export name \"" + export.name() + "\"");
            }
        }
    }

    private static Extern at(Extern[] space, Export export) {
        if (export.index() < 0 || export.index() >= space.length) {
            throw new InvalidModuleException("export \"" + export.name() + "\" names unknown "
                    + kindName(export.kind()) + " " + export.index());
        }
        return space[export.index()];
    }

    // ---- Segment application and start ----

    /** Active segments are copied then dropped, declarative ones just dropped; passive ones stay. */
    private void applyElementSegments() {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment segment = elements.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                Table table = element(tables, segment.tableIndex(), "table", "element segment " + i);
                int offset = (int) constants.number(segment.offset());
                Object[] items = elementSegments[i];
                try {
                    table.init(offset, items, 0, items.length);
                } catch (TrapException e) {
                    throw new TrapException(e.kind(), null, "initializing table " + segment.tableIndex()
                            + " from element segment " + i + " at offset " + Integer.toUnsignedString(offset), e);
                }
            }
            if (segment.mode() != SegmentMode.PASSIVE) elementSegments[i] = null;
        }
    }

    private void applyDataSegments() {
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            DataSegment segment = datas.get(i);
            if (segment.mode() != SegmentMode.ACTIVE) continue;
            Memory memory = element(memories, segment.memoryIndex(), "memory", "data segment " + i);
            long value = constants.number(segment.offset());
            long offset = memory.is64() ? value : Integer.toUnsignedLong((int) value);
            try {
                memory.write(offset, dataSegments[i]);
            } catch (TrapException e) {
                throw new TrapException(e.kind(), null, "initializing memory " + segment.memoryIndex()
                        + " from data segment " + i + " at offset " + Long.toUnsignedString(offset), e);
            }
            dataSegments[i] = null;
        }
    }

    private void runStart() {
        int start = module.startFunction();
        if (start < 0) return;
        FunctionInstance function = element(functions, start, "function", "the start function");
        try {
            function.invoke(null, new long[0], new Object[0]);
        } catch (WasmExceptionPayload e) {
            throw new TrapException(TrapKind.UNCAUGHT_EXCEPTION, function.toString(), "thrown by the start function", null);
        }
    }

    // ---- Helpers ----

    private FuncType type(int index) {
        if (index < 0 || index >= types.length) throw new InvalidModuleException("unknown type " + index);
        return types[index];
    }

    private static <T> T element(T[] space, int index, String kind, String user) {
        if (index < 0 || index >= space.length) {
            throw new InvalidModuleException(user + " refers to unknown " + kind + " " + index);
        }
        return space[index];
    }

    private static String describe(Import anImport) {
        return "\"" + anImport.module() + "\".\"" + anImport.name() + "\" (" + kindName(anImport.kind()) + ")";
    }

    private static String describe(String what, Limits limits) {
        return what + " {min " + Long.toUnsignedString(limits.min())
                + (limits.hasMax() ? ", max " + Long.toUnsignedString(limits.max()) : "") + "}";
    }

    private static String describe(MemoryType type) {
        return describe((type.shared() ? "shared " : "") + (type.is64() ? "i64" : "i32") + " memory", type.limits());
    }

    private static String describe(GlobalType type) {
        return (type.mutable() ? "mutable " : "immutable ") + type.type() + " global";
    }

    private static String kindName(ExternKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String kindName(Extern extern) {
        return switch (extern) {
            case FunctionInstance _ -> "function";
            case Table _ -> "table";
            case Memory _ -> "memory";
            case Global _ -> "global";
            case Tag _ -> "tag";
        };
    }
}
