package dev.beamr.wasi;

/**
 * An entry of the in-memory file system a WASI program sees: a file or a directory. A node may be
 * reached through several preopened directories; changes made by the program are visible to Java
 * code holding the node, and the other way round.
 */
public abstract sealed class VirtualNode permits VirtualFile, VirtualDirectory {
    private long accessTime;
    private long modificationTime;
    private long changeTime;

    VirtualNode() {}

    /** {@return last access time in nanoseconds since the epoch (0 until the program touches the node)} */
    public long accessTime() {
        return accessTime;
    }

    /** {@return last modification time in nanoseconds since the epoch} */
    public long modificationTime() {
        return modificationTime;
    }

    /** {@return last status change time in nanoseconds since the epoch} */
    public long changeTime() {
        return changeTime;
    }

    /** Records a change of contents at {@code nanos}. */
    void modified(long nanos) {
        modificationTime = nanos;
        changeTime = nanos;
    }

    /** Records a creation at {@code nanos}. */
    void created(long nanos) {
        accessTime = nanos;
        modified(nanos);
    }
}
