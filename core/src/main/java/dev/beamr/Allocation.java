package dev.beamr;

/**
 * A block of memory 0 held by the host: from {@link LinearMemory#allocate} (the module's
 * {@code malloc}) or {@link LinearMemory#reserve}. Reads and writes are relative to the block and
 * checked against it. {@link #close()} zeroes the bytes and, when the module can free them, frees
 * them; after that the handle refuses reads and writes. Closing twice does nothing.
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

    /** {@return the whole block's bytes} */
    public byte[] read() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MemoryAccessException("an allocation of " + length + " bytes is too large to read at once");
        }
        return read(0, (int) length);
    }

    /** {@code count} bytes from {@code at} bytes into the block. */
    public byte[] read(long at, int count) {
        checkWithin(at, count);
        return memory.readAllocation(this, at, count);
    }

    /** Writes {@code bytes} at {@code at} bytes into the block; nothing is written if they do not fit in it. */
    public void write(long at, byte[] bytes) {
        if (bytes == null) throw new InvalidArgumentsException("the bytes are null");
        checkWithin(at, bytes.length);
        memory.writeAllocation(this, at, bytes);
    }

    /** Zeroes the block and frees it when the module can; idempotent. */
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
