package dev.beamr;

/** A call's arguments do not fit the function's signature: wrong count, or a value of the wrong kind or range. */
public final class InvalidArgumentsException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message which argument is wrong and why
     */
    public InvalidArgumentsException(String message) {
        super(message);
    }
}
