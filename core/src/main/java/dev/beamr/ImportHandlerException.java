package dev.beamr;

/**
 * An import handler threw, or answered with values that do not fit the import's signature, so the
 * call was abandoned. {@link #lastState()} is the state the handler last returned successfully (or
 * the call's initial state), so that the caller can carry on from it.
 */
public final class ImportHandlerException extends BeamrException {
    private final transient Object lastState;

    /**
     * Creates the exception.
     *
     * @param message   what went wrong, naming the import
     * @param cause     what the handler threw, or why its answer did not fit (null if it answered null)
     * @param lastState the state before the failing import call
     */
    public ImportHandlerException(String message, Throwable cause, Object lastState) {
        super(message, cause);
        this.lastState = lastState;
    }

    /** {@return the last state the handler produced before failing} */
    public Object lastState() {
        return lastState;
    }
}
