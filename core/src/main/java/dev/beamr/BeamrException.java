package dev.beamr;

/** Base of every error Beamr reports; unchecked so that callers choose where to handle it. */
public class BeamrException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what went wrong, and where
     */
    public BeamrException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what went wrong, and where
     * @param cause   the underlying failure, or null
     */
    public BeamrException(String message, Throwable cause) {
        super(message, cause);
    }
}
