package dev.beamr;

/** The instance was stopped, so it no longer runs calls or gives access to its memory. */
public final class InstanceStoppedException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message what was refused
     */
    public InstanceStoppedException(String message) {
        super(message);
    }
}
