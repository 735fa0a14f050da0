package dev.beamr;

/** How an instance runs its WebAssembly code. */
public enum Mode {
    /** Interpret the module's code. */
    WASM,
    /**
     * Compile the module's functions to JVM bytecode when the module is compiled, so that the JVM's
     * JIT optimizes them like Java code; functions the JVM could not run well (tail calls, or bodies
     * too large for one JVM method) are interpreted.
     */
    AOT
}
