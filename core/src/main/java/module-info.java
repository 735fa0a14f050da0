/**
 * Beamr: a WebAssembly runtime for the JVM.
 *
 * <p>Only {@code dev.beamr} (the process API) and {@code dev.beamr.wasi} (the WASI provider) are
 * exported; the engine's stages (decoding, validation, runtime,
 * interpreter) are internal and may change without notice.
 */
module dev.beamr {
    exports dev.beamr;
    exports dev.beamr.wasi;
}
