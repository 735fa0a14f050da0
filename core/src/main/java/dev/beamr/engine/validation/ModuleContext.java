package dev.beamr.engine.validation;

import dev.beamr.InvalidModuleException;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;

import java.util.List;

/**
 * The module's index spaces (imports first) as validation sees them, with lookups that report the
 * spec's "unknown ..." errors.
 *
 * @param types               the type section
 * @param functions           the type of every function
 * @param tables              every table's type
 * @param memories            every memory's type
 * @param globals             every global's type
 * @param tags                every tag's type
 * @param elementTypes        the reference type of every element segment
 * @param dataCount           the data count section's value, or -1 when absent
 * @param declaredFunctions   which functions {@code ref.func} may name inside function bodies
 */
record ModuleContext(
        List<FuncType> types,
        FuncType[] functions,
        TableType[] tables,
        MemoryType[] memories,
        GlobalType[] globals,
        FuncType[] tags,
        ValType[] elementTypes,
        int dataCount,
        boolean[] declaredFunctions) {

    FuncType type(long index, int functionIndex, long offset) {
        if (index < 0 || index >= types.size()) throw unknown("type", index, functionIndex, offset);
        return types.get((int) index);
    }

    FuncType function(long index, int functionIndex, long offset) {
        return lookup(functions, index, "function", functionIndex, offset);
    }

    TableType table(long index, int functionIndex, long offset) {
        return lookup(tables, index, "table", functionIndex, offset);
    }

    MemoryType memory(long index, int functionIndex, long offset) {
        return lookup(memories, index, "memory", functionIndex, offset);
    }

    GlobalType global(long index, int functionIndex, long offset) {
        return lookup(globals, index, "global", functionIndex, offset);
    }

    FuncType tag(long index, int functionIndex, long offset) {
        return lookup(tags, index, "tag", functionIndex, offset);
    }

    ValType elementSegment(long index, int functionIndex, long offset) {
        return lookup(elementTypes, index, "elem segment", functionIndex, offset);
    }

    private static <T> T lookup(T[] space, long index, String what, int functionIndex, long offset) {
        if (index < 0 || index >= space.length) throw unknown(what, index, functionIndex, offset);
        return space[(int) index];
    }

    static InvalidModuleException unknown(String what, long index, int functionIndex, long offset) {
        return new InvalidModuleException("unknown " + what + " " + index, functionIndex, offset);
    }
}
