package dev.beamr;

/** The function asked for does not exist: no such export, an export that is not a function, or an empty table slot. */
public final class FunctionNotFoundException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message what was looked for and why it is not there
     */
    public FunctionNotFoundException(String message) {
        super(message);
    }
}
