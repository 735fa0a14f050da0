package dev.beamr;

/** How an instance runs its WebAssembly code. */
public enum Mode {
    /** Interpret the module's code. */
    WASM,
    /**
     * Compile the module's functions to JVM bytecode when the module is compiled, so that the JVM's
     * JIT optimizes them like Java code; a body too large for one JVM method is split over several.
     * Functions making tail calls, which the JVM cannot express, are interpreted.
     */
    AOT
}
