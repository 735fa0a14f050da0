package dev.beamr;

/** Why WebAssembly execution stopped abnormally. */
public enum TrapKind {
    UNREACHABLE("unreachable executed"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    NULL_REFERENCE("null reference"),
    STACK_EXHAUSTED("call stack exhausted"),
    UNCAUGHT_EXCEPTION("uncaught wasm exception"),
    HOST_ERROR("host function failed");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The wording the WebAssembly specification's test suite uses for this trap. */
    public String message() {
        return message;
    }
}
