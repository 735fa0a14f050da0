package dev.beamr;

import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Global;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The full-state snapshot format. Big-endian, in this order:
 * <pre>
 *   "BEAMRSNP"  u32 version  32-byte SHA-256 of the module
 *   u32 memories,  each: u64 pages, then pages * 65536 bytes
 *   u32 mutable globals, each: u32 global index, u64 value (a function index, or -1, for funcref)
 *   u32 tables,    each: u32 size, then size * i32 function index (-1 for null)
 *   u32 data segments,    then one byte each: 1 if dropped
 *   u32 element segments, then one byte each: 1 if dropped
 *   u32 CRC32C of everything before it
 * </pre>
 * Restoring reads and checks everything before changing anything except memory growth.
 */
final class Snapshots {
    private static final byte[] MAGIC = {'B', 'E', 'A', 'M', 'R', 'S', 'N', 'P'};
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    private static final long NULL_FUNCTION = -1;

    private Snapshots() {}

    static byte[] capture(Instance instance, byte[] moduleDigest) {
        Map<FunctionInstance, Integer> functionIndex = functionIndices(instance);
        long length = MAGIC.length + 4 + DIGEST_BYTES + 4;
        for (Memory memory : instance.memories()) length += 8 + memory.byteSize();
        length += 4 + 12L * mutableGlobalCount(instance);
        length += 4;
        for (Table table : instance.tables()) length += 4 + 4L * table.size();
        length += 4 + instance.dataSegments().length + 4 + instance.elementSegments().length + 4;
        if (length > Integer.MAX_VALUE - 8) {
            throw new SnapshotException("the instance's state of " + length + " bytes does not fit in one snapshot");
        }
        byte[] out = new byte[(int) length];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.put(MAGIC).putInt(VERSION).put(moduleDigest);

        buffer.putInt(instance.memories().length);
        for (Memory memory : instance.memories()) {
            buffer.putLong(memory.pages());
            int size = (int) memory.byteSize();
            MemorySegment.copy(memory.segment(), ValueLayout.JAVA_BYTE, 0, out, buffer.position(), size);
            buffer.position(buffer.position() + size);
        }

        Global[] globals = instance.globals();
        buffer.putInt(mutableGlobalCount(instance));
        for (int i = 0; i < globals.length; i++) {
            Global global = globals[i];
            if (!global.type().mutable()) continue;
            buffer.putInt(i);
            ValType type = global.type().type();
            buffer.putLong(type.isReference() ? referenceIndex(global.ref(), functionIndex, "global " + i) : global.value());
        }

        buffer.putInt(instance.tables().length);
        for (int t = 0; t < instance.tables().length; t++) {
            Table table = instance.tables()[t];
            buffer.putInt(table.size());
            for (int slot = 0; slot < table.size(); slot++) {
                buffer.putInt((int) referenceIndex(table.get(slot), functionIndex, "table " + t + " slot " + slot));
            }
        }

        putDropped(buffer, instance.dataSegments());
        putDropped(buffer, instance.elementSegments());
        CRC32C crc = new CRC32C();
        crc.update(out, 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return out;
    }

    static void restore(Instance instance, byte[] moduleDigest, byte[] snapshot) {
        ByteBuffer buffer = verifiedBody(snapshot, moduleDigest);
        try {
            State state = read(buffer, instance);
            apply(state, instance);
        } catch (BufferUnderflowException e) {
            throw new SnapshotException("the snapshot ends early");
        }
    }

    /** What a snapshot holds, read and checked against the instance before anything is applied. */
    private record State(long[] memoryPages, int[] memoryOffsets, int[] globalIndices, long[] globalValues,
                         FunctionInstance[][] tables, boolean[] droppedData, boolean[] droppedElements, byte[] bytes) {}

    private static ByteBuffer verifiedBody(byte[] snapshot, byte[] moduleDigest) {
        int headerLength = MAGIC.length + 4 + DIGEST_BYTES;
        if (snapshot.length < headerLength + 4 || !Arrays.equals(snapshot, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SnapshotException("not a Beamr snapshot");
        }
        ByteBuffer buffer = ByteBuffer.wrap(snapshot);
        buffer.position(MAGIC.length);
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new SnapshotException("snapshot format version " + version + " is not supported (this Beamr reads version " + VERSION + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(snapshot, 0, snapshot.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(snapshot, snapshot.length - 4, 4).getInt()) {
            throw new SnapshotException("the snapshot is corrupt: its checksum does not match");
        }
        if (!Arrays.equals(snapshot, buffer.position(), buffer.position() + DIGEST_BYTES, moduleDigest, 0, DIGEST_BYTES)) {
            throw new SnapshotException("the snapshot was taken of a different module");
        }
        buffer.position(headerLength);
        return buffer.limit(snapshot.length - 4);
    }

    private static State read(ByteBuffer buffer, Instance instance) {
        Memory[] memories = instance.memories();
        expectCount("memories", buffer.getInt(), memories.length);
        long[] pages = new long[memories.length];
        int[] offsets = new int[memories.length];
        for (int i = 0; i < memories.length; i++) {
            pages[i] = buffer.getLong();
            if (pages[i] < memories[i].pages()) {
                throw new SnapshotException("memory " + i + " already holds " + memories[i].pages()
                        + " pages, more than the snapshot's " + pages[i] + "; restore into a fresh instance");
            }
            if (pages[i] > memories[i].maxPages() || pages[i] * MemoryType.PAGE_SIZE > buffer.remaining()) {
                throw new SnapshotException("memory " + i + " of " + pages[i] + " pages cannot be restored here");
            }
            offsets[i] = buffer.position();
            buffer.position(buffer.position() + (int) (pages[i] * MemoryType.PAGE_SIZE));
        }

        Global[] globals = instance.globals();
        int globalCount = buffer.getInt();
        expectCount("mutable globals", globalCount, mutableGlobalCount(instance));
        int[] globalIndices = new int[globalCount];
        long[] globalValues = new long[globalCount];
        for (int i = 0; i < globalCount; i++) {
            globalIndices[i] = buffer.getInt();
            globalValues[i] = buffer.getLong();
            int index = globalIndices[i];
            if (index < 0 || index >= globals.length || !globals[index].type().mutable()) {
                throw new SnapshotException("the snapshot sets global " + index + ", which is not a mutable global here");
            }
            if (globals[index].type().type().isReference()) function(instance, globalValues[i], "global " + index);
        }

        Table[] tables = instance.tables();
        expectCount("tables", buffer.getInt(), tables.length);
        FunctionInstance[][] tableContents = new FunctionInstance[tables.length][];
        for (int t = 0; t < tables.length; t++) {
            int size = buffer.getInt();
            if (size < tables[t].size() || size > tables[t].maxSize() || 4L * size > buffer.remaining()) {
                throw new SnapshotException("table " + t + " of " + size + " elements cannot be restored into one of "
                        + tables[t].size() + " elements");
            }
            tableContents[t] = new FunctionInstance[size];
            for (int slot = 0; slot < size; slot++) {
                tableContents[t][slot] = function(instance, buffer.getInt(), "table " + t + " slot " + slot);
            }
        }

        boolean[] droppedData = readDropped(buffer, instance.dataSegments(), "data");
        boolean[] droppedElements = readDropped(buffer, instance.elementSegments(), "element");
        if (buffer.hasRemaining()) throw new SnapshotException("the snapshot has " + buffer.remaining() + " unexpected trailing bytes");
        return new State(pages, offsets, globalIndices, globalValues, tableContents, droppedData, droppedElements, buffer.array());
    }

    private static void apply(State state, Instance instance) {
        Memory[] memories = instance.memories();
        for (int i = 0; i < memories.length; i++) {
            Memory memory = memories[i];
            if (memory.grow(state.memoryPages[i] - memory.pages()) < 0) {
                throw new SnapshotException("memory " + i + " cannot grow to the snapshot's " + state.memoryPages[i] + " pages");
            }
            memory.write(0, state.bytes, state.memoryOffsets[i], (int) memory.byteSize());
        }
        Global[] globals = instance.globals();
        for (int i = 0; i < state.globalIndices.length; i++) {
            Global global = globals[state.globalIndices[i]];
            if (global.type().type().isReference()) {
                global.setRef(function(instance, state.globalValues[i], "global " + state.globalIndices[i]));
            } else {
                global.setValue(state.globalValues[i]);
            }
        }
        Table[] tables = instance.tables();
        for (int t = 0; t < tables.length; t++) {
            FunctionInstance[] contents = state.tables[t];
            if (tables[t].grow(contents.length - tables[t].size(), null) < 0) {
                throw new SnapshotException("table " + t + " cannot grow to the snapshot's " + contents.length + " elements");
            }
            tables[t].init(0, contents, 0, contents.length);
        }
        drop(instance.dataSegments(), state.droppedData);
        drop(instance.elementSegments(), state.droppedElements);
    }

    private static Map<FunctionInstance, Integer> functionIndices(Instance instance) {
        Map<FunctionInstance, Integer> indices = new IdentityHashMap<>();
        FunctionInstance[] functions = instance.functions();
        for (int i = 0; i < functions.length; i++) indices.putIfAbsent(functions[i], i);
        return indices;
    }

    private static long referenceIndex(Object reference, Map<FunctionInstance, Integer> functionIndex, String where) {
        if (reference == null) return NULL_FUNCTION;
        Integer index = reference instanceof FunctionInstance f ? functionIndex.get(f) : null;
        if (index == null) {
            throw new SnapshotException(where + " holds a reference that is not one of the instance's functions, "
                    + "which a snapshot cannot represent");
        }
        return index;
    }

    private static FunctionInstance function(Instance instance, long index, String where) {
        if (index == NULL_FUNCTION) return null;
        if (index < 0 || index >= instance.functions().length) {
            throw new SnapshotException(where + " refers to function " + index + ", which the instance does not have");
        }
        return instance.functions()[(int) index];
    }

    private static int mutableGlobalCount(Instance instance) {
        int count = 0;
        for (Global global : instance.globals()) {
            if (global.type().mutable()) count++;
        }
        return count;
    }

    private static void putDropped(ByteBuffer buffer, Object[] segments) {
        buffer.putInt(segments.length);
        for (Object segment : segments) buffer.put((byte) (segment == null ? 1 : 0));
    }

    private static boolean[] readDropped(ByteBuffer buffer, Object[] segments, String kind) {
        expectCount(kind + " segments", buffer.getInt(), segments.length);
        boolean[] dropped = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            dropped[i] = buffer.get() == 1;
            if (!dropped[i] && segments[i] == null) {
                throw new SnapshotException(kind + " segment " + i + " was already dropped here but not in the snapshot; "
                        + "restore into a fresh instance");
            }
        }
        return dropped;
    }

    private static void drop(Object[] segments, boolean[] dropped) {
        for (int i = 0; i < segments.length; i++) {
            if (dropped[i]) segments[i] = null;
        }
    }

    private static void expectCount(String what, int actual, int expected) {
        if (actual != expected) {
            throw new SnapshotException("the snapshot has " + actual + " " + what + " but the instance has " + expected);
        }
    }
}
