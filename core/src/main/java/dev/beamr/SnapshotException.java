package dev.beamr;

/** A state snapshot cannot be restored: corrupt, of an unknown version, of another module, or not restorable into this instance. */
public final class SnapshotException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message why the snapshot cannot be restored
     */
    public SnapshotException(String message) {
        super(message);
    }
}
