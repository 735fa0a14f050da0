package dev.beamr.cli;

import dev.beamr.wasi.VirtualDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A host directory given as {@code HOST_DIR[:GUEST_DIR]}, copied into WASI's in-memory file system
 * under the guest name (the host path as written when no guest name is given). The program works
 * on the copy: nothing it writes reaches the host.
 */
record HostDirectory(Path host, String guest) {
    static HostDirectory parse(String spec) {
        int colon = spec.indexOf(':');
        String host = colon < 0 ? spec : spec.substring(0, colon);
        String guest = colon < 0 ? spec : spec.substring(colon + 1);
        if (host.isEmpty() || guest.isEmpty()) {
            throw new CommandFailure("--dir " + spec + ": expected HOST_DIR or HOST_DIR:GUEST_DIR");
        }
        return new HostDirectory(Path.of(host), guest);
    }

    /** Reads the directory tree's regular files into a new virtual directory. */
    VirtualDirectory load() {
        if (!Files.isDirectory(host)) throw new CommandFailure("--dir " + host + ": not a directory");
        VirtualDirectory root = new VirtualDirectory();
        try (Stream<Path> walk = Files.walk(host)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = String.join("/", relativeNames(path));
                if (relative.isEmpty()) continue;
                if (Files.isDirectory(path)) {
                    root.createDirectory(relative);
                } else if (Files.isRegularFile(path)) {
                    root.createFile(relative, Files.readAllBytes(path));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure("--dir " + host + ": cannot read: " + e.getMessage(), e);
        }
        return root;
    }

    private List<String> relativeNames(Path path) {
        Path relative = host.relativize(path);
        return relative.toString().isEmpty() ? List.of()
                : Stream.iterate(0, i -> i < relative.getNameCount(), i -> i + 1).map(i -> relative.getName(i).toString()).toList();
    }
}
