package dev.beamr;

/**
 * WebAssembly execution trapped. The instance that trapped remains usable: a trap unwinds the
 * whole call, leaving memory, tables and globals as the code last wrote them.
 */
public class TrapException extends BeamrException {
    /** Why execution trapped. */
    private final TrapKind kind;
    /** The function executing, or null. */
    private final String function;

    /**
     * Creates the exception; the message names the kind, the detail and the function.
     *
     * @param kind     why execution trapped
     * @param function the function executing, or null if unknown
     * @param detail   more about this trap, or null
     * @param cause    the underlying failure, or null
     */
    public TrapException(TrapKind kind, String function, String detail, Throwable cause) {
        super(kind.message() + (detail == null ? "" : ": " + detail)
                + (function == null ? "" : " (in " + function + ")"), cause);
        this.kind = kind;
        this.function = function;
    }

    /**
     * Creates the exception without detail or cause.
     *
     * @param kind     why execution trapped
     * @param function the function executing, or null if unknown
     */
    public TrapException(TrapKind kind, String function) {
        this(kind, function, null, null);
    }

    /** {@return why execution trapped} */
    public TrapKind kind() {
        return kind;
    }

    /** {@return the wasm function that was executing, as {@code name} or {@code func[N]}, or null if unknown} */
    public String function() {
        return function;
    }
}
