package dev.beamr.emscripten;

/**
 * What the syscalls of emscripten's file-system layer answer when no file system is attached:
 * negated errno values, in emscripten's (WASI's) numbering.
 */
final class Syscalls {
    static final int EPERM = 63;
    static final int ENOENT = 44;
    static final int ENOSYS = 52;
    static final int ENOTTY = 59;

    private Syscalls() {}

    /** The errno syscall {@code name} (such as {@code __syscall_openat}) fails with. */
    static int errno(String name) {
        return switch (name.substring("__syscall_".length())) {
            // No descriptor is a terminal.
            case "ioctl" -> ENOTTY;
            // There are no files to find, so lookups find nothing...
            case "openat", "stat64", "lstat64", "newfstatat", "readlinkat", "faccessat", "chdir", "getcwd" -> ENOENT;
            // ...and nothing may be created, removed or changed.
            case "unlinkat", "rmdir", "renameat", "mkdirat", "symlinkat", "chmod", "fchmodat", "fchownat",
                 "truncate64", "ftruncate64", "utimensat" -> EPERM;
            default -> ENOSYS;
        };
    }
}
