package dev.beamr.wasi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A regular file of the in-memory file system: a growable byte array of at most {@link #MAX_SIZE}
 * bytes. Not thread-safe: change and inspect it while no program using it is running.
 */
public final class VirtualFile extends VirtualNode {
    /** The largest size a file may reach, bounded by what one Java array holds. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] data;
    private int size;

    /**
     * Creates a file holding a copy of some bytes, outside any directory
     * ({@link VirtualDirectory#createFile(String, byte[])} creates files inside one).
     *
     * @param contents the file's initial bytes; copied
     */
    public VirtualFile(byte[] contents) {
        setContents(contents);
    }

    /** Creates an empty file. */
    public VirtualFile() {
        this(new byte[0]);
    }

    /** {@return a copy of the file's bytes} */
    public byte[] contents() {
        return Arrays.copyOf(data, size);
    }

    /** {@return the file's bytes decoded as UTF-8, malformed sequences replaced by U+FFFD} */
    public String text() {
        return new String(data, 0, size, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the file's bytes.
     *
     * @param contents the new bytes; copied
     */
    public void setContents(byte[] contents) {
        data = contents.clone();
        size = data.length;
    }

    /** {@return the file's size in bytes} */
    public long size() {
        return size;
    }

    /** Copies up to {@code length} bytes from {@code position} into {@code target}; returns how many (0 at the end). */
    int read(long position, byte[] target, int offset, int length) {
        if (position >= size) return 0;
        int count = (int) Math.min(length, size - position);
        System.arraycopy(data, (int) position, target, offset, count);
        return count;
    }

    /** Writes at {@code position}, zero-filling any gap; the caller checks the result fits {@link #MAX_SIZE}. */
    void write(long position, byte[] source, int offset, int length) {
        int end = Math.toIntExact(position + length);
        ensureCapacity(end);
        System.arraycopy(source, offset, data, (int) position, length);
        size = Math.max(size, end);
    }

    /** Sets the size, cutting the file or extending it with zeros. */
    void truncate(int newSize) {
        ensureCapacity(newSize);
        if (newSize < size) Arrays.fill(data, newSize, size, (byte) 0);
        size = newSize;
    }

    private void ensureCapacity(int needed) {
        if (needed > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * data.length)));
        }
    }
}
