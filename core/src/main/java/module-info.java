/**
 * Beamr: a WebAssembly runtime for the JVM.
 *
 * <p>Only {@code dev.beamr} (the process API), {@code dev.beamr.wasi} (the WASI provider) and
 * {@code dev.beamr.emscripten} (emscripten's glue imports) are exported; the engine's stages (decoding, validation, runtime,
 * interpreter) are internal and may change without notice.
 */
module dev.beamr {
    exports dev.beamr;
    exports dev.beamr.wasi;
    exports dev.beamr.emscripten;
}
