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
 *
 * <p>The class is thread-safe: any thread may use it, and its methods wait for the call in progress
 * (if any) to end. Every method fails with {@link InstanceStoppedException} once the instance is
 * stopped, and with {@link MemoryAccessException} when the module has no memory. Obtain it from
 * {@link WasmInstance#memory()}.
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

    /**
     * Copies bytes out of memory.
     *
     * @param offset where the bytes start, in bytes from the start of memory
     * @param length how many bytes to copy; may be 0
     * @return a new array of {@code length} bytes
     * @throws MemoryAccessException {@code offset} or {@code length} is negative, or the range
     *                               {@code [offset, offset + length)} is not inside memory
     */
    public byte[] read(long offset, int length) {
        return instance.withMemory(m -> {
            checkRange(m, offset, length);
            return m.read(offset, length);
        });
    }

    /**
     * Copies bytes into memory; nothing is written if they do not all fit.
     *
     * @param offset where the first byte goes, in bytes from the start of memory
     * @param bytes  the bytes to write
     * @throws InvalidArgumentsException {@code bytes} is null
     * @throws MemoryAccessException     {@code offset} is negative or the bytes would run past the end of memory
     */
    public void write(long offset, byte[] bytes) {
        requireBytes(bytes);
        instance.withMemory(m -> {
            checkRange(m, offset, bytes.length);
            m.write(offset, bytes);
            return null;
        });
    }

    /**
     * Reads a NUL-terminated UTF-8 string, as C code leaves it. Malformed UTF-8 is decoded with
     * replacement characters rather than refused.
     *
     * @param pointer where the string's first byte is
     * @return the text before the first NUL byte at or after {@code pointer}
     * @throws MemoryAccessException {@code pointer} is outside memory, or no NUL follows it before the end of memory
     */
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

    /**
     * Writes text as NUL-terminated UTF-8 into a fresh {@link #malloc} block, which the caller
     * owns (release it with {@link #free}).
     *
     * @param text the text to write
     * @return the block's pointer, where the string starts
     * @throws InvalidArgumentsException {@code text} is null
     * @throws AllocationException       the module's allocator is out of memory
     * @throws FunctionNotFoundException there is no allocator (see {@link #malloc})
     */
    public long writeString(String text) {
        if (text == null) throw new InvalidArgumentsException("the text to write is null");
        return writeTerminated(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes followed by a NUL into a fresh {@link #malloc} block, which the caller owns
     * (release it with {@link #free}). The bytes are written as they are, so they may be in any
     * encoding; a NUL among them ends the string early for C code.
     *
     * @param bytes the string's bytes, without a terminator
     * @return the block's pointer, where the string starts
     * @throws InvalidArgumentsException {@code bytes} is null
     * @throws AllocationException       the module's allocator is out of memory
     * @throws FunctionNotFoundException there is no allocator (see {@link #malloc})
     */
    public long writeString(byte[] bytes) {
        requireBytes(bytes);
        return writeTerminated(bytes);
    }

    /**
     * Writes several parts one after the other, then a NUL, into a fresh {@link #malloc} block,
     * which the caller owns (release it with {@link #free}).
     *
     * @param parts the parts in order; each is a {@link CharSequence} (written as UTF-8) or a {@code byte[]}
     *              (written as it is)
     * @return the block's pointer, where the joined string starts
     * @throws InvalidArgumentsException {@code parts} or one of its parts is null, or a part is of another type
     * @throws AllocationException       the module's allocator is out of memory
     * @throws FunctionNotFoundException there is no allocator (see {@link #malloc})
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
     * Allocates bytes with the module's exported {@code malloc} (or, without one, from the WAMR host
     * heap when {@link InstanceOptions} turns it on). The block is not zeroed and stays allocated
     * until {@link #free} releases it; {@link #allocate} gives a handle that does that on close.
     * Calling {@code malloc} runs module code, so it can also fail as any call can (for example with
     * {@link TrapException}).
     *
     * @param size how many bytes to allocate; at most 4 GiB - 1 for a module whose {@code malloc}
     *             takes an i32
     * @return the pointer to the block, never 0
     * @throws InvalidArgumentsException {@code size} is negative
     * @throws AllocationException       the allocator returned 0 (out of memory), the host heap has no
     *                                   free block that large, or {@code size} does not fit the module's
     *                                   32-bit {@code malloc}
     * @throws FunctionNotFoundException the module exports no {@code malloc} and there is no host heap, or
     *                                   its {@code malloc} is not of type {@code (i32) -> i32} or
     *                                   {@code (i64) -> i64}
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
     * Frees a block from {@link #malloc} (or one of the {@code writeString} methods) with the
     * module's exported {@code free}, or returns it to the host heap when it came from there. What
     * the module's {@code free} does with a pointer it did not hand out is up to the module; it may
     * trap.
     *
     * @param pointer the block's pointer, as {@link #malloc} returned it
     * @throws InvalidArgumentsException {@code pointer} is negative or beyond a 32-bit memory's range
     * @throws MemoryAccessException     {@code pointer} is in the host heap but not a live block of it
     * @throws FunctionNotFoundException the module exports no {@code free}, or its {@code free} is not of
     *                                   type {@code (i32) -> ()} or {@code (i64) -> ()}
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
     * Allocates bytes with {@link #malloc} and returns a handle that zeroes them, and frees them when
     * the module can free, on {@link Allocation#close()}.
     *
     * @param size how many bytes to allocate
     * @return an open handle on the new block
     * @throws InvalidArgumentsException {@code size} is negative
     * @throws AllocationException       the allocator is out of memory
     * @throws FunctionNotFoundException there is no usable allocator (see {@link #malloc})
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
     * example at {@link #nextAvailableOffset}); closing the handle zeroes the bytes. The module is
     * not told: keeping its own data out of the range is the host's business.
     *
     * @param offset where the range starts, in bytes from the start of memory
     * @param length the range's length in bytes; may be 0
     * @return an open handle on the range
     * @throws MemoryAccessException {@code offset} or {@code length} is negative, the range is outside
     *                               memory, or it overlaps a live allocation made here
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
     * Finds room for {@link #reserve}. Only allocations made through this object are avoided, not
     * the module's own data.
     *
     * @param from   the lowest offset to consider, in bytes
     * @param length how many bytes must fit
     * @return the lowest 16-byte-aligned offset at or above {@code from} where {@code length} bytes fit
     *         in the current memory without overlapping any live {@link Allocation} made through this
     *         memory; empty when there is no such place (see {@link #growBytes})
     * @throws MemoryAccessException {@code from} or {@code length} is negative
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
     * Grows the memory, as the module's {@code memory.grow} would. The new pages are zeroed.
     *
     * @param pages how many 64 KiB pages to add; 0 just reports the size
     * @return the size in pages before growing
     * @throws MemoryAccessException {@code pages} is negative, or the memory cannot grow that much (its
     *                               declared maximum or the instance's limit)
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
     * Grows the memory by enough whole pages to hold some more bytes. The new bytes are zeroed.
     *
     * @param bytes how many more bytes the memory must hold; rounded up to whole 64 KiB pages
     * @return the offset where the new bytes start (the previous size in bytes)
     * @throws MemoryAccessException {@code bytes} is negative, or the memory cannot grow that much
     */
    public long growBytes(long bytes) {
        if (bytes < 0) throw new MemoryAccessException("cannot grow by a negative number of bytes: " + bytes);
        return growPages(Math.ceilDiv(bytes, MemoryType.PAGE_SIZE)) * MemoryType.PAGE_SIZE;
    }

    /**
     * Reads the output buffer a function described in its results as {@code (pointer, length)}, so
     * that {@code readOutput(instance.call("f", args))} works directly.
     *
     * @param pointerAndLength at least two numbers, the buffer's pointer then its length in bytes; an
     *                         {@link Integer} (an i32 result) is read as unsigned; any further
     *                         elements are ignored
     * @return a copy of the buffer's bytes
     * @throws InvalidArgumentsException {@code pointerAndLength} is null, has fewer than two elements, or
     *                                   they are not {@link Integer}s, {@link Long}s, {@link Short}s or
     *                                   {@link Byte}s
     * @throws MemoryAccessException     the buffer is outside memory or too large for one byte array
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
