package dev.beamr.spec;

import dev.beamr.BeamrException;
import dev.beamr.TrapException;
import dev.beamr.engine.runtime.WasmExceptionPayload;

/** Describes what went wrong, readably and with enough context for the engine's owners to act on. */
final class Failures {
    private Failures() {}

    static String describe(Throwable t) {
        if (t instanceof TrapException trap) return "trap " + trap.kind() + " (\"" + trap.getMessage() + "\")";
        if (t instanceof BeamrException e) return e.getClass().getSimpleName() + " (\"" + e.getMessage() + "\")";
        if (t instanceof WasmExceptionPayload) return "uncaught wasm exception";
        return "crash: " + t + where(t);
    }

    /** The innermost engine frame the throwable passed through, which is where a crash needs fixing. */
    private static String where(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.beamr.") && !frame.getClassName().startsWith("dev.beamr.spec.")) {
                return " at " + frame;
            }
        }
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 ? " at " + trace[0] : "";
    }
}
