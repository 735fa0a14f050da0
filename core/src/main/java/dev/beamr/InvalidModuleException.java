package dev.beamr;

/**
 * The module is well-formed but breaks a validation rule (for example a type mismatch).
 * {@link #functionIndex()} is -1 when the problem is not inside a function body.
 */
public final class InvalidModuleException extends BeamrException {
    private final int functionIndex;
    private final long offset;

    public InvalidModuleException(String message, int functionIndex, long offset) {
        super(message + (functionIndex >= 0 ? " (in function " + functionIndex + ", at byte offset " + offset + ")"
                : offset >= 0 ? " (at byte offset " + offset + ")" : ""));
        this.functionIndex = functionIndex;
        this.offset = offset;
    }

    public InvalidModuleException(String message) {
        this(message, -1, -1);
    }

    /** Index of the function (in the module's function index space) whose body is invalid, or -1. */
    public int functionIndex() {
        return functionIndex;
    }

    /** Byte offset into the module of the offending instruction or section, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
