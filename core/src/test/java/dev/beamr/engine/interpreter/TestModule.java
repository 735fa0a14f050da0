package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.ir.Handler;
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
import dev.beamr.engine.model.Names;
import dev.beamr.engine.model.SegmentMode;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunction;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small modules from hand-assembled intermediate code, as validation would produce them. */
final class TestModule {
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final Map<String, Extern> provided = new HashMap<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<CompiledFunction> functions = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<WasmModule.Global> globals = new ArrayList<>();
    private final List<Integer> tags = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private int importedFunctions;

    static FuncType type(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }

    static ValType[] params(ValType... params) {
        return params;
    }

    int typeIndex(FuncType type) {
        int at = types.indexOf(type);
        if (at >= 0) return at;
        types.add(type);
        return types.size() - 1;
    }

    /** Imports a host function as {@code env.name}; returns its function index. Imports come first. */
    int hostFunction(String name, FuncType type, HostFunction body) {
        return importFunction(name, new HostFunctionInstance(name, type, body));
    }

    /** Imports {@code function} (a host function or another instance's) as {@code env.name}; returns its index. */
    int importFunction(String name, FunctionInstance function) {
        if (!functions.isEmpty()) throw new IllegalStateException("import functions before defining any");
        imports.add(new Import("env", name, new ImportDescriptor.Function(typeIndex(function.type()))));
        provided.put(name, function);
        return importedFunctions++;
    }

    /** Defines and exports function {@code name}; returns its function index. */
    int function(String name, FuncType type, ValType[] declaredLocals, int frameSize, int[] code, Handler... handlers) {
        int index = importedFunctions + functions.size();
        ValType[] localTypes = new ValType[type.paramCount() + declaredLocals.length];
        List<Integer> refLocals = new ArrayList<>();
        for (int i = 0; i < localTypes.length; i++) {
            localTypes[i] = i < type.paramCount() ? type.param(i) : declaredLocals[i - type.paramCount()];
            if (i >= type.paramCount() && localTypes[i].isReference()) refLocals.add(i);
        }
        functions.add(new CompiledFunction(index, name, type, localTypes,
                refLocals.stream().mapToInt(Integer::intValue).toArray(), frameSize, code, handlers));
        functionTypes.add(typeIndex(type));
        exports.add(new Export(name, ExternKind.FUNCTION, index));
        return index;
    }

    int function(String name, FuncType type, int frameSize, int[] code, Handler... handlers) {
        return function(name, type, new ValType[0], frameSize, code, handlers);
    }

    int memory(long minPages, long maxPages, boolean is64) {
        memories.add(new MemoryType(new Limits(minPages, maxPages), is64, false));
        exports.add(new Export("memory" + (memories.size() - 1), ExternKind.MEMORY, memories.size() - 1));
        return memories.size() - 1;
    }

    int table(long min, long max) {
        tables.add(new TableType(ValType.FUNCREF, new Limits(min, max)));
        return tables.size() - 1;
    }

    int tag(FuncType type) {
        tags.add(typeIndex(type));
        return tags.size() - 1;
    }

    int global(ValType type, long initialBits) {
        int opcode = switch (type) {
            case I32 -> 0x41;
            case I64 -> 0x42;
            case F32 -> 0x43;
            case F64 -> 0x44;
            default -> throw new IllegalArgumentException("numeric globals only: " + type);
        };
        globals.add(new WasmModule.Global(new GlobalType(type, true),
                new ConstExpr(List.of(new ConstExpr.Instruction(opcode, initialBits, null)), 0)));
        return globals.size() - 1;
    }

    /** A passive data segment; returns its index. */
    int passiveData(byte[] bytes) {
        datas.add(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes));
        return datas.size() - 1;
    }

    /** An active element segment putting the given functions in table 0 from index 0. */
    void activeElements(int... functionIndices) {
        List<ConstExpr> items = new ArrayList<>();
        for (int f : functionIndices) items.add(new ConstExpr(List.of(new ConstExpr.Instruction(0xD2, f, null)), 0));
        elements.add(new ElementSegment(ValType.FUNCREF, SegmentMode.ACTIVE, 0,
                new ConstExpr(List.of(new ConstExpr.Instruction(0x41, 0, null)), 0), items));
    }

    Instance instantiate(Interpreter engine) {
        WasmModule module = new WasmModule(types, imports, functionTypes.stream().mapToInt(Integer::intValue).toArray(),
                tables, memories, globals, tags.stream().mapToInt(Integer::intValue).toArray(), exports, -1,
                elements, datas.size(), List.of(), datas, List.of(), Names.NONE);
        CompiledModule compiled = new CompiledModule(module, functions.toArray(CompiledFunction[]::new));
        return Instance.instantiate(compiled, (moduleName, name) -> provided.get(name), engine);
    }

    Instance instantiate() {
        return instantiate(Interpreter.INSTANCE);
    }
}
