package dev.beamr.wasi;

import dev.beamr.LinkException;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The provider's functions called directly on a memory, in 32-bit and memory64 layouts. */
class WasiPreview1Test {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A program's memory and provider, with helpers that place data and make calls like compiled code would. */
    private static final class Guest {
        final Memory memory;
        final WasiPreview1 wasi;
        final int width;
        private long next = 1024;

        Guest(boolean memory64, WasiPreview1 wasi) {
            this.memory = new Memory(new MemoryType(new Limits(1, -1), memory64, false));
            this.wasi = wasi;
            this.width = memory64 ? 8 : 4;
        }

        /** Calls {@code name}; {@code params} spells the signature with {@code a} for a pointer or size. */
        int call(String name, String params, long... args) {
            String[] kinds = params.isEmpty() ? new String[0] : params.split(" ");
            ValType[] types = new ValType[kinds.length];
            long[] values = args.clone();
            for (int i = 0; i < kinds.length; i++) {
                types[i] = switch (kinds[i]) {
                    case "i32" -> ValType.I32;
                    case "i64" -> ValType.I64;
                    case "a" -> width == 8 ? ValType.I64 : ValType.I32;
                    default -> throw new IllegalArgumentException(kinds[i]);
                };
                // The engine passes an i32 as a sign-extended int.
                if (types[i] == ValType.I32) values[i] = (int) values[i];
            }
            FuncType type = new FuncType(types, new ValType[] {ValType.I32});
            long[] results = wasi.call(WasiFunction.named(name), type, memory, values);
            return (int) results[0];
        }

        long allocate(int bytes) {
            long address = next;
            next += (bytes + 15) & ~15;
            return address;
        }

        long string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            long address = allocate(bytes.length);
            memory.write(address, bytes);
            return address;
        }

        /** An iovec array describing the given buffers. */
        long iovecs(long[] buffers, int[] lengths) {
            long array = allocate(lengths.length * 2 * width);
            for (int i = 0; i < lengths.length; i++) {
                putAddress(array + (long) i * 2 * width, buffers[i]);
                putAddress(array + (long) i * 2 * width + width, lengths[i]);
            }
            return array;
        }

        long iovec(long buffer, int length) {
            return iovecs(new long[] {buffer}, new int[] {length});
        }

        void putAddress(long address, long value) {
            if (width == 8) {
                memory.segment().set(I64, address, value);
            } else {
                memory.segment().set(I32, address, (int) value);
            }
        }

        long address(long address) {
            return width == 8 ? memory.segment().get(I64, address) : Integer.toUnsignedLong(memory.segment().get(I32, address));
        }

        int i32(long address) {
            return memory.segment().get(I32, address);
        }

        long i64(long address) {
            return memory.segment().get(I64, address);
        }

        int u8(long address) {
            return Byte.toUnsignedInt(memory.segment().get(ValueLayout.JAVA_BYTE, address));
        }

        String text(long address, int length) {
            return new String(memory.read(address, length), StandardCharsets.UTF_8);
        }

        /** Opens {@code path} under descriptor {@code dir}; returns the new descriptor or fails with the errno. */
        int open(int dir, String path, int openFlags, long rights, int fdFlags) {
            long result = allocate(4);
            int errno = call("path_open", "i32 i32 a a i32 i64 i64 i32 a", dir, 0, string(path),
                    path.getBytes(StandardCharsets.UTF_8).length, openFlags, rights, 0, fdFlags, result);
            assertEquals(Errno.SUCCESS, errno, "path_open " + path);
            return i32(result);
        }

        int pathCall(String name, int dir, String path) {
            return call(name, "i32 a a", dir, string(path), path.getBytes(StandardCharsets.UTF_8).length);
        }

        String read(int fd, int capacity) {
            long buffer = allocate(capacity);
            long count = allocate(8);
            assertEquals(Errno.SUCCESS, call("fd_read", "i32 a a a", fd, iovec(buffer, capacity), 1, count));
            return text(buffer, (int) address(count));
        }

        long write(int fd, String text) {
            long buffer = string(text);
            long count = allocate(8);
            assertEquals(Errno.SUCCESS, call("fd_write", "i32 a a a", fd,
                    iovec(buffer, text.getBytes(StandardCharsets.UTF_8).length), 1, count));
            return address(count);
        }
    }

    private static final int PREOPEN = 3;
    private static final long READ_WRITE = WasiAbi.RIGHT_FD_READ | WasiAbi.RIGHT_FD_WRITE;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fdWriteGathersBuffersToStdout(boolean memory64) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Guest guest = new Guest(memory64, WasiPreview1.builder().stdout(stdout).build());
        long hello = guest.string("Hello, ");
        long world = guest.string("World!\n");
        long iovs = guest.iovecs(new long[] {hello, world}, new int[] {7, 7});
        long written = guest.allocate(8);

        assertEquals(Errno.SUCCESS, guest.call("fd_write", "i32 a a a", 1, iovs, 2, written));
        assertEquals("Hello, World!\n", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(14, guest.address(written));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void argumentsAndEnvironmentAreNulTerminatedStringsWithPointerArrays(boolean memory64) {
        Guest guest = new Guest(memory64, WasiPreview1.builder().args("prog", "ünï").env("A", "1").env("B", "two").build());
        long count = guest.allocate(8);
        long size = guest.allocate(8);
        assertEquals(Errno.SUCCESS, guest.call("args_sizes_get", "a a", count, size));
        assertEquals(2, guest.address(count));
        assertEquals(5 + "ünï".getBytes(StandardCharsets.UTF_8).length + 1, guest.address(size));

        long pointers = guest.allocate(2 * guest.width);
        long buffer = guest.allocate(64);
        assertEquals(Errno.SUCCESS, guest.call("args_get", "a a", pointers, buffer));
        assertEquals(buffer, guest.address(pointers));
        assertEquals("prog\0", guest.text(buffer, 5));
        assertEquals("ünï", guest.text(guest.address(pointers + guest.width), "ünï".getBytes(StandardCharsets.UTF_8).length));

        assertEquals(Errno.SUCCESS, guest.call("environ_sizes_get", "a a", count, size));
        assertEquals(2, guest.address(count));
        assertEquals(4 + 6, guest.address(size));
        assertEquals(Errno.SUCCESS, guest.call("environ_get", "a a", pointers, buffer));
        assertEquals("A=1\0B=two\0", guest.text(buffer, 10));
        assertEquals(buffer + 4, guest.address(pointers + guest.width));
    }

    @Test
    void badPointersReturnEfaultInsteadOfTrapping() {
        Guest guest = new Guest(false, WasiPreview1.builder().args("prog").build());
        long size = guest.allocate(4);
        // 0xFFFFFFF0 arrives sign-extended; it must be read as a high unsigned address.
        assertEquals(Errno.FAULT, guest.call("args_sizes_get", "a a", 0xFFFF_FFF0L, size));
        assertEquals(Errno.FAULT, guest.call("args_get", "a a", 65534, 16));
        long iovs = guest.iovec(65530, 100);
        assertEquals(Errno.FAULT, guest.call("fd_write", "i32 a a a", 1, iovs, 1, size));
        assertEquals(Errno.FAULT, guest.call("random_get", "a a", 65000, 1000));
        assertEquals(Errno.FAULT, guest.call("clock_time_get", "i32 i64 a", 0, 0, 65532));
    }

    @Test
    void aCallWithoutMemoryFaults() {
        HostFunctionProbe probe = new HostFunctionProbe(WasiPreview1.builder().build());
        assertEquals(Errno.FAULT, probe.callWithoutInstance("args_sizes_get", ValType.I32, ValType.I32));
        assertEquals(Errno.SUCCESS, probe.callWithoutInstance("sched_yield"));
    }

    @Test
    void unknownFunctionsReturnEnosysWithTheirDeclaredSignature() {
        HostFunctionProbe probe = new HostFunctionProbe(WasiPreview1.builder().build());
        assertEquals(Errno.NOSYS, probe.callWithoutInstance("sock_accept", ValType.I32, ValType.I32, ValType.I32));
        FuncType noResults = new FuncType(new ValType[] {ValType.I64}, new ValType[0]);
        assertArrayEquals(new long[0], probe.wasi.function("fd_advise_later", noResults).call(5));
    }

    @Test
    void implementedFunctionsRejectImpossibleSignatures() {
        WasiPreview1 wasi = WasiPreview1.builder().build();
        FuncType floats = new FuncType(new ValType[] {ValType.F64, ValType.I32, ValType.I32, ValType.I32}, new ValType[] {ValType.I32});
        LinkException wrongParams = assertThrows(LinkException.class, () -> wasi.function("fd_write", floats));
        assertTrue(wrongParams.getMessage().contains("fd_write"), wrongParams.getMessage());
        FuncType withResult = new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
        assertThrows(LinkException.class, () -> wasi.function("proc_exit", withResult));
        FuncType i64Fd = new FuncType(new ValType[] {ValType.I64}, new ValType[] {ValType.I32});
        assertThrows(LinkException.class, () -> wasi.function("fd_close", i64Fd));
    }

    @Test
    void procExitEndsTheCallWithItsCode() {
        WasiPreview1 wasi = WasiPreview1.builder().build();
        FuncType type = new FuncType(new ValType[] {ValType.I32}, new ValType[0]);
        WasiExitException exit = assertThrows(WasiExitException.class, () -> wasi.function("proc_exit", type).call(42));
        assertEquals(42, exit.exitCode());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deterministicModeFixesClocksAndRandomness(boolean memory64) {
        Guest first = new Guest(memory64, WasiPreview1.builder().deterministic(7).build());
        Guest second = new Guest(memory64, WasiPreview1.builder().deterministic(7).build());
        Guest other = new Guest(memory64, WasiPreview1.builder().deterministic(8).build());
        byte[][] randoms = new byte[3][];
        List<Guest> guests = List.of(first, second, other);
        for (int i = 0; i < 3; i++) {
            Guest guest = guests.get(i);
            long buffer = guest.allocate(32);
            assertEquals(Errno.SUCCESS, guest.call("random_get", "a a", buffer, 32));
            randoms[i] = guest.memory.read(buffer, 32);
        }
        assertArrayEquals(randoms[0], randoms[1]);
        assertFalse(Arrays.equals(randoms[0], randoms[2]));

        long time = first.allocate(8);
        assertEquals(Errno.SUCCESS, first.call("clock_time_get", "i32 i64 a", 0, 1, time));
        assertEquals(0, first.i64(time));
        assertEquals(Errno.SUCCESS, first.call("clock_res_get", "i32 a", 1, time));
        assertEquals(1, first.i64(time));
        assertEquals(Errno.INVAL, first.call("clock_time_get", "i32 i64 a", 9, 1, time));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pollOneoffSleepsUntilTheEarliestClockSubscription(boolean memory64) {
        Guest guest = new Guest(memory64, WasiPreview1.builder().deterministic(1).build());
        long subscriptions = guest.allocate(2 * WasiAbi.SUBSCRIPTION_SIZE);
        writeClockSubscription(guest, subscriptions, 11, 5_000_000);
        writeClockSubscription(guest, subscriptions + WasiAbi.SUBSCRIPTION_SIZE, 22, 9_000_000);
        long events = guest.allocate(2 * WasiAbi.EVENT_SIZE);
        long count = guest.allocate(8);

        assertEquals(Errno.SUCCESS, guest.call("poll_oneoff", "a a a a", subscriptions, events, 2, count));
        assertEquals(1, guest.address(count));
        assertEquals(11, guest.i64(events));
        assertEquals(0, guest.u8(events + 10));
        long now = guest.allocate(8);
        guest.call("clock_time_get", "i32 i64 a", 1, 1, now);
        assertEquals(5_000_000, guest.i64(now));
        assertEquals(Errno.INVAL, guest.call("poll_oneoff", "a a a a", subscriptions, events, 0, count));
    }

    @Test
    void pollOneoffReportsReadyDescriptorsWithoutSleeping() {
        Guest guest = new Guest(false, WasiPreview1.builder().deterministic(1).stdin("abc".getBytes(StandardCharsets.UTF_8)).build());
        long subscriptions = guest.allocate(2 * WasiAbi.SUBSCRIPTION_SIZE);
        writeClockSubscription(guest, subscriptions, 1, 1_000_000_000);
        long readStdin = subscriptions + WasiAbi.SUBSCRIPTION_SIZE;
        guest.memory.segment().set(I64, readStdin, 2);
        guest.memory.segment().set(ValueLayout.JAVA_BYTE, readStdin + 8, (byte) 1);
        guest.memory.segment().set(I32, readStdin + 16, 0);
        long events = guest.allocate(2 * WasiAbi.EVENT_SIZE);
        long count = guest.allocate(4);

        assertEquals(Errno.SUCCESS, guest.call("poll_oneoff", "a a a a", subscriptions, events, 2, count));
        assertEquals(1, guest.address(count));
        assertEquals(2, guest.i64(events));
        assertEquals(1, guest.u8(events + 10));
        assertEquals(3, guest.i64(events + 16));
    }

    private static void writeClockSubscription(Guest guest, long at, long userdata, long timeout) {
        guest.memory.fill(at, (byte) 0, WasiAbi.SUBSCRIPTION_SIZE);
        guest.memory.segment().set(I64, at, userdata);
        guest.memory.segment().set(I32, at + 16, 1);
        guest.memory.segment().set(I64, at + 24, timeout);
    }

    @Test
    void stdinIsReadFromTheGivenBytes() {
        Guest guest = new Guest(false, WasiPreview1.builder().stdin("line\nrest".getBytes(StandardCharsets.UTF_8)).build());
        assertEquals("line\nrest", guest.read(0, 64));
        assertEquals("", guest.read(0, 64));
        long count = guest.allocate(4);
        assertEquals(Errno.BADF, guest.call("fd_write", "i32 a a a", 0, guest.iovec(guest.string("x"), 1), 1, count));
        assertEquals(Errno.SPIPE, guest.call("fd_seek", "i32 i64 i32 a", 1, 0, 0, count));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void preopenedDirectoriesAreDescribedByPrestat(boolean memory64) {
        Guest guest = new Guest(memory64, WasiPreview1.builder()
                .preopen("/data", new VirtualDirectory()).preopen("/tmp", new VirtualDirectory()).build());
        long prestat = guest.allocate(16);
        assertEquals(Errno.SUCCESS, guest.call("fd_prestat_get", "i32 a", 4, prestat));
        assertEquals(0, guest.u8(prestat));
        assertEquals(4, guest.address(prestat + guest.width));
        long name = guest.allocate(8);
        assertEquals(Errno.SUCCESS, guest.call("fd_prestat_dir_name", "i32 a a", 4, name, 4));
        assertEquals("/tmp", guest.text(name, 4));
        assertEquals(Errno.NAMETOOLONG, guest.call("fd_prestat_dir_name", "i32 a a", 3, name, 2));
        assertEquals(Errno.BADF, guest.call("fd_prestat_get", "i32 a", 5, prestat));
        assertEquals(Errno.BADF, guest.call("fd_prestat_get", "i32 a", 1, prestat));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void filesAreOpenedReadWrittenAndSeekedInTheVirtualFileSystem(boolean memory64) {
        VirtualDirectory root = new VirtualDirectory();
        root.createFile("docs/readme.txt", "0123456789");
        Guest guest = new Guest(memory64, WasiPreview1.builder().preopen("/", root).build());

        int fd = guest.open(PREOPEN, "docs/readme.txt", 0, READ_WRITE, 0);
        assertEquals("0123", guest.read(fd, 4));
        long position = guest.allocate(8);
        assertEquals(Errno.SUCCESS, guest.call("fd_tell", "i32 a", fd, position));
        assertEquals(4, guest.i64(position));
        assertEquals(Errno.SUCCESS, guest.call("fd_seek", "i32 i64 i32 a", fd, -2, WasiAbi.WHENCE_END, position));
        assertEquals(8, guest.i64(position));
        assertEquals(2, guest.write(fd, "AB"));
        assertEquals("01234567AB", root.find("docs/readme.txt") instanceof VirtualFile file ? file.text() : null);
        assertEquals(Errno.INVAL, guest.call("fd_seek", "i32 i64 i32 a", fd, -20, WasiAbi.WHENCE_CUR, position));

        long buffer = guest.allocate(3);
        long count = guest.allocate(8);
        assertEquals(Errno.SUCCESS, guest.call("fd_pread", "i32 a a i64 a", fd, guest.iovec(buffer, 3), 1, 1, count));
        assertEquals("123", guest.text(buffer, (int) guest.address(count)));
        assertEquals(Errno.SUCCESS, guest.call("fd_pwrite", "i32 a a i64 a", fd, guest.iovec(guest.string("zz"), 2), 1, 12, count));
        assertArrayEquals("01234567AB\0\0zz".getBytes(StandardCharsets.UTF_8), ((VirtualFile) root.find("docs/readme.txt")).contents());

        assertEquals(Errno.SUCCESS, guest.call("fd_close", "i32", fd));
        assertEquals(Errno.BADF, guest.call("fd_close", "i32", fd));
    }

    @Test
    void openFlagsCreateTruncateAppendAndRefuse() {
        VirtualDirectory root = new VirtualDirectory();
        root.createFile("log.txt", "old");
        Guest guest = new Guest(false, WasiPreview1.builder().deterministic(3).preopen(".", root).build());

        int created = guest.open(PREOPEN, "new.txt", WasiAbi.OFLAG_CREAT | WasiAbi.OFLAG_EXCL, READ_WRITE, 0);
        guest.write(created, "fresh");
        assertEquals("fresh", ((VirtualFile) root.find("new.txt")).text());
        int appending = guest.open(PREOPEN, "log.txt", 0, READ_WRITE, WasiAbi.FDFLAG_APPEND);
        guest.write(appending, "+more");
        assertEquals("old+more", ((VirtualFile) root.find("log.txt")).text());
        guest.open(PREOPEN, "log.txt", WasiAbi.OFLAG_TRUNC, READ_WRITE, 0);
        assertEquals(0, root.find("log.txt") instanceof VirtualFile file ? file.size() : -1);

        int readOnly = guest.open(PREOPEN, "new.txt", 0, WasiAbi.RIGHT_FD_READ, 0);
        long count = guest.allocate(4);
        assertEquals(Errno.BADF, guest.call("fd_write", "i32 a a a", readOnly, guest.iovec(guest.string("x"), 1), 1, count));

        assertEquals(Errno.EXIST, openErrno(guest, "new.txt", WasiAbi.OFLAG_CREAT | WasiAbi.OFLAG_EXCL));
        assertEquals(Errno.NOENT, openErrno(guest, "absent.txt", 0));
        assertEquals(Errno.NOTDIR, openErrno(guest, "new.txt", WasiAbi.OFLAG_DIRECTORY));
        assertEquals(Errno.NOTDIR, openErrno(guest, "new.txt/", 0));
        assertEquals(Errno.NOTCAPABLE, openErrno(guest, "../etc/passwd", 0));
        assertEquals(Errno.NOTCAPABLE, openErrno(guest, "/etc/passwd", 0));
        assertEquals(Errno.NOENT, openErrno(guest, "", 0));
        assertEquals(Errno.NOTDIR, openErrno(guest, "new.txt/x", 0));
    }

    private static int openErrno(Guest guest, String path, int openFlags) {
        long result = guest.allocate(4);
        return guest.call("path_open", "i32 i32 a a i32 i64 i64 i32 a", PREOPEN, 0, guest.string(path),
                path.getBytes(StandardCharsets.UTF_8).length, openFlags, WasiAbi.RIGHT_FD_READ, 0, 0, result);
    }

    @Test
    void directoriesAreCreatedRenamedAndRemoved() {
        VirtualDirectory root = new VirtualDirectory();
        root.createFile("a/file.txt", "x");
        Guest guest = new Guest(false, WasiPreview1.builder().preopen("/", root).build());

        assertEquals(Errno.SUCCESS, guest.pathCall("path_create_directory", PREOPEN, "b"));
        assertEquals(Errno.EXIST, guest.pathCall("path_create_directory", PREOPEN, "b"));
        assertEquals(Errno.NOENT, guest.pathCall("path_create_directory", PREOPEN, "missing/c"));
        assertEquals(Errno.NOTEMPTY, guest.pathCall("path_remove_directory", PREOPEN, "a"));
        assertEquals(Errno.ISDIR, guest.pathCall("path_unlink_file", PREOPEN, "a"));
        assertEquals(Errno.NOTDIR, guest.pathCall("path_remove_directory", PREOPEN, "a/file.txt"));

        assertEquals(Errno.SUCCESS, rename(guest, "a/file.txt", "b/moved.txt"));
        assertNull(root.find("a/file.txt"));
        assertEquals("x", ((VirtualFile) root.find("b/moved.txt")).text());
        assertEquals(Errno.INVAL, rename(guest, "b", "b/inner"));
        assertEquals(Errno.ISDIR, rename(guest, "b/moved.txt", "a"));
        assertEquals(Errno.NOENT, rename(guest, "nothing", "a"));

        assertEquals(Errno.SUCCESS, guest.pathCall("path_remove_directory", PREOPEN, "a"));
        assertEquals(Errno.SUCCESS, guest.pathCall("path_unlink_file", PREOPEN, "b/moved.txt"));
        assertEquals(Errno.NOENT, guest.pathCall("path_unlink_file", PREOPEN, "b/moved.txt"));
        assertEquals(Errno.SUCCESS, guest.pathCall("path_remove_directory", PREOPEN, "./b/../b"));
        assertTrue(root.entries().isEmpty());
    }

    private static int rename(Guest guest, String from, String to) {
        return guest.call("path_rename", "i32 a a i32 a a", PREOPEN, guest.string(from), from.length(), PREOPEN,
                guest.string(to), to.length());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void statsDescribeFilesDirectoriesAndStreams(boolean memory64) {
        VirtualDirectory root = new VirtualDirectory();
        root.createFile("dir/data.bin", new byte[300]);
        Guest guest = new Guest(memory64, WasiPreview1.builder().preopen("/", root).build());
        long stat = guest.allocate(WasiAbi.FILESTAT_SIZE);
        String path = "dir/data.bin";
        assertEquals(Errno.SUCCESS, guest.call("path_filestat_get", "i32 i32 a a a", PREOPEN, 0, guest.string(path), path.length(), stat));
        assertEquals(WasiAbi.FILETYPE_REGULAR_FILE, guest.u8(stat + 16));
        assertEquals(300, guest.i64(stat + 32));
        long inode = guest.i64(stat + 8);
        assertNotEquals(0, inode);

        int fd = guest.open(PREOPEN, path, 0, WasiAbi.RIGHT_FD_READ, 0);
        long second = guest.allocate(WasiAbi.FILESTAT_SIZE);
        assertEquals(Errno.SUCCESS, guest.call("fd_filestat_get", "i32 a", fd, second));
        assertEquals(inode, guest.i64(second + 8));
        assertEquals(Errno.SUCCESS, guest.call("fd_filestat_get", "i32 a", PREOPEN, second));
        assertEquals(WasiAbi.FILETYPE_DIRECTORY, guest.u8(second + 16));

        long fdstat = guest.allocate(WasiAbi.FDSTAT_SIZE);
        assertEquals(Errno.SUCCESS, guest.call("fd_fdstat_get", "i32 a", 1, fdstat));
        assertEquals(WasiAbi.FILETYPE_CHARACTER_DEVICE, guest.u8(fdstat));
        assertEquals(WasiAbi.RIGHT_FD_WRITE, guest.i64(fdstat + 8) & READ_WRITE);
        assertEquals(Errno.SUCCESS, guest.call("fd_fdstat_set_flags", "i32 i32", fd, WasiAbi.FDFLAG_APPEND));
        assertEquals(Errno.SUCCESS, guest.call("fd_fdstat_get", "i32 a", fd, fdstat));
        assertEquals(WasiAbi.FILETYPE_REGULAR_FILE, guest.u8(fdstat));
        assertEquals(WasiAbi.FDFLAG_APPEND, guest.i32(fdstat + 2) & 0xFFFF);
        assertEquals(WasiAbi.RIGHT_FD_READ, guest.i64(fdstat + 8));
        assertEquals(Errno.NOENT, guest.call("path_filestat_get", "i32 i32 a a a", PREOPEN, 0, guest.string("nope"), 4, stat));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readdirListsEntriesAndResumesFromACookie(boolean memory64) {
        VirtualDirectory root = new VirtualDirectory();
        root.createFile("b.txt", "b");
        root.createFile("a.txt", "a");
        root.createDirectory("sub");
        Guest guest = new Guest(memory64, WasiPreview1.builder().preopen("/", root).build());

        assertEquals(List.of(".", "..", "a.txt", "b.txt", "sub"), readdir(guest, PREOPEN, 4096));
        // A buffer too small for everything makes the caller come back with the last cookie it saw.
        assertEquals(List.of(".", "..", "a.txt", "b.txt", "sub"), readdir(guest, PREOPEN, 40));
        assertEquals(Errno.NOTDIR, guest.call("fd_readdir", "i32 a a i64 a", 1, guest.allocate(64), 64, 0, guest.allocate(8)));
    }

    /** Lists a directory the way wasi-libc does, calling again from the last complete entry while the buffer comes back full. */
    private static List<String> readdir(Guest guest, int fd, int capacity) {
        List<String> names = new ArrayList<>();
        long buffer = guest.allocate(capacity);
        long used = guest.allocate(8);
        long cookie = 0;
        while (true) {
            assertEquals(Errno.SUCCESS, guest.call("fd_readdir", "i32 a a i64 a", fd, buffer, capacity, cookie, used));
            long end = buffer + guest.address(used);
            long at = buffer;
            while (at + WasiAbi.DIRENT_SIZE <= end) {
                int length = guest.i32(at + 16);
                if (at + WasiAbi.DIRENT_SIZE + length > end) break;
                names.add(guest.text(at + WasiAbi.DIRENT_SIZE, length));
                cookie = guest.i64(at);
                at += WasiAbi.DIRENT_SIZE + length;
            }
            if (guest.address(used) < capacity) return names;
        }
    }

    /** Calls bound host functions the way a module without memory (or plain Java) would. */
    private record HostFunctionProbe(WasiPreview1 wasi) {
        int callWithoutInstance(String name, ValType... params) {
            FuncType type = new FuncType(params, new ValType[] {ValType.I32});
            return (int) wasi.function(name, type).call(new long[params.length])[0];
        }
    }
}
