package dev.beamr.wasi;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Everything one WASI program's calls share: its arguments, environment, descriptors, clock and randomness. */
final class WasiContext {
    /** Command-line arguments and {@code NAME=value} environment strings, UTF-8 encoded. */
    final List<byte[]> arguments;
    final List<byte[]> environment;
    final DescriptorTable descriptors = new DescriptorTable();
    final WasiClock clock;
    final RandomGenerator random;
    private final Map<VirtualNode, Long> inodes = new IdentityHashMap<>();

    WasiContext(List<byte[]> arguments, List<byte[]> environment, WasiClock clock, RandomGenerator random) {
        this.arguments = arguments;
        this.environment = environment;
        this.clock = clock;
        this.random = random;
    }

    /** A stable inode number for {@code node}, handed out in the order the program first asks, so runs repeat. */
    long inode(VirtualNode node) {
        return inodes.computeIfAbsent(node, n -> (long) inodes.size() + 1);
    }
}
