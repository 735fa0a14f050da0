package dev.beamr.engine.runtime;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.MemoryType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A linear memory, 32- or 64-bit indexed, held in an off-heap {@link MemorySegment}.
 *
 * <p>{@link #segment()} is exactly the current size, so the segment's own bounds check is the
 * memory's: an access past the end throws {@link IndexOutOfBoundsException}, which execution turns
 * into an out-of-bounds trap. Growth reserves spare capacity so that repeated small grows do not copy
 * the whole memory each time; callers must re-read {@link #segment()} after anything that may grow.
 */
public final class Memory implements Extern {
    /** Pages a memory may reach unless the module or the host sets a lower bound: 4 GiB. */
    public static final long DEFAULT_MAX_PAGES = 65536;

    /** A checkpoint that never stops anything. */
    public static final Runnable NO_CHECKPOINT = () -> {};

    /**
     * Bulk operations (fill, copy, growth's copy of the old contents) proceed in chunks of this many
     * bytes with the checkpoint between them, so a cancelled call stops within about a millisecond.
     */
    static final long CHUNK_BYTES = 1 << 20;

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private final MemoryType type;
    private final long maxPages;
    private final Runnable checkpoint;
    private MemorySegment backing;
    private MemorySegment segment;
    private long pages;

    /**
     * @param type       the declared type; its minimum is allocated now
     * @param maxPages   the host's cap on growth, applied on top of the declared maximum
     * @param checkpoint runs between chunks of bulk operations and may throw to stop them; what was
     *                   written before it threw stays written
     */
    public Memory(MemoryType type, long maxPages, Runnable checkpoint) {
        this.type = type;
        this.checkpoint = checkpoint;
        long declaredMax = type.limits().hasMax() ? type.limits().max() : Long.MAX_VALUE;
        this.maxPages = Math.min(declaredMax, maxPages);
        long initial = type.limits().min();
        if (initial > this.maxPages) {
            throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, null,
                    "initial size of " + initial + " pages exceeds the limit of " + this.maxPages + " pages", null);
        }
        this.pages = initial;
        try {
            this.backing = allocate(Math.multiplyExact(initial, MemoryType.PAGE_SIZE));
        } catch (OutOfMemoryError | IllegalArgumentException | ArithmeticException e) {
            throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, null,
                    "cannot allocate the initial " + initial + " pages", e);
        }
        this.segment = backing;
    }

    public Memory(MemoryType type, long maxPages) {
        this(type, maxPages, NO_CHECKPOINT);
    }

    public Memory(MemoryType type) {
        this(type, DEFAULT_MAX_PAGES);
    }

    public MemoryType type() {
        return type;
    }

    public boolean is64() {
        return type.is64();
    }

    /** The memory's bytes; valid until the next grow. */
    public MemorySegment segment() {
        return segment;
    }

    public long pages() {
        return pages;
    }

    public long byteSize() {
        return pages * MemoryType.PAGE_SIZE;
    }

    /** The most pages this memory may grow to. */
    public long maxPages() {
        return maxPages;
    }

    /** Grows by {@code delta} pages (unsigned); returns the old size in pages, or -1 if it cannot. */
    public long grow(long delta) {
        long old = pages;
        if (delta < 0 || delta > maxPages - old) return -1;
        if (delta == 0) return old;
        long newBytes = (old + delta) * MemoryType.PAGE_SIZE;
        if (newBytes > backing.byteSize()) {
            long capacity = Math.max(newBytes, Math.min(backing.byteSize() * 2, maxPages * MemoryType.PAGE_SIZE));
            MemorySegment bigger;
            try {
                bigger = allocate(capacity);
            } catch (OutOfMemoryError | IllegalArgumentException e) {
                try {
                    bigger = allocate(newBytes);
                } catch (OutOfMemoryError | IllegalArgumentException again) {
                    return -1;
                }
            }
            copyInChunks(backing, 0, bigger, 0, byteSize(), checkpoint);
            backing = bigger;
        }
        pages = old + delta;
        segment = backing.asSlice(0, newBytes);
        return old;
    }

    /** Checks that {@code [address, address + length)} lies inside the memory (both unsigned). */
    public void checkRange(long address, long length) {
        long size = byteSize();
        if (address < 0 || length < 0 || address > size || length > size - address) {
            throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, null,
                    "access of " + Long.toUnsignedString(length) + " bytes at " + Long.toUnsignedString(address)
                            + " in a memory of " + size + " bytes", null);
        }
    }

    /** Copies bytes out of the memory, trapping if the range is out of bounds. */
    public byte[] read(long address, int length) {
        checkRange(address, length);
        byte[] out = new byte[length];
        MemorySegment.copy(segment, BYTE, address, out, 0, length);
        return out;
    }

    /** Copies bytes into the memory, trapping (before writing anything) if the range is out of bounds. */
    public void write(long address, byte[] bytes, int from, int length) {
        checkRange(address, length);
        MemorySegment.copy(bytes, from, segment, BYTE, address, length);
    }

    public void write(long address, byte[] bytes) {
        write(address, bytes, 0, bytes.length);
    }

    /**
     * {@code memory.fill}: bounds are checked before any byte is written; the checkpoint may stop a
     * long fill between chunks, leaving the chunks before it filled.
     */
    public void fill(long address, byte value, long length) {
        checkRange(address, length);
        for (long done = 0; done < length; done += CHUNK_BYTES) {
            if (done > 0) checkpoint.run();
            segment.asSlice(address + done, Math.min(CHUNK_BYTES, length - done)).fill(value);
        }
    }

    /**
     * {@code memory.copy} between (possibly the same) memories, overlap-safe; the destination's
     * checkpoint may stop a long copy between chunks, leaving the chunks before it copied.
     */
    public static void copy(Memory source, long sourceAddress, Memory destination, long destinationAddress, long length) {
        source.checkRange(sourceAddress, length);
        destination.checkRange(destinationAddress, length);
        copyInChunks(source.segment, sourceAddress, destination.segment, destinationAddress, length, destination.checkpoint);
    }

    /**
     * Copies chunk by chunk in the direction that never overwrites source bytes not yet copied, should
     * the ranges overlap: upwards when the destination lies below the source, downwards otherwise
     * (each chunk's copy is itself overlap-safe).
     */
    private static void copyInChunks(MemorySegment source, long sourceAddress, MemorySegment destination,
                                     long destinationAddress, long length, Runnable checkpoint) {
        boolean upwards = destinationAddress <= sourceAddress;
        for (long done = 0; done < length; done += CHUNK_BYTES) {
            if (done > 0) checkpoint.run();
            long size = Math.min(CHUNK_BYTES, length - done);
            long from = upwards ? done : length - done - size;
            MemorySegment.copy(source, sourceAddress + from, destination, destinationAddress + from, size);
        }
    }

    private static MemorySegment allocate(long bytes) {
        // An automatic arena frees the memory once nothing refers to it, so an instance that is
        // dropped or a segment replaced by growth needs no explicit release.
        return bytes == 0 ? MemorySegment.NULL.reinterpret(0) : Arena.ofAuto().allocate(bytes, 16);
    }
}
