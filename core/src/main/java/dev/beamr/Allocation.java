package dev.beamr;

/**
 * A block of memory 0 held by the host: from {@link LinearMemory#allocate} (the module's
 * {@code malloc}) or {@link LinearMemory#reserve}. Reads and writes are relative to the block and
 * checked against it. {@link #close()} zeroes the bytes and, when the module can free them, frees
 * them; after that the handle refuses reads and writes. Closing twice does nothing.
 *
 * <p>Like {@link LinearMemory}, the handle may be used from any thread; its reads and writes fail
 * with {@link InstanceStoppedException} once the instance is stopped.
 */
public final class Allocation implements AutoCloseable {
    private final LinearMemory memory;
    private final long offset;
    private final long length;
    private final boolean freeOnClose;
    private volatile boolean closed;

    Allocation(LinearMemory memory, long offset, long length, boolean freeOnClose) {
        this.memory = memory;
        this.offset = offset;
        this.length = length;
        this.freeOnClose = freeOnClose;
    }

    /** {@return where the block starts in memory 0} */
    public long offset() {
        return offset;
    }

    /** {@return the block's length in bytes} */
    public long length() {
        return length;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * {@return a copy of the whole block's bytes}
     *
     * @throws MemoryAccessException the handle is closed, or the block is too large for one byte array
     */
    public byte[] read() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MemoryAccessException("an allocation of " + length + " bytes is too large to read at once");
        }
        return read(0, (int) length);
    }

    /**
     * Copies part of the block.
     *
     * @param at    where to start, in bytes from the start of the block
     * @param count how many bytes to copy; may be 0
     * @return a new array of {@code count} bytes
     * @throws MemoryAccessException the handle is closed, {@code at} or {@code count} is negative, or the
     *                               range runs past the end of the block
     */
    public byte[] read(long at, int count) {
        checkWithin(at, count);
        return memory.readAllocation(this, at, count);
    }

    /**
     * Copies bytes into the block; nothing is written if they do not all fit in it.
     *
     * @param at    where the first byte goes, in bytes from the start of the block
     * @param bytes the bytes to write
     * @throws InvalidArgumentsException {@code bytes} is null
     * @throws MemoryAccessException     the handle is closed, {@code at} is negative, or the bytes would
     *                                   run past the end of the block
     */
    public void write(long at, byte[] bytes) {
        if (bytes == null) throw new InvalidArgumentsException("the bytes are null");
        checkWithin(at, bytes.length);
        memory.writeAllocation(this, at, bytes);
    }

    /**
     * Zeroes the block and frees it when it came from the module's {@code malloc} (and the module
     * exports {@code free}) or from the host heap; a reserved range is only zeroed. Closing twice,
     * or after the instance stopped, does nothing more.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        memory.release(this);
    }

    long end() {
        return offset + length;
    }

    boolean freeOnClose() {
        return freeOnClose;
    }

    private void checkWithin(long at, long count) {
        if (closed) throw new MemoryAccessException("the allocation at " + offset + " was closed");
        if (at < 0 || count < 0 || at > length || count > length - at) {
            throw new MemoryAccessException("[" + at + ", " + (at + count) + ") is outside the allocation of "
                    + length + " bytes at " + offset);
        }
    }

    @Override
    public String toString() {
        return "allocation of " + length + " bytes at " + offset + (closed ? " (closed)" : "");
    }
}
