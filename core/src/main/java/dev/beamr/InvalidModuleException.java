package dev.beamr;

/**
 * The module is well-formed but breaks a validation rule (for example a type mismatch).
 * {@link #functionIndex()} is -1 when the problem is not inside a function body.
 */
public final class InvalidModuleException extends BeamrException {
    /** The function whose body breaks the rule, or -1. */
    private final int functionIndex;
    /** Where in the module the problem is, or -1. */
    private final long offset;

    /**
     * Creates the exception; the message gets the function and offset appended when known.
     *
     * @param message       which rule is broken
     * @param functionIndex the function whose body breaks it, or -1
     * @param offset        the byte offset into the module of the offending part, or -1
     */
    public InvalidModuleException(String message, int functionIndex, long offset) {
        super(message + (functionIndex >= 0 ? " (in function " + functionIndex + ", at byte offset " + offset + ")"
                : offset >= 0 ? " (at byte offset " + offset + ")" : ""));
        this.functionIndex = functionIndex;
        this.offset = offset;
    }

    /**
     * Creates the exception.
     *
     * @param message which rule is broken
     */
    public InvalidModuleException(String message) {
        this(message, -1, -1);
    }

    /** {@return index of the function (in the module's function index space) whose body is invalid, or -1} */
    public int functionIndex() {
        return functionIndex;
    }

    /** {@return byte offset into the module of the offending instruction or section, or -1 if unknown} */
    public long offset() {
        return offset;
    }
}
