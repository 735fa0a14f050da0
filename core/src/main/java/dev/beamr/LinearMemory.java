package dev.beamr;

import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.runtime.Memory;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Memory 0 of a {@link WasmInstance}, as the host sees it. Offsets and lengths are in bytes and
 * are {@code long}s for 32- and 64-bit memories alike; every one is checked before memory is
 * touched, and a bad one fails with {@link MemoryAccessException}. Each method is one step of the
 * instance's FIFO sequence of operations, so it never observes a call half-way.
 */
public final class LinearMemory {
    /** How much {@link #readString} scans at a time while looking for the terminating NUL. */
    private static final int STRING_CHUNK = 4096;
    /** Alignment of the offsets {@link #nextAvailableOffset} proposes. */
    private static final long ALIGNMENT = 16;

    private final WasmInstance instance;
    /** Live allocations made through this API, by offset; guarded by the instance's lock. */
    private final TreeMap<Long, Allocation> allocations = new TreeMap<>();

    LinearMemory(WasmInstance instance) {
        this.instance = instance;
    }

    /** {@return the memory's size in bytes (a multiple of 65536)} */
    public long size() {
        return instance.withMemory(Memory::byteSize);
    }

    /** {@return the memory's size in 64 KiB pages} */
    public long pages() {
        return instance.withMemory(Memory::pages);
    }

    /** {@return whether the memory is 64-bit indexed (memory64)} */
    public boolean is64() {
        return instance.withMemory(Memory::is64);
    }

    /** Copies {@code length} bytes starting at {@code offset}. */
    public byte[] read(long offset, int length) {
        return instance.withMemory(m -> {
            checkRange(m, offset, length);
            return m.read(offset, length);
        });
    }

    /** Copies {@code bytes} into memory at {@code offset}; nothing is written if they do not all fit. */
    public void write(long offset, byte[] bytes) {
        requireBytes(bytes);
        instance.withMemory(m -> {
            checkRange(m, offset, bytes.length);
            m.write(offset, bytes);
            return null;
        });
    }

    /** Reads the NUL-terminated UTF-8 string at {@code pointer} (without the NUL). */
    public String readString(long pointer) {
        return instance.withMemory(m -> {
            checkRange(m, pointer, 0);
            long size = m.byteSize();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (long at = pointer; ; at += STRING_CHUNK) {
                if (at >= size) {
                    throw new MemoryAccessException("the string at " + pointer + " has no NUL terminator before the end of memory");
                }
                byte[] chunk = m.read(at, (int) Math.min(STRING_CHUNK, size - at));
                int nul = indexOfNul(chunk);
                text.write(chunk, 0, nul < 0 ? chunk.length : nul);
                if (nul >= 0) return text.toString(StandardCharsets.UTF_8);
            }
        });
    }

    /** Writes {@code text} as NUL-terminated UTF-8 into a fresh {@link #malloc} block; returns its pointer. */
    public long writeString(String text) {
        if (text == null) throw new InvalidArgumentsException("the text to write is null");
        return writeTerminated(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} followed by a NUL into a fresh {@link #malloc} block; returns its pointer. */
    public long writeString(byte[] bytes) {
        requireBytes(bytes);
        return writeTerminated(bytes);
    }

    /**
     * Writes several parts one after the other, then a NUL, into a fresh {@link #malloc} block;
     * returns its pointer. Each part is a {@link CharSequence} (written as UTF-8) or a {@code byte[]}.
     */
    public long writeString(List<?> parts) {
        if (parts == null) throw new InvalidArgumentsException("the parts to write are null");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            switch (parts.get(i)) {
                case CharSequence text -> joined.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
                case byte[] bytes -> joined.writeBytes(bytes);
                case null -> throw new InvalidArgumentsException("part " + i + " is null");
                default -> throw new InvalidArgumentsException("part " + i + " is a " + parts.get(i).getClass().getName()
                        + "; parts must be text or byte arrays");
            }
        }
        return writeTerminated(joined.toByteArray());
    }

    /**
     * Allocates {@code size} bytes with the module's exported {@code malloc} (or, without one, from
     * the WAMR host heap when that option is on); returns the pointer.
     *
     * @throws AllocationException       the allocator returned 0 (out of memory)
     * @throws FunctionNotFoundException the module exports no usable {@code malloc} and there is no host heap
     */
    public long malloc(long size) {
        if (size < 0) throw new InvalidArgumentsException("cannot allocate a negative size: " + size);
        return instance.locked(() -> {
            Signature signature = instance.exportedSignature("malloc").orElse(null);
            if (signature == null) {
                HostHeap heap = instance.hostHeap();
                if (heap == null) {
                    throw new FunctionNotFoundException("the module exports no malloc (and the WAMR host heap is off)");
                }
                return instance.withMemory(m -> heap.allocate(m, size));
            }
            ValueType pointerType = pointerType(signature, "malloc", 1);
            if (signature.results().size() != 1 || signature.results().getFirst() != pointerType) {
                throw new FunctionNotFoundException("the module's malloc has the signature " + signature.compact()
                        + " rather than (i)i or (I)I");
            }
            if (pointerType == ValueType.I32 && size > 0xFFFF_FFFFL) {
                throw new AllocationException("cannot allocate " + size + " bytes in a 32-bit memory");
            }
            long pointer = Values.address(instance.call("malloc", List.of(size)).getFirst(), "malloc's result");
            if (pointer == 0) throw new AllocationException("malloc(" + size + ") returned 0: the module is out of memory");
            return pointer;
        });
    }

    /**
     * Frees {@code pointer} with the module's exported {@code free} (or the host heap, for its blocks).
     *
     * @throws FunctionNotFoundException the module exports no usable {@code free}
     */
    public void free(long pointer) {
        instance.locked(() -> {
            HostHeap heap = instance.hostHeap();
            if (heap != null && heap.contains(pointer)) {
                return instance.withMemory(m -> {
                    heap.free(m, pointer);
                    return null;
                });
            }
            Signature signature = instance.exportedSignature("free").orElseThrow(() ->
                    new FunctionNotFoundException("the module exports no free, so its allocations cannot be freed"));
            ValueType pointerType = pointerType(signature, "free", 1);
            if (!signature.results().isEmpty()) {
                throw new FunctionNotFoundException("the module's free has the signature " + signature.compact()
                        + " rather than (i) or (I)");
            }
            if (pointer < 0 || (pointerType == ValueType.I32 && pointer > 0xFFFF_FFFFL)) {
                throw new InvalidArgumentsException("cannot free " + pointer + ": not a pointer into this memory");
            }
            instance.call("free", List.of(pointer));
            return null;
        });
    }

    /**
     * Allocates {@code size} bytes with {@link #malloc} and returns a handle that zeroes them, and
     * frees them when the module can free, on {@link Allocation#close()}.
     */
    public Allocation allocate(long size) {
        return instance.locked(() -> {
            long pointer = malloc(size);
            HostHeap heap = instance.hostHeap();
            boolean freeable = (heap != null && heap.contains(pointer)) || instance.exportedSignature("free").isPresent();
            return track(new Allocation(this, pointer, size, freeable));
        });
    }

    /**
     * Claims {@code [offset, offset + length)} for the host without the module's allocator (for
     * example at {@link #nextAvailableOffset}); closing the handle zeroes the bytes.
     *
     * @throws MemoryAccessException the range is outside memory or overlaps a live allocation made here
     */
    public Allocation reserve(long offset, long length) {
        return instance.withMemory(m -> {
            checkRange(m, offset, length);
            Map.Entry<Long, Allocation> before = allocations.floorEntry(offset);
            Map.Entry<Long, Allocation> after = allocations.ceilingEntry(offset);
            if ((before != null && before.getValue().end() > offset) || (after != null && after.getKey() < offset + length)) {
                throw new MemoryAccessException("[" + offset + ", " + (offset + length) + ") overlaps a live allocation");
            }
            return track(new Allocation(this, offset, length, false));
        });
    }

    /**
     * The lowest 16-byte-aligned offset at or above {@code from} where {@code length} bytes fit in
     * the current memory without overlapping any live {@link Allocation} made through this memory;
     * empty when there is no such place (see {@link #growBytes}).
     */
    public OptionalLong nextAvailableOffset(long from, long length) {
        if (from < 0 || length < 0) {
            throw new MemoryAccessException("offset and length must not be negative: " + from + ", " + length);
        }
        return instance.withMemory(m -> {
            long candidate = alignUp(from);
            for (Allocation live : allocations.values()) {
                if (live.end() <= candidate) continue;
                if (live.offset() >= candidate + length) break;
                candidate = alignUp(live.end());
            }
            return length <= m.byteSize() - candidate ? OptionalLong.of(candidate) : OptionalLong.empty();
        });
    }

    /**
     * Grows the memory by {@code pages} 64 KiB pages; returns the previous size in pages.
     *
     * @throws MemoryAccessException the memory cannot grow that much (its maximum or the instance's limit)
     */
    public long growPages(long pages) {
        if (pages < 0) throw new MemoryAccessException("cannot grow by a negative number of pages: " + pages);
        return instance.withMemory(m -> {
            long previous = m.grow(pages);
            if (previous < 0) {
                throw new MemoryAccessException("cannot grow memory of " + m.pages() + " pages by " + pages
                        + ": its limit is " + m.maxPages() + " pages");
            }
            return previous;
        });
    }

    /**
     * Grows the memory by enough whole pages to hold {@code bytes} more bytes; returns the offset
     * where the new bytes start (the previous size in bytes).
     */
    public long growBytes(long bytes) {
        if (bytes < 0) throw new MemoryAccessException("cannot grow by a negative number of bytes: " + bytes);
        return growPages(Math.ceilDiv(bytes, MemoryType.PAGE_SIZE)) * MemoryType.PAGE_SIZE;
    }

    /**
     * Reads the output buffer a function described in its results as {@code (pointer, length)}
     * (i32 values read as unsigned).
     */
    public byte[] readOutput(List<? extends Number> pointerAndLength) {
        if (pointerAndLength == null || pointerAndLength.size() < 2) {
            throw new InvalidArgumentsException("an output buffer is described by (pointer, length), got " + pointerAndLength);
        }
        long pointer = Values.address(pointerAndLength.get(0), "the output pointer");
        long length = Values.address(pointerAndLength.get(1), "the output length");
        if (length > Integer.MAX_VALUE - 8) {
            throw new MemoryAccessException("an output buffer of " + length + " bytes is too large to read at once");
        }
        return read(pointer, (int) length);
    }

    // ---- package-private: serialization and allocation handles ----

    byte[] readAll() {
        return instance.withMemory(m -> {
            if (m.byteSize() > Integer.MAX_VALUE - 8) {
                throw new MemoryAccessException("a memory of " + m.byteSize() + " bytes does not fit in one byte array");
            }
            return m.read(0, (int) m.byteSize());
        });
    }

    void restoreImage(byte[] image) {
        requireBytes(image);
        instance.withMemory(m -> {
            long missing = image.length - m.byteSize();
            if (missing > 0 && m.grow(Math.ceilDiv(missing, MemoryType.PAGE_SIZE)) < 0) {
                throw new MemoryAccessException("an image of " + image.length + " bytes does not fit in memory of "
                        + m.byteSize() + " bytes, which cannot grow to hold it");
            }
            m.write(0, image);
            return null;
        });
    }

    /** Reads within a live allocation; the allocation has checked the range against itself. */
    byte[] readAllocation(Allocation allocation, long at, int length) {
        return instance.withMemory(m -> {
            requireLive(allocation);
            return read(allocation.offset() + at, length);
        });
    }

    void writeAllocation(Allocation allocation, long at, byte[] bytes) {
        instance.withMemory(m -> {
            requireLive(allocation);
            write(allocation.offset() + at, bytes);
            return null;
        });
    }

    /** Zeroes and (when possible) frees {@code allocation}; a stopped instance has nothing left to zero. */
    void release(Allocation allocation) {
        if (instance.isStopped()) return;
        instance.withMemory(m -> {
            if (allocations.remove(allocation.offset(), allocation)) {
                if (allocation.length() > 0) m.fill(allocation.offset(), (byte) 0, allocation.length());
                if (allocation.freeOnClose()) free(allocation.offset());
            }
            return null;
        });
    }

    void forgetAllocations() {
        allocations.clear();
    }

    // ---- helpers ----

    private Allocation track(Allocation allocation) {
        allocations.put(allocation.offset(), allocation);
        return allocation;
    }

    private void requireLive(Allocation allocation) {
        if (allocations.get(allocation.offset()) != allocation) {
            throw new MemoryAccessException("the allocation at " + allocation.offset() + " was closed");
        }
    }

    private long writeTerminated(byte[] bytes) {
        return instance.locked(() -> {
            long pointer = malloc(bytes.length + 1L);
            instance.withMemory(m -> {
                checkRange(m, pointer, bytes.length + 1L);
                MemorySegment.copy(bytes, 0, m.segment(), ValueLayout.JAVA_BYTE, pointer, bytes.length);
                m.segment().set(ValueLayout.JAVA_BYTE, pointer + bytes.length, (byte) 0);
                return null;
            });
            return pointer;
        });
    }

    private static ValueType pointerType(Signature signature, String function, int params) {
        if (signature.params().size() != params
                || (signature.params().getFirst() != ValueType.I32 && signature.params().getFirst() != ValueType.I64)) {
            throw new FunctionNotFoundException("the module's " + function + " has the unexpected signature " + signature.compact());
        }
        return signature.params().getFirst();
    }

    static void checkRange(Memory memory, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new MemoryAccessException("offset and length must not be negative: " + offset + ", " + length);
        }
        long size = memory.byteSize();
        if (offset > size || length > size - offset) {
            throw new MemoryAccessException("[" + offset + ", " + (offset + length) + ") is outside the memory of "
                    + size + " bytes");
        }
    }

    private static void requireBytes(byte[] bytes) {
        if (bytes == null) throw new InvalidArgumentsException("the bytes are null");
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) return i;
        }
        return -1;
    }

    private static long alignUp(long offset) {
        return (offset + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
