package dev.beamr.wasi;

/** Constants and record sizes of the wasi_snapshot_preview1 ABI, other than error numbers. */
final class WasiAbi {
    // filetype
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;

    // rights
    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_FDSTAT_SET_FLAGS = 1L << 3;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final long RIGHT_FD_FILESTAT_GET = 1L << 21;
    static final long RIGHT_POLL_FD_READWRITE = 1L << 27;
    /** Every right preview1 defines (bits 0 to 29). */
    static final long ALL_RIGHTS = (1L << 30) - 1;
    /** Standard streams carry no seek or tell rights, so that libc sees them as terminals. */
    static final long STREAM_RIGHTS = RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;

    // fdflags
    static final int FDFLAG_APPEND = 1;
    static final int ALL_FDFLAGS = 0x1F;

    // oflags
    static final int OFLAG_CREAT = 1;
    static final int OFLAG_DIRECTORY = 2;
    static final int OFLAG_EXCL = 4;
    static final int OFLAG_TRUNC = 8;

    // whence
    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    // record sizes
    static final int FDSTAT_SIZE = 24;
    static final int FILESTAT_SIZE = 64;
    static final int DIRENT_SIZE = 24;
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;

    private WasiAbi() {}
}
