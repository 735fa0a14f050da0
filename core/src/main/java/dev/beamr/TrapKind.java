package dev.beamr;

/**
 * Why WebAssembly execution stopped abnormally; carried by {@link TrapException#kind()}. Each kind's
 * {@link #message()} is the wording of the WebAssembly specification's test suite.
 */
public enum TrapKind {
    /** The code executed {@code unreachable}, as compilers emit for paths that must not be taken. */
    UNREACHABLE("unreachable executed"),
    /** An integer division or remainder had a divisor of 0. */
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    /** A signed integer division overflowed: the minimum value divided by -1. */
    INTEGER_OVERFLOW("integer overflow"),
    /**
     * A non-saturating float-to-integer conversion ({@code trunc}) got NaN or a value outside the
     * integer type's range.
     */
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    /**
     * A load, store or bulk memory operation reached outside its memory, a data segment did not fit
     * at instantiation, or a memory needed more pages than the instance allows.
     */
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    /**
     * A table access or bulk table operation reached outside its table, an element segment did not
     * fit at instantiation, or a table needed more elements than the instance allows.
     */
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    /** An indirect call's index was beyond the end of its table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** An indirect call's table slot held null rather than a function. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    /** An indirect call reached a function whose type is not the one the call expects. */
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /**
     * Calls nested deeper than {@link InstanceOptions#maxCallDepth()}, or the Java thread's stack or
     * the interpreter's value stack ran out.
     */
    STACK_EXHAUSTED("call stack exhausted"),
    /** A WebAssembly exception ({@code throw}) left the outermost call (or the start function) uncaught. */
    UNCAUGHT_EXCEPTION("uncaught wasm exception"),
    /**
     * A host function or import provider failed: it threw an unexpected exception (the trap's cause),
     * returned results that do not fit its signature, or reported a program error such as
     * emscripten's {@code abort()}.
     */
    HOST_ERROR("host function failed");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** {@return the wording the WebAssembly specification's test suite uses for this trap} */
    public String message() {
        return message;
    }
}
