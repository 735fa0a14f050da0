/**
 * Beamr: a WebAssembly runtime for the JVM.
 *
 * <p>Only {@code dev.beamr} is exported; the engine's stages (decoding, validation, runtime,
 * interpreter) are internal and may change without notice.
 */
module dev.beamr {
    exports dev.beamr;
}
