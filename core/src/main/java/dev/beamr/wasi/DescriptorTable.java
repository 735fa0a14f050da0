package dev.beamr.wasi;

import java.util.ArrayList;
import java.util.List;

/** The open file descriptors of one program, numbered as POSIX does: the lowest free number first. */
final class DescriptorTable {
    private final List<Descriptor> slots = new ArrayList<>();

    /** The descriptor numbered {@code fd}; {@code EBADF} when it is not open. */
    Descriptor get(int fd) {
        Descriptor descriptor = fd >= 0 && fd < slots.size() ? slots.get(fd) : null;
        if (descriptor == null) throw new ErrnoException(Errno.BADF, "descriptor " + Integer.toUnsignedString(fd) + " is not open");
        return descriptor;
    }

    int open(Descriptor descriptor) {
        int free = slots.indexOf(null);
        if (free >= 0) {
            slots.set(free, descriptor);
            return free;
        }
        slots.add(descriptor);
        return slots.size() - 1;
    }

    void close(int fd) {
        get(fd);
        slots.set(fd, null);
    }
}
