package dev.beamr.wasi;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A directory of the in-memory file system. Entries are kept sorted by name, so listings are the
 * same on every run. Paths given to the helpers here are relative, with {@code /} separators
 * (repeated separators count as one); a path with an empty, {@code .} or {@code ..} component or
 * a NUL character is refused with {@link IllegalArgumentException}.
 *
 * <p>Not thread-safe: fill and inspect the tree while no program using it is running.
 */
public final class VirtualDirectory extends VirtualNode {
    private final NavigableMap<String, VirtualNode> entries = new TreeMap<>();

    /** Creates an empty directory, to fill with the helpers here and give to {@link WasiPreview1.Builder#preopen}. */
    public VirtualDirectory() {}

    /** {@return the entries by name, read-only and sorted} */
    public NavigableMap<String, VirtualNode> entries() {
        return Collections.unmodifiableNavigableMap(entries);
    }

    /**
     * Looks a node up.
     *
     * @param path a relative path; empty for this directory itself
     * @return the file or directory at {@code path}, or null when there is none
     * @throws IllegalArgumentException {@code path} is not a plain relative path
     */
    public VirtualNode find(String path) {
        VirtualNode node = this;
        for (String name : components(path)) {
            if (!(node instanceof VirtualDirectory directory)) return null;
            node = directory.entries.get(name);
            if (node == null) return null;
        }
        return node;
    }

    /**
     * Creates (or replaces) a file, creating missing directories on the way.
     *
     * @param path     the file's relative path
     * @param contents the file's bytes; copied
     * @return the new file, already in the tree
     * @throws IllegalArgumentException {@code path} is empty or not a plain relative path, names a
     *                                  directory, or passes through a file
     */
    public VirtualFile createFile(String path, byte[] contents) {
        String[] names = components(path);
        if (names.length == 0) throw new IllegalArgumentException("empty file path");
        VirtualDirectory parent = directoryAt(names, names.length - 1, path);
        String name = names[names.length - 1];
        if (parent.entries.get(name) instanceof VirtualDirectory) {
            throw new IllegalArgumentException("'" + path + "' is a directory");
        }
        VirtualFile file = new VirtualFile(contents);
        parent.entries.put(name, file);
        return file;
    }

    /**
     * Creates (or replaces) a text file, creating missing directories on the way.
     *
     * @param path the file's relative path
     * @param text the file's contents, stored as UTF-8
     * @return the new file, already in the tree
     * @throws IllegalArgumentException {@code path} is empty or not a plain relative path, names a
     *                                  directory, or passes through a file
     */
    public VirtualFile createFile(String path, String text) {
        return createFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Finds or creates a directory, creating any missing parents.
     *
     * @param path the directory's relative path; empty for this directory itself
     * @return the directory at {@code path}, existing or new
     * @throws IllegalArgumentException {@code path} is not a plain relative path, or it or one of its
     *                                  parents is a file
     */
    public VirtualDirectory createDirectory(String path) {
        String[] names = components(path);
        return directoryAt(names, names.length, path);
    }

    VirtualNode get(String name) {
        return entries.get(name);
    }

    void put(String name, VirtualNode node) {
        entries.put(name, node);
    }

    void remove(String name) {
        entries.remove(name);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private VirtualDirectory directoryAt(String[] names, int count, String path) {
        VirtualDirectory directory = this;
        for (int i = 0; i < count; i++) {
            VirtualNode next = directory.entries.get(names[i]);
            if (next == null) {
                next = new VirtualDirectory();
                directory.entries.put(names[i], next);
            } else if (!(next instanceof VirtualDirectory)) {
                throw new IllegalArgumentException("'" + names[i] + "' in '" + path + "' is a file");
            }
            directory = (VirtualDirectory) next;
        }
        return directory;
    }

    private static String[] components(String path) {
        String[] names = path.isEmpty() ? new String[0] : path.split("/+", -1);
        for (String name : names) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a plain relative path: '" + path + "'");
            }
        }
        return names;
    }
}
