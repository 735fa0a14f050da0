package dev.beamr;

/** An import could not be satisfied: missing, of the wrong kind, or of an incompatible type. */
public final class LinkException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message which import, and what was expected and found
     */
    public LinkException(String message) {
        super(message);
    }
}
