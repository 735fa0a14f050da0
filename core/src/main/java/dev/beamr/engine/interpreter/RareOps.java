package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;

/**
 * Memory and table instructions the dispatch loop delegates, keeping the loop small enough for the
 * JIT: accesses with any memory or offset, sizes, growth, bulk operations and segment drops.
 */
final class RareOps {
    private RareOps() {}

    private static final Object[] NO_ELEMENTS = {};

    /** Executes the instruction at {@code pc} in the frame at {@code fp}; returns the next pc. */
    static int execute(Instance instance, int[] code, int pc, int fp, long[] s, Object[] r) {
        Memory[] memories = instance.memories();
        Table[] tables = instance.tables();
        int a = fp + code[pc + 1];
        switch (code[pc]) {
            case Op.MEM_LOAD -> {
                int slot = fp + code[pc + 2];
                s[slot] = MemoryOps.load(code[pc + 1], memories[code[pc + 3]], s[slot], Op.immediate64(code, pc + 4));
                return pc + 6;
            }
            case Op.MEM_STORE -> {
                int slot = fp + code[pc + 2];
                MemoryOps.store(code[pc + 1], memories[code[pc + 3]], s[slot], Op.immediate64(code, pc + 4), s[slot + 1]);
                return pc + 6;
            }
            case Op.MEMORY_SIZE -> s[a] = memories[code[pc + 2]].pages();
            case Op.MEMORY_GROW -> s[a] = MemoryOps.grow(memories[code[pc + 2]], s[a]);
            case Op.MEMORY_FILL -> MemoryOps.fill(memories[code[pc + 2]], s[a], s[a + 1], s[a + 2]);
            case Op.MEMORY_COPY -> {
                MemoryOps.copy(memories[code[pc + 2]], memories[code[pc + 3]], s[a], s[a + 1], s[a + 2]);
                return pc + 4;
            }
            case Op.MEMORY_INIT -> {
                MemoryOps.init(memories[code[pc + 2]], instance.dataSegments()[code[pc + 3]], s[a], s[a + 1], s[a + 2]);
                return pc + 4;
            }
            case Op.DATA_DROP -> {
                instance.dataSegments()[code[pc + 1]] = null;
                return pc + 2;
            }
            case Op.TABLE_GET -> r[a] = tables[code[pc + 2]].get((int) s[a]);
            case Op.TABLE_SET -> tables[code[pc + 2]].set((int) s[a], r[a + 1]);
            case Op.TABLE_SIZE -> s[a] = tables[code[pc + 2]].size();
            case Op.TABLE_GROW -> s[a] = tables[code[pc + 2]].grow((int) s[a + 1], r[a]);
            case Op.TABLE_FILL -> tables[code[pc + 2]].fill((int) s[a], r[a + 1], (int) s[a + 2]);
            case Op.TABLE_COPY -> {
                tables[code[pc + 2]].copyFrom(tables[code[pc + 3]], (int) s[a + 1], (int) s[a], (int) s[a + 2]);
                return pc + 4;
            }
            case Op.TABLE_INIT -> {
                Object[] items = instance.elementSegments()[code[pc + 3]];
                tables[code[pc + 2]].init((int) s[a], items == null ? NO_ELEMENTS : items, (int) s[a + 1], (int) s[a + 2]);
                return pc + 4;
            }
            case Op.ELEM_DROP -> {
                instance.elementSegments()[code[pc + 1]] = null;
                return pc + 2;
            }
            default -> throw new IllegalStateException("not a delegated instruction: " + Op.name(code[pc]));
        }
        return pc + 3;
    }
}
