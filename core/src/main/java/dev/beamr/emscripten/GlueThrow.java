package dev.beamr.emscripten;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;

/**
 * What emscripten's JavaScript glue throws to unwind wasm frames: a {@code longjmp} on its way
 * to the {@code invoke_*} trampoline of its {@code setjmp}, or a C++ exception thrown with
 * {@code __cxa_throw}. The trampoline catches it and reports it through {@code setThrew}; if no
 * trampoline is on the stack the call ends as a trap, as it would in JavaScript.
 */
final class GlueThrow extends TrapException {
    private GlueThrow(String function, String detail) {
        // The function name must be set: the interpreter only re-attributes traps that lack one.
        super(TrapKind.HOST_ERROR, function, detail, null);
    }

    static GlueThrow longjmp(String function) {
        return new GlueThrow(function, "longjmp with no setjmp on the stack to return to");
    }

    static GlueThrow cxxException(String function, long exception) {
        return new GlueThrow(function, "uncaught C++ exception at " + Long.toUnsignedString(exception));
    }

    /** Unwinding is control flow, so it carries no stack trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
