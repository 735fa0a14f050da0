package dev.beamr;

/**
 * A call was stopped by the host's limits rather than by its own code: its instance ran out of fuel,
 * the call passed its deadline, or it was cancelled. Like a trap it unwinds the whole call, and the
 * instance stays usable: memory, tables and globals hold what the code wrote before it stopped,
 * including part of a bulk memory operation that was stopped between chunks.
 */
public final class CallAbortedException extends BeamrException {
    /** Which limit stopped the call. */
    public enum Reason {
        /** The instance's fuel ran out; top it up to run more. */
        FUEL_EXHAUSTED("fuel exhausted"),
        /** The call ran past its deadline. */
        DEADLINE_EXCEEDED("deadline exceeded"),
        /** The call was cancelled from another thread, or its asynchronous future was. */
        CANCELLED("cancelled");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** {@return a short description of the reason, which starts the exception's message} */
        public String message() {
            return message;
        }
    }

    /** Which limit stopped the call. */
    private final Reason reason;
    /** The WebAssembly function that was executing, or null when unknown. */
    private final String function;

    /**
     * Creates the exception.
     *
     * @param reason   which limit stopped the call
     * @param function the WebAssembly function that was executing, as {@code name} or
     *                 {@code func[N]}, or null when unknown
     */
    public CallAbortedException(Reason reason, String function) {
        super(reason.message() + (function == null ? "" : " (in " + function + ")"));
        this.reason = reason;
        this.function = function;
    }

    /** {@return which limit stopped the call} */
    public Reason reason() {
        return reason;
    }

    /** {@return the WebAssembly function that was executing, as {@code name} or {@code func[N]}, or null if unknown} */
    public String function() {
        return function;
    }
}
