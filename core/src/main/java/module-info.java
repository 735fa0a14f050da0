/**
 * Beamr: a WebAssembly runtime for the JVM.
 *
 * <p>Only {@code dev.beamr} (the process API), {@code dev.beamr.wasi} (the WASI provider),
 * {@code dev.beamr.emscripten} (emscripten's glue imports) and {@code dev.beamr.ao} (AO processes)
 * are exported; the engine's stages (decoding, validation, runtime,
 * interpreter) are internal and may change without notice.
 */
module dev.beamr {
    exports dev.beamr;
    exports dev.beamr.wasi;
    exports dev.beamr.emscripten;
    exports dev.beamr.ao;
}
