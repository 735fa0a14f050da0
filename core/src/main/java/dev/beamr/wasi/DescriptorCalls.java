package dev.beamr.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.beamr.wasi.WasiAbi.*;

/** The {@code fd_*} calls: reading, writing and inspecting open descriptors. */
final class DescriptorCalls {
    /** Most buffers one read or write takes, as POSIX's IOV_MAX. */
    private static final int MAX_IOVECS = 1024;

    private DescriptorCalls() {}

    /** {@code fd_read(fd, iovs, iovs_len, nread*)} */
    static int fdRead(WasiCall call) {
        return read(call, false, 0, call.address(3));
    }

    /** {@code fd_pread(fd, iovs, iovs_len, offset, nread*)} */
    static int fdPread(WasiCall call) {
        return read(call, true, offset(call.i64(3)), call.address(4));
    }

    /** {@code fd_write(fd, iovs, iovs_len, nwritten*)} */
    static int fdWrite(WasiCall call) {
        return write(call, false, 0, call.address(3));
    }

    /** {@code fd_pwrite(fd, iovs, iovs_len, offset, nwritten*)} */
    static int fdPwrite(WasiCall call) {
        return write(call, true, offset(call.i64(3)), call.address(4));
    }

    /** {@code fd_seek(fd, offset, whence, newoffset*)} */
    static int fdSeek(WasiCall call) {
        Descriptor.File open = seekable(call.context.descriptors.get(call.i32(0)));
        long delta = call.i64(1);
        long base = switch (call.i32(2)) {
            case WHENCE_SET -> 0;
            case WHENCE_CUR -> open.position;
            case WHENCE_END -> open.file.size();
            default -> throw new ErrnoException(Errno.INVAL, "unknown whence " + call.i32(2));
        };
        long position;
        try {
            position = Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            throw new ErrnoException(Errno.INVAL, "seek overflows");
        }
        if (position < 0) throw new ErrnoException(Errno.INVAL, "seek before the start of the file");
        long result = call.address(3);
        call.memory.check(result, 8);
        open.position = position;
        call.memory.putI64(result, position);
        return Errno.SUCCESS;
    }

    /** {@code fd_tell(fd, offset*)} */
    static int fdTell(WasiCall call) {
        Descriptor.File open = seekable(call.context.descriptors.get(call.i32(0)));
        call.memory.putI64(call.address(1), open.position);
        return Errno.SUCCESS;
    }

    /** {@code fd_close(fd)} */
    static int fdClose(WasiCall call) {
        call.context.descriptors.close(call.i32(0));
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_get(fd, fdstat*)} */
    static int fdFdstatGet(WasiCall call) {
        Descriptor descriptor = call.context.descriptors.get(call.i32(0));
        long address = call.address(1);
        call.memory.fill(address, FDSTAT_SIZE, (byte) 0);
        switch (descriptor) {
            case Descriptor.Stream stream -> {
                call.memory.putU8(address, FILETYPE_CHARACTER_DEVICE);
                long rights = STREAM_RIGHTS | (stream.input() != null ? RIGHT_FD_READ : 0)
                        | (stream.output() != null ? RIGHT_FD_WRITE : 0);
                call.memory.putI64(address + 8, rights);
            }
            case Descriptor.File open -> {
                call.memory.putU8(address, FILETYPE_REGULAR_FILE);
                call.memory.putU16(address + 2, open.flags);
                call.memory.putI64(address + 8, open.rights);
            }
            case Descriptor.Directory directory -> {
                call.memory.putU8(address, FILETYPE_DIRECTORY);
                call.memory.putI64(address + 8, directory.rights());
                call.memory.putI64(address + 16, directory.inheritingRights());
            }
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_set_flags(fd, flags)}: only files keep flags (append matters); streams accept and ignore them. */
    static int fdFdstatSetFlags(WasiCall call) {
        Descriptor descriptor = call.context.descriptors.get(call.i32(0));
        int flags = call.i32(1);
        if ((flags & ~ALL_FDFLAGS) != 0) throw new ErrnoException(Errno.INVAL, "unknown fdflags " + flags);
        if (descriptor instanceof Descriptor.File open) open.flags = flags;
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_get(fd, filestat*)} */
    static int fdFilestatGet(WasiCall call) {
        VirtualNode node = switch (call.context.descriptors.get(call.i32(0))) {
            case Descriptor.Stream stream -> null;
            case Descriptor.File open -> open.file;
            case Descriptor.Directory directory -> directory.directory();
        };
        writeFilestat(call, call.address(1), node);
        return Errno.SUCCESS;
    }

    /** {@code fd_prestat_get(fd, prestat*)}: a tag byte (0, a directory), then the name's length as a size. */
    static int fdPrestatGet(WasiCall call) {
        byte[] name = preopenName(call);
        long address = call.address(1);
        int width = call.memory.addressSize();
        call.memory.fill(address, 2L * width, (byte) 0);
        call.memory.putAddress(address + width, name.length);
        return Errno.SUCCESS;
    }

    /** {@code fd_prestat_dir_name(fd, path, path_len)} */
    static int fdPrestatDirName(WasiCall call) {
        byte[] name = preopenName(call);
        if (call.address(2) < name.length) {
            throw new ErrnoException(Errno.NAMETOOLONG, "buffer too small for the preopened name");
        }
        call.memory.write(call.address(1), name);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_readdir(fd, buf, buf_len, cookie, bufused*)}: entries from position {@code cookie}
     * ({@code .} and {@code ..} first, then by name), each a dirent header and its name, the last one
     * cut off when the buffer is full, which tells the program to call again.
     */
    static int fdReaddir(WasiCall call) {
        if (!(call.context.descriptors.get(call.i32(0)) instanceof Descriptor.Directory directory)) {
            throw new ErrnoException(Errno.NOTDIR, "not a directory");
        }
        long buffer = call.address(1);
        long capacity = call.address(2);
        long cookie = call.i64(3);
        long result = call.address(4);
        call.memory.check(buffer, capacity);
        call.memory.check(result, call.memory.addressSize());

        List<Map.Entry<String, VirtualNode>> entries = listing(directory);
        long used = 0;
        for (long index = cookie; index >= 0 && index < entries.size() && used < capacity; index++) {
            Map.Entry<String, VirtualNode> entry = entries.get((int) index);
            byte[] dirent = dirent(call.context, index + 1, entry.getKey(), entry.getValue());
            int count = (int) Math.min(dirent.length, capacity - used);
            call.memory.write(buffer + used, dirent, 0, count);
            used += count;
        }
        call.memory.putAddress(result, used);
        return Errno.SUCCESS;
    }

    /** Writes a filestat record for {@code node}, or for a character device when it is null. */
    static void writeFilestat(WasiCall call, long address, VirtualNode node) {
        call.memory.fill(address, FILESTAT_SIZE, (byte) 0);
        if (node == null) {
            call.memory.putU8(address + 16, FILETYPE_CHARACTER_DEVICE);
            return;
        }
        call.memory.putI64(address, 1);
        call.memory.putI64(address + 8, call.context.inode(node));
        call.memory.putU8(address + 16, fileType(node));
        call.memory.putI64(address + 24, 1);
        call.memory.putI64(address + 32, node instanceof VirtualFile file ? file.size() : 0);
        call.memory.putI64(address + 40, node.accessTime());
        call.memory.putI64(address + 48, node.modificationTime());
        call.memory.putI64(address + 56, node.changeTime());
    }

    static int fileType(VirtualNode node) {
        return node instanceof VirtualDirectory ? FILETYPE_DIRECTORY : FILETYPE_REGULAR_FILE;
    }

    private static int read(WasiCall call, boolean positioned, long offset, long result) {
        Descriptor descriptor = call.context.descriptors.get(call.i32(0));
        Buffers buffers = buffers(call);
        call.memory.check(result, call.memory.addressSize());
        byte[] bytes = new byte[buffers.total()];
        int count = switch (descriptor) {
            case Descriptor.Stream stream -> {
                if (stream.input() == null) throw new ErrnoException(Errno.BADF, "stream is not readable");
                if (positioned) throw new ErrnoException(Errno.SPIPE, "stream has no position");
                yield readStream(stream, bytes);
            }
            case Descriptor.File open -> {
                if ((open.rights & RIGHT_FD_READ) == 0) throw new ErrnoException(Errno.BADF, "file not open for reading");
                int read = open.file.read(positioned ? offset : open.position, bytes, 0, bytes.length);
                if (!positioned) open.position += read;
                yield read;
            }
            case Descriptor.Directory directory -> throw new ErrnoException(Errno.ISDIR, "cannot read a directory");
        };
        buffers.scatter(call.memory, bytes, count);
        call.memory.putAddress(result, count);
        return Errno.SUCCESS;
    }

    private static int write(WasiCall call, boolean positioned, long offset, long result) {
        Descriptor descriptor = call.context.descriptors.get(call.i32(0));
        Buffers buffers = buffers(call);
        call.memory.check(result, call.memory.addressSize());
        byte[] bytes = buffers.gather(call.memory);
        switch (descriptor) {
            case Descriptor.Stream stream -> {
                if (stream.output() == null) throw new ErrnoException(Errno.BADF, "stream is not writable");
                if (positioned) throw new ErrnoException(Errno.SPIPE, "stream has no position");
                writeStream(stream, bytes);
            }
            case Descriptor.File open -> {
                if ((open.rights & RIGHT_FD_WRITE) == 0) throw new ErrnoException(Errno.BADF, "file not open for writing");
                long position = positioned ? offset
                        : (open.flags & FDFLAG_APPEND) != 0 ? open.file.size() : open.position;
                if (position > VirtualFile.MAX_SIZE - bytes.length) {
                    throw new ErrnoException(Errno.FBIG, "file would exceed " + VirtualFile.MAX_SIZE + " bytes");
                }
                open.file.write(position, bytes, 0, bytes.length);
                open.file.modified(call.context.clock.realtime());
                if (!positioned) open.position = position + bytes.length;
            }
            case Descriptor.Directory directory -> throw new ErrnoException(Errno.BADF, "cannot write a directory");
        }
        call.memory.putAddress(result, bytes.length);
        return Errno.SUCCESS;
    }

    private static int readStream(Descriptor.Stream stream, byte[] bytes) {
        if (bytes.length == 0) return 0;
        try {
            return Math.max(0, stream.input().read(bytes));
        } catch (IOException e) {
            throw new ErrnoException(Errno.IO, e.toString());
        }
    }

    private static void writeStream(Descriptor.Stream stream, byte[] bytes) {
        try {
            stream.output().write(bytes);
            stream.output().flush();
        } catch (IOException e) {
            throw new ErrnoException(Errno.IO, e.toString());
        }
    }

    private static long offset(long offset) {
        if (offset < 0) throw new ErrnoException(Errno.INVAL, "offset " + Long.toUnsignedString(offset) + " is too large");
        return offset;
    }

    private static Descriptor.File seekable(Descriptor descriptor) {
        return switch (descriptor) {
            case Descriptor.File open -> open;
            case Descriptor.Stream stream -> throw new ErrnoException(Errno.SPIPE, "stream has no position");
            case Descriptor.Directory directory -> throw new ErrnoException(Errno.BADF, "directory has no position");
        };
    }

    private static byte[] preopenName(WasiCall call) {
        if (call.context.descriptors.get(call.i32(0)) instanceof Descriptor.Directory directory
                && directory.preopenName() != null) {
            return directory.preopenName().getBytes(StandardCharsets.UTF_8);
        }
        throw new ErrnoException(Errno.BADF, "not a preopened directory");
    }

    private static List<Map.Entry<String, VirtualNode>> listing(Descriptor.Directory directory) {
        List<VirtualDirectory> path = directory.path();
        VirtualDirectory self = directory.directory();
        VirtualDirectory parent = path.size() > 1 ? path.get(path.size() - 2) : self;
        List<Map.Entry<String, VirtualNode>> entries = new ArrayList<>();
        entries.add(Map.entry(".", self));
        entries.add(Map.entry("..", parent));
        entries.addAll(self.entries().entrySet());
        return entries;
    }

    /** A dirent record ({@code d_next}, {@code d_ino}, {@code d_namlen}, {@code d_type}) followed by the name. */
    private static byte[] dirent(WasiContext context, long next, String name, VirtualNode node) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[DIRENT_SIZE + nameBytes.length];
        ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(0, next).putLong(8, context.inode(node)).putInt(16, nameBytes.length).put(20, (byte) fileType(node));
        System.arraycopy(nameBytes, 0, record, DIRENT_SIZE, nameBytes.length);
        return record;
    }

    /** Reads and bounds-checks the iovec array given by arguments 1 (address) and 2 (count). */
    private static Buffers buffers(WasiCall call) {
        long array = call.address(1);
        long count = call.address(2);
        if (count < 0 || count > MAX_IOVECS) throw new ErrnoException(Errno.INVAL, "too many buffers: " + Long.toUnsignedString(count));
        int width = call.memory.addressSize();
        call.memory.checkArray(array, count, 2 * width);
        long[] addresses = new long[(int) count];
        int[] lengths = new int[(int) count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            long entry = array + (long) i * 2 * width;
            long address = call.memory.address(entry);
            long length = call.memory.address(entry + width);
            call.memory.check(address, length);
            // A transfer moves at most what one Java array holds; the program sees a short count.
            int taken = (int) Math.min(length, VirtualFile.MAX_SIZE - total);
            addresses[i] = address;
            lengths[i] = taken;
            total += taken;
        }
        return new Buffers(addresses, lengths, (int) total);
    }

    /** The buffers of an iovec array, already checked to lie inside the memory. */
    private record Buffers(long[] addresses, int[] lengths, int total) {
        byte[] gather(GuestMemory memory) {
            byte[] bytes = new byte[total];
            int offset = 0;
            for (int i = 0; i < addresses.length; i++) {
                memory.read(addresses[i], bytes, offset, lengths[i]);
                offset += lengths[i];
            }
            return bytes;
        }

        void scatter(GuestMemory memory, byte[] bytes, int count) {
            int offset = 0;
            for (int i = 0; i < addresses.length && offset < count; i++) {
                int part = Math.min(lengths[i], count - offset);
                memory.write(addresses[i], bytes, offset, part);
                offset += part;
            }
        }
    }
}
