package dev.beamr;

/**
 * An import handler threw, or answered with values that do not fit the import's signature, so the
 * call was abandoned. {@link #lastState()} is the state the handler last returned successfully (or
 * the call's initial state), so that the caller can carry on from it.
 */
public final class ImportHandlerException extends BeamrException {
    private final transient Object lastState;

    public ImportHandlerException(String message, Throwable cause, Object lastState) {
        super(message, cause);
        this.lastState = lastState;
    }

    /** The last state the handler produced before failing. */
    public Object lastState() {
        return lastState;
    }
}
