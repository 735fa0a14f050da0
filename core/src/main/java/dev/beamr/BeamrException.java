package dev.beamr;

/** Base of every error Beamr reports; unchecked so that callers choose where to handle it. */
public class BeamrException extends RuntimeException {
    public BeamrException(String message) {
        super(message);
    }

    public BeamrException(String message, Throwable cause) {
        super(message, cause);
    }
}
