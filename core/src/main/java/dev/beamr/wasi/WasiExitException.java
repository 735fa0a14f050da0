package dev.beamr.wasi;

import dev.beamr.BeamrException;

/**
 * Thrown out of a call when the module calls {@code proc_exit}: the program finished, with
 * {@link #exitCode()} as its result. It is not a trap; whoever runs the program reports the code.
 */
public final class WasiExitException extends BeamrException {
    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("program exited with code " + exitCode);
        this.exitCode = exitCode;
    }

    /** The code passed to {@code proc_exit}. */
    public int exitCode() {
        return exitCode;
    }
}
