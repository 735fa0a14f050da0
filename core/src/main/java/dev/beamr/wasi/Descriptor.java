package dev.beamr.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** What a WASI file descriptor refers to. */
sealed interface Descriptor {
    /** A standard stream: readable when {@code input} is set, writable when {@code output} is. */
    record Stream(InputStream input, OutputStream output) implements Descriptor {}

    /** An open regular file with its own position and flags. */
    final class File implements Descriptor {
        final VirtualFile file;
        final long rights;
        long position;
        int flags;

        File(VirtualFile file, long rights, int flags) {
            this.file = file;
            this.rights = rights;
            this.flags = flags;
        }
    }

    /**
     * An open directory. {@code path} runs from the preopened root down to the directory itself, so
     * that {@code ..} can be followed without leaving the root; {@code preopenName} is the name the
     * program was given for a preopened directory, null for one it opened itself.
     */
    record Directory(List<VirtualDirectory> path, String preopenName, long rights, long inheritingRights)
            implements Descriptor {
        VirtualDirectory directory() {
            return path.getLast();
        }
    }
}
