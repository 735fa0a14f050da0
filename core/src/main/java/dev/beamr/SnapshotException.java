package dev.beamr;

/** A state snapshot cannot be restored: corrupt, of an unknown version, of another module, or not restorable into this instance. */
public final class SnapshotException extends BeamrException {
    public SnapshotException(String message) {
        super(message);
    }
}
