package dev.beamr;

import dev.beamr.engine.runtime.Memory;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 64 KiB host heap WAMR appends to memory 0, managed as a first-fit list of blocks. Its
 * bookkeeping lives in the heap itself (an 8-byte header before each block: payload size, in-use
 * flag), so memory images and snapshots carry it along. The module may scribble over it; a header
 * that no longer makes sense is reported rather than followed.
 */
final class HostHeap {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long HEADER = 8;
    private static final long ALIGNMENT = 8;

    private final long start;
    private final long end;

    HostHeap(long start) {
        this.start = start;
        this.end = start + InstanceOptions.WAMR_HOST_HEAP_BYTES;
    }

    void initialize(Memory memory) {
        writeHeader(memory, start, end - start - HEADER, false);
    }

    /** Whether {@code pointer} lies in the heap's payload area. */
    boolean contains(long pointer) {
        return pointer >= start + HEADER && pointer < end;
    }

    long allocate(Memory memory, long size) {
        long needed = Math.max(ALIGNMENT, (size + ALIGNMENT - 1) & -ALIGNMENT);
        for (long block = start; block < end; block = next(memory, block)) {
            long payload = payloadSize(memory, block);
            if (inUse(memory, block) || payload < needed) continue;
            if (payload - needed >= HEADER + ALIGNMENT) {
                writeHeader(memory, block + HEADER + needed, payload - needed - HEADER, false);
                payload = needed;
            }
            writeHeader(memory, block, payload, true);
            return block + HEADER;
        }
        throw new AllocationException("the 64 KiB host heap has no free block of " + size + " bytes");
    }

    void free(Memory memory, long pointer) {
        for (long block = start; block < end; block = next(memory, block)) {
            if (block + HEADER == pointer && inUse(memory, block)) {
                writeHeader(memory, block, payloadSize(memory, block), false);
                coalesce(memory);
                return;
            }
        }
        throw new MemoryAccessException("cannot free " + pointer + ": it is not a live block of the host heap");
    }

    /** Merges every run of adjacent free blocks into one. */
    private void coalesce(Memory memory) {
        for (long block = start; block < end; block = next(memory, block)) {
            if (inUse(memory, block)) continue;
            long following = next(memory, block);
            while (following < end && !inUse(memory, following)) {
                following = next(memory, following);
                writeHeader(memory, block, following - block - HEADER, false);
            }
        }
    }

    private long next(Memory memory, long block) {
        return block + HEADER + payloadSize(memory, block);
    }

    private long payloadSize(Memory memory, long block) {
        long payload = Integer.toUnsignedLong(memory.segment().get(INT, block));
        int flag = memory.segment().get(INT, block + 4);
        if (payload % ALIGNMENT != 0 || payload > end - block - HEADER || (flag != 0 && flag != 1)) {
            throw new AllocationException("the host heap's bookkeeping at " + block + " was overwritten");
        }
        return payload;
    }

    private static boolean inUse(Memory memory, long block) {
        return memory.segment().get(INT, block + 4) == 1;
    }

    private static void writeHeader(Memory memory, long block, long payload, boolean used) {
        memory.segment().set(INT, block, (int) payload);
        memory.segment().set(INT, block + 4, used ? 1 : 0);
    }
}
