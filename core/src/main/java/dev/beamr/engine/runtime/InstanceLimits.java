package dev.beamr.engine.runtime;

import java.util.Objects;

/**
 * The host's caps on what one instance may allocate, applied on top of the module's own maximums:
 * a memory or table whose initial size exceeds them fails instantiation, and growth stops at them.
 *
 * @param maxMemoryPages   most 64 KiB pages any one memory may hold
 * @param maxTableElements most elements any one table may hold
 * @param checkpoint       run between chunks of long bulk operations on the instance's memories; it
 *                         may throw to stop the operation (for a cancelled or overdue call)
 */
public record InstanceLimits(long maxMemoryPages, long maxTableElements, Runnable checkpoint) {
    public static final InstanceLimits DEFAULT = new InstanceLimits(Memory.DEFAULT_MAX_PAGES, Table.DEFAULT_MAX_ELEMENTS);

    public InstanceLimits {
        if (maxMemoryPages < 0) throw new IllegalArgumentException("maxMemoryPages must not be negative: " + maxMemoryPages);
        if (maxTableElements < 0) throw new IllegalArgumentException("maxTableElements must not be negative: " + maxTableElements);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** Caps without a checkpoint: bulk operations run to the end. */
    public InstanceLimits(long maxMemoryPages, long maxTableElements) {
        this(maxMemoryPages, maxTableElements, Memory.NO_CHECKPOINT);
    }
}
