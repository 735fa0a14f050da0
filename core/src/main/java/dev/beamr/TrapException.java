package dev.beamr;

/**
 * WebAssembly execution trapped. The instance that trapped remains usable: a trap unwinds the
 * whole call, leaving memory, tables and globals as the code last wrote them.
 */
public class TrapException extends BeamrException {
    private final TrapKind kind;
    private final String function;

    public TrapException(TrapKind kind, String function, String detail, Throwable cause) {
        super(kind.message() + (detail == null ? "" : ": " + detail)
                + (function == null ? "" : " (in " + function + ")"), cause);
        this.kind = kind;
        this.function = function;
    }

    public TrapException(TrapKind kind, String function) {
        this(kind, function, null, null);
    }

    public TrapKind kind() {
        return kind;
    }

    /** The wasm function that was executing, as {@code name} or {@code func[N]}, or null if unknown. */
    public String function() {
        return function;
    }
}
