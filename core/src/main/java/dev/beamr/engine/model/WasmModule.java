package dev.beamr.engine.model;

import java.util.List;

/**
 * A decoded (not yet validated) WebAssembly module: the sections of the binary format as data.
 * Index spaces put imports first: function index {@code i < importedFunctionCount()} is an import.
 *
 * @param types          the type section
 * @param imports        the import section, in order
 * @param functionTypes  type index of each function defined by the module (function section)
 * @param tables         tables defined by the module
 * @param memories       memories defined by the module
 * @param globals        globals defined by the module
 * @param tags           type index of each tag defined by the module (tag section)
 * @param exports        the export section
 * @param startFunction  the start function's index, or -1
 * @param elements       the element section
 * @param dataCount      the data count section's value, or -1 when the section is absent
 * @param codes          one body per defined function
 * @param datas          the data section
 * @param customSections every custom section, in order
 * @param names          what the name section says
 */
public record WasmModule(
        List<FuncType> types,
        List<Import> imports,
        int[] functionTypes,
        List<TableType> tables,
        List<MemoryType> memories,
        List<Global> globals,
        int[] tags,
        List<Export> exports,
        int startFunction,
        List<ElementSegment> elements,
        int dataCount,
        List<FunctionBody> codes,
        List<DataSegment> datas,
        List<CustomSection> customSections,
        Names names) {

    /** A global defined by the module. */
    public record Global(GlobalType type, ConstExpr init) {}

    public int importedCount(ExternKind kind) {
        int n = 0;
        for (Import i : imports) {
            if (i.kind() == kind) n++;
        }
        return n;
    }

    public int importedFunctionCount() {
        return importedCount(ExternKind.FUNCTION);
    }
}
