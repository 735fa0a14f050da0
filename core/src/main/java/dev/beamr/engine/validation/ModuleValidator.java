package dev.beamr.engine.validation;

import dev.beamr.InvalidModuleException;
import dev.beamr.MalformedModuleException;
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
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a decoded module against the validation rules of the specification and lowers every
 * function body to the intermediate form.
 */
public final class ModuleValidator {
    private static final long MAX_PAGES_32 = 1L << 16;
    private static final long MAX_PAGES_64 = 1L << 48;

    private final WasmModule module;
    private final List<FuncType> functions = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalType> globals = new ArrayList<>();
    private final List<FuncType> tags = new ArrayList<>();

    private ModuleValidator(WasmModule module) {
        this.module = module;
    }

    /**
     * Validates {@code module} and compiles its functions.
     *
     * @throws InvalidModuleException if a validation rule is broken
     * @throws dev.beamr.MalformedModuleException if a function body is not well-formed
     */
    public static CompiledModule validate(WasmModule module) {
        return new ModuleValidator(module).run();
    }

    private CompiledModule run() {
        collectImports();
        for (int typeIndex : module.functionTypes()) functions.add(type(typeIndex));
        for (TableType table : module.tables()) tables.add(checkTable(table));
        for (MemoryType memory : module.memories()) memories.add(checkMemory(memory));
        for (int typeIndex : module.tags()) tags.add(checkTag(typeIndex));

        FuncType[] functionSpace = functions.toArray(FuncType[]::new);
        boolean[] declared = declaredFunctions(functionSpace.length);
        int importedGlobals = globals.size();
        ConstantChecker constants = new ConstantChecker(functionSpace.length, globals, importedGlobals);
        for (WasmModule.Global global : module.globals()) {
            constants.check(global.init(), global.type().type());
            globals.add(global.type());
        }
        ValType[] elementTypes = checkElements(constants);
        checkData(constants);
        checkExports();
        checkStart(functionSpace);

        ModuleContext context = new ModuleContext(module.types(), functionSpace,
                tables.toArray(TableType[]::new), memories.toArray(MemoryType[]::new),
                globals.toArray(GlobalType[]::new), tags.toArray(FuncType[]::new),
                elementTypes, module.dataCount(), declared);
        return new CompiledModule(module, compileFunctions(context));
    }

    private void collectImports() {
        for (Import imported : module.imports()) {
            switch (imported.descriptor()) {
                case ImportDescriptor.Function f -> functions.add(type(f.typeIndex()));
                case ImportDescriptor.Table t -> tables.add(checkTable(t.type()));
                case ImportDescriptor.Memory m -> memories.add(checkMemory(m.type()));
                case ImportDescriptor.Global g -> globals.add(g.type());
                case ImportDescriptor.Tag t -> tags.add(checkTag(t.typeIndex()));
            }
        }
    }

    private FuncType type(int index) {
        if (index < 0 || index >= module.types().size()) throw ModuleContext.unknown("type", index, -1, -1);
        return module.types().get(index);
    }

    private static TableType checkTable(TableType table) {
        checkMinimumBelowMaximum(table.limits());
        return table;
    }

    private static MemoryType checkMemory(MemoryType memory) {
        Limits limits = memory.limits();
        long maxPages = memory.is64() ? MAX_PAGES_64 : MAX_PAGES_32;
        if (Long.compareUnsigned(limits.min(), maxPages) > 0
                || limits.hasMax() && Long.compareUnsigned(limits.max(), maxPages) > 0) {
            throw new InvalidModuleException(memory.is64()
                    ? "memory size must be at most 2^48 pages (16 EiB)"
                    : "memory size must be at most 65536 pages (4GiB)");
        }
        checkMinimumBelowMaximum(limits);
        return memory;
    }

    private static void checkMinimumBelowMaximum(Limits limits) {
        if (limits.hasMax() && Long.compareUnsigned(limits.min(), limits.max()) > 0) {
            throw new InvalidModuleException("size minimum must not be greater than maximum");
        }
    }

    private FuncType checkTag(int typeIndex) {
        FuncType tagType = type(typeIndex);
        if (tagType.resultCount() != 0) throw new InvalidModuleException("non-empty tag result type");
        return tagType;
    }

    /**
     * The functions {@code ref.func} may name in code: those referenced anywhere outside function
     * bodies (global initializers, element segments, exports).
     */
    private boolean[] declaredFunctions(int functionCount) {
        boolean[] declared = new boolean[functionCount];
        List<ConstExpr> expressions = new ArrayList<>();
        for (WasmModule.Global global : module.globals()) expressions.add(global.init());
        for (ElementSegment segment : module.elements()) {
            expressions.addAll(segment.items());
            if (segment.offset() != null) expressions.add(segment.offset());
        }
        for (ConstExpr expression : expressions) {
            for (ConstExpr.Instruction instruction : expression.instructions()) {
                if (instruction.opcode() == ConstantChecker.REF_FUNC && isIndex(instruction.immediate(), functionCount)) {
                    declared[(int) instruction.immediate()] = true;
                }
            }
        }
        for (Export export : module.exports()) {
            if (export.kind() == ExternKind.FUNCTION && isIndex(export.index(), functionCount)) {
                declared[export.index()] = true;
            }
        }
        return declared;
    }

    private static boolean isIndex(long index, int size) {
        return index >= 0 && index < size;
    }

    private ValType[] checkElements(ConstantChecker constants) {
        List<ElementSegment> elements = module.elements();
        ValType[] types = new ValType[elements.size()];
        for (int i = 0; i < types.length; i++) {
            ElementSegment segment = elements.get(i);
            if (!segment.type().isReference()) throw new InvalidModuleException("malformed reference type in element segment " + i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                if (!isIndex(segment.tableIndex(), tables.size())) {
                    throw ModuleContext.unknown("table", segment.tableIndex(), -1, segment.offset().offset());
                }
                constants.check(segment.offset(), ValType.I32);
                if (tables.get(segment.tableIndex()).elementType() != segment.type()) {
                    throw new InvalidModuleException("type mismatch", -1, segment.offset().offset());
                }
            }
            for (ConstExpr item : segment.items()) constants.check(item, segment.type());
            types[i] = segment.type();
        }
        return types;
    }

    private void checkData(ConstantChecker constants) {
        for (DataSegment segment : module.datas()) {
            if (segment.mode() != SegmentMode.ACTIVE) continue;
            if (!isIndex(segment.memoryIndex(), memories.size())) {
                throw ModuleContext.unknown("memory", segment.memoryIndex(), -1, segment.offset().offset());
            }
            constants.check(segment.offset(), memories.get(segment.memoryIndex()).is64() ? ValType.I64 : ValType.I32);
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export export : module.exports()) {
            if (!names.add(export.name())) throw new InvalidModuleException("duplicate export name \"" + export.name() + "\"");
            int size = switch (export.kind()) {
                case FUNCTION -> functions.size();
                case TABLE -> tables.size();
                case MEMORY -> memories.size();
                case GLOBAL -> globals.size();
                case TAG -> tags.size();
            };
            if (!isIndex(export.index(), size)) {
                throw ModuleContext.unknown(export.kind().name().toLowerCase(Locale.ROOT), export.index(), -1, -1);
            }
        }
    }

    private void checkStart(FuncType[] functionSpace) {
        int start = module.startFunction();
        if (start < 0) return;
        if (start >= functionSpace.length) throw ModuleContext.unknown("function", start, -1, -1);
        FuncType startType = functionSpace[start];
        if (startType.paramCount() != 0 || startType.resultCount() != 0) {
            throw new InvalidModuleException("start function must have type [] -> [], not " + startType);
        }
    }

    private CompiledFunction[] compileFunctions(ModuleContext context) {
        if (module.codes().size() != module.functionTypes().length) {
            throw new MalformedModuleException("function and code section have inconsistent lengths", -1);
        }
        int imported = module.importedFunctionCount();
        Map<Integer, String> exportNames = firstExportNames();
        CompiledFunction[] compiled = new CompiledFunction[module.codes().size()];
        for (int i = 0; i < compiled.length; i++) {
            int index = imported + i;
            String name = module.names().functionNames().get(index);
            if (name == null) name = exportNames.get(index);
            if (name == null) name = "func[" + index + "]";
            compiled[i] = new FunctionCompiler(context, index, name, module.codes().get(i)).compile();
        }
        return compiled;
    }

    private Map<Integer, String> firstExportNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Export export : module.exports()) {
            if (export.kind() == ExternKind.FUNCTION) names.putIfAbsent(export.index(), export.name());
        }
        return names;
    }
}
