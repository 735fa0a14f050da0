package dev.beamr.wasi;

import dev.beamr.BeamrException;

/**
 * Ends a running program with an exit code: WASI's {@code proc_exit} and emscripten's {@code exit}
 * throw it, and so may a {@link dev.beamr.HostFunction} or {@link dev.beamr.ImportHandler} of the
 * caller's. It is not a failure: {@link dev.beamr.WasmInstance} catches it at the outermost call,
 * which then returns with the code as its {@link dev.beamr.CallResult#exitCode()}.
 */
public final class WasiExitException extends BeamrException {
    /** The program's exit status. */
    private final int exitCode;

    /**
     * Exits with {@code exitCode}.
     *
     * @param exitCode the program's exit status
     */
    public WasiExitException(int exitCode) {
        super("program exited with code " + exitCode);
        this.exitCode = exitCode;
    }

    /** {@return the code passed to {@code proc_exit} or {@code exit}} */
    public int exitCode() {
        return exitCode;
    }
}
