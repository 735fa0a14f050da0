package dev.beamr.wasi;

import java.util.ArrayList;
import java.util.List;

import static dev.beamr.wasi.WasiAbi.*;

/**
 * The {@code path_*} calls. Paths are relative to an open directory and may not leave the
 * preopened directory it came from: absolute paths and {@code ..} above the root are
 * {@code ENOTCAPABLE}. There are no symbolic links, so lookup flags change nothing.
 */
final class PathCalls {
    /** Longest path accepted, in bytes. */
    private static final int MAX_PATH_LENGTH = 65536;

    private PathCalls() {}

    /** {@code path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd*)} */
    static int pathOpen(WasiCall call) {
        Target target = resolve(call, 0, 2, 3);
        int openFlags = call.i32(4);
        long rights = call.i64(5) & target.base().inheritingRights();
        long inheritingRights = call.i64(6) & target.base().inheritingRights();
        int fdFlags = call.i32(7) & ALL_FDFLAGS;
        long result = call.address(8);
        call.memory.check(result, 4);

        VirtualNode node = target.node();
        if (node == null) {
            if ((openFlags & OFLAG_CREAT) == 0) throw new ErrnoException(Errno.NOENT, "no such file");
            if ((openFlags & OFLAG_DIRECTORY) != 0) throw new ErrnoException(Errno.INVAL, "cannot create a directory by opening it");
            if (target.trailingSlash()) throw new ErrnoException(Errno.ISDIR, "cannot create a file named like a directory");
            node = add(call, target, new VirtualFile());
        } else if ((openFlags & OFLAG_CREAT) != 0 && (openFlags & OFLAG_EXCL) != 0) {
            throw new ErrnoException(Errno.EXIST, "file exists");
        }

        Descriptor descriptor;
        if (node instanceof VirtualDirectory) {
            if ((openFlags & OFLAG_TRUNC) != 0 || (rights & RIGHT_FD_WRITE) != 0) {
                throw new ErrnoException(Errno.ISDIR, "cannot open a directory for writing");
            }
            descriptor = new Descriptor.Directory(target.directoryPath(), null, rights, inheritingRights);
        } else {
            if ((openFlags & OFLAG_DIRECTORY) != 0) throw new ErrnoException(Errno.NOTDIR, "not a directory");
            VirtualFile file = (VirtualFile) node;
            if ((openFlags & OFLAG_TRUNC) != 0 && file.size() > 0) {
                file.truncate(0);
                file.modified(call.context.clock.realtime());
            }
            descriptor = new Descriptor.File(file, rights, fdFlags);
        }
        call.memory.putI32(result, call.context.descriptors.open(descriptor));
        return Errno.SUCCESS;
    }

    /** {@code path_filestat_get(fd, flags, path, path_len, filestat*)} */
    static int pathFilestatGet(WasiCall call) {
        Target target = resolve(call, 0, 2, 3);
        DescriptorCalls.writeFilestat(call, call.address(4), existing(target));
        return Errno.SUCCESS;
    }

    /** {@code path_create_directory(fd, path, path_len)} */
    static int pathCreateDirectory(WasiCall call) {
        Target target = resolve(call, 0, 1, 2);
        if (target.node() != null) throw new ErrnoException(Errno.EXIST, "already exists");
        add(call, target, new VirtualDirectory());
        return Errno.SUCCESS;
    }

    /** {@code path_unlink_file(fd, path, path_len)}: descriptors already open on the file keep working. */
    static int pathUnlinkFile(WasiCall call) {
        Target target = resolve(call, 0, 1, 2);
        if (existing(target) instanceof VirtualDirectory) throw new ErrnoException(Errno.ISDIR, "is a directory");
        remove(call, target);
        return Errno.SUCCESS;
    }

    /** {@code path_remove_directory(fd, path, path_len)} */
    static int pathRemoveDirectory(WasiCall call) {
        Target target = resolve(call, 0, 1, 2);
        if (!(existing(target) instanceof VirtualDirectory directory)) throw new ErrnoException(Errno.NOTDIR, "not a directory");
        if (target.name() == null) throw new ErrnoException(Errno.INVAL, "cannot remove . or ..");
        if (!directory.isEmpty()) throw new ErrnoException(Errno.NOTEMPTY, "directory not empty");
        remove(call, target);
        return Errno.SUCCESS;
    }

    /** {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)}, replacing the target as POSIX rename does. */
    static int pathRename(WasiCall call) {
        Target from = resolve(call, 0, 1, 2);
        Target to = resolve(call, 3, 4, 5);
        VirtualNode node = existing(from);
        if (from.name() == null || to.name() == null) throw new ErrnoException(Errno.INVAL, "cannot rename . or ..");
        if (node instanceof VirtualDirectory && to.parents().stream().anyMatch(parent -> parent == node)) {
            throw new ErrnoException(Errno.INVAL, "cannot move a directory into itself");
        }
        VirtualNode replaced = to.node();
        if (replaced == node) return Errno.SUCCESS;
        if (replaced instanceof VirtualDirectory directory) {
            if (!(node instanceof VirtualDirectory)) throw new ErrnoException(Errno.ISDIR, "target is a directory");
            if (!directory.isEmpty()) throw new ErrnoException(Errno.NOTEMPTY, "target directory not empty");
        } else if (replaced != null && node instanceof VirtualDirectory) {
            throw new ErrnoException(Errno.NOTDIR, "target is not a directory");
        }
        remove(call, from);
        to.parent().put(to.name(), node);
        to.parent().modified(call.context.clock.realtime());
        return Errno.SUCCESS;
    }

    /**
     * Where a path leads. {@code parents} runs from the base directory's root down to the directory
     * holding the last component, {@code name}, which is null when the path ends in {@code .} or
     * {@code ..} (then {@code node} is the last of {@code parents}); {@code node} is null when
     * nothing exists there yet.
     */
    private record Target(Descriptor.Directory base, List<VirtualDirectory> parents, String name,
                          VirtualNode node, boolean trailingSlash) {
        VirtualDirectory parent() {
            return parents.getLast();
        }

        /** The directory chain of {@code node}, which must be a directory. */
        List<VirtualDirectory> directoryPath() {
            if (name == null) return parents;
            List<VirtualDirectory> path = new ArrayList<>(parents);
            path.add((VirtualDirectory) node);
            return List.copyOf(path);
        }
    }

    /** Resolves the path given by arguments {@code pathIndex} and {@code lengthIndex} against directory argument {@code fdIndex}. */
    private static Target resolve(WasiCall call, int fdIndex, int pathIndex, int lengthIndex) {
        if (!(call.context.descriptors.get(call.i32(fdIndex)) instanceof Descriptor.Directory base)) {
            throw new ErrnoException(Errno.NOTDIR, "paths must start at a directory");
        }
        long length = call.address(lengthIndex);
        if (length > MAX_PATH_LENGTH || length < 0) throw new ErrnoException(Errno.NAMETOOLONG, "path too long");
        String path = call.memory.string(call.address(pathIndex), (int) length);
        if (path.isEmpty()) throw new ErrnoException(Errno.NOENT, "empty path");
        if (path.startsWith("/")) throw new ErrnoException(Errno.NOTCAPABLE, "absolute path " + path);
        if (path.indexOf('\0') >= 0) throw new ErrnoException(Errno.INVAL, "path contains NUL");

        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) names.add(name);
        }
        List<VirtualDirectory> parents = new ArrayList<>(base.path());
        for (int i = 0; i < names.size() - 1; i++) {
            String name = names.get(i);
            if (name.equals(".")) continue;
            if (name.equals("..")) {
                up(parents, path);
                continue;
            }
            VirtualNode next = parents.getLast().get(name);
            if (next == null) throw new ErrnoException(Errno.NOENT, "no such directory: " + name);
            if (!(next instanceof VirtualDirectory directory)) throw new ErrnoException(Errno.NOTDIR, "not a directory: " + name);
            parents.add(directory);
        }
        boolean trailingSlash = path.endsWith("/");
        String last = names.getLast();
        if (last.equals(".") || last.equals("..")) {
            if (last.equals("..")) up(parents, path);
            return new Target(base, List.copyOf(parents), null, parents.getLast(), trailingSlash);
        }
        VirtualNode node = parents.getLast().get(last);
        if (node instanceof VirtualFile && trailingSlash) throw new ErrnoException(Errno.NOTDIR, "not a directory: " + last);
        return new Target(base, List.copyOf(parents), last, node, trailingSlash);
    }

    private static void up(List<VirtualDirectory> parents, String path) {
        if (parents.size() == 1) throw new ErrnoException(Errno.NOTCAPABLE, "path leaves its directory: " + path);
        parents.removeLast();
    }

    private static VirtualNode existing(Target target) {
        if (target.node() == null) throw new ErrnoException(Errno.NOENT, "no such file or directory");
        return target.node();
    }

    private static VirtualNode add(WasiCall call, Target target, VirtualNode node) {
        long now = call.context.clock.realtime();
        node.created(now);
        target.parent().put(target.name(), node);
        target.parent().modified(now);
        return node;
    }

    private static void remove(WasiCall call, Target target) {
        target.parent().remove(target.name());
        target.parent().modified(call.context.clock.realtime());
    }
}
