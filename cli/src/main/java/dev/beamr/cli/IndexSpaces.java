package dev.beamr.cli;

import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.WasmModule;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A module's function, table, memory, global and tag index spaces (imports first), each entry
 * described in text: signatures, element and index types, limits, mutability.
 */
final class IndexSpaces {
    /** One entry of an index space; {@code importedFrom} is {@code module.name}, or null when defined here. */
    record Entry(String description, String importedFrom) {}

    private final WasmModule module;
    private final Map<ExternKind, List<Entry>> spaces = new EnumMap<>(ExternKind.class);

    IndexSpaces(WasmModule module) {
        this.module = module;
        for (ExternKind kind : ExternKind.values()) spaces.put(kind, new ArrayList<>());
        for (Import imported : module.imports()) {
            spaces.get(imported.kind()).add(new Entry(describe(imported.descriptor()), imported.module() + "." + imported.name()));
        }
        for (int typeIndex : module.functionTypes()) add(ExternKind.FUNCTION, signature(typeIndex));
        for (TableType table : module.tables()) add(ExternKind.TABLE, describe(table));
        for (MemoryType memory : module.memories()) add(ExternKind.MEMORY, describe(memory));
        for (WasmModule.Global global : module.globals()) add(ExternKind.GLOBAL, describe(global.type()));
        for (int typeIndex : module.tags()) add(ExternKind.TAG, signature(typeIndex));
    }

    List<Entry> entries(ExternKind kind) {
        return spaces.get(kind);
    }

    /** The description of entry {@code index} of {@code kind}'s index space. */
    String describe(ExternKind kind, int index) {
        List<Entry> space = spaces.get(kind);
        return index >= 0 && index < space.size() ? space.get(index).description() : "(index " + index + " out of range)";
    }

    /** The text-format keyword of {@code kind}: func, table, memory, global, tag. */
    static String keyword(ExternKind kind) {
        return kind == ExternKind.FUNCTION ? "func" : kind.name().toLowerCase(Locale.ROOT);
    }

    private void add(ExternKind kind, String description) {
        spaces.get(kind).add(new Entry(description, null));
    }

    private String describe(ImportDescriptor descriptor) {
        return switch (descriptor) {
            case ImportDescriptor.Function f -> signature(f.typeIndex());
            case ImportDescriptor.Table t -> describe(t.type());
            case ImportDescriptor.Memory m -> describe(m.type());
            case ImportDescriptor.Global g -> describe(g.type());
            case ImportDescriptor.Tag t -> signature(t.typeIndex());
        };
    }

    private String signature(int typeIndex) {
        List<FuncType> types = module.types();
        return typeIndex >= 0 && typeIndex < types.size() ? types.get(typeIndex).toString() : "(type " + typeIndex + " out of range)";
    }

    private static String describe(TableType table) {
        return table.elementType() + " " + limits(table.limits());
    }

    private static String describe(MemoryType memory) {
        return (memory.is64() ? "i64" : "i32") + " pages " + limits(memory.limits()) + (memory.shared() ? " shared" : "");
    }

    private static String describe(GlobalType global) {
        return (global.mutable() ? "mut " : "") + global.type();
    }

    private static String limits(Limits limits) {
        return "min=" + Long.toUnsignedString(limits.min()) + " max=" + (limits.hasMax() ? Long.toUnsignedString(limits.max()) : "none");
    }
}
