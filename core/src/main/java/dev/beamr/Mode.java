package dev.beamr;

/** How an instance runs its WebAssembly code. */
public enum Mode {
    /** Interpret the module's code: available for every module. */
    WASM,
    /** Run code compiled ahead of time to JVM bytecode; not available yet, so asking for it fails. */
    AOT
}
