package dev.beamr;

/**
 * Beamr's entry point: compile WebAssembly modules and start instances of them.
 *
 * <pre>{@code
 * try (WasmInstance fac = Beamr.start(bytes)) {
 *     List<Number> result = fac.call("fac", List.of(5.0));   // [120.0]
 * }
 * }</pre>
 */
public final class Beamr {
    private Beamr() {}

    /**
     * Decodes and validates a module for {@link Mode#WASM}; compile once to start many instances.
     *
     * @param bytes the module's binary
     * @return the compiled module
     * @throws MalformedModuleException the bytes are not a WebAssembly binary
     * @throws InvalidModuleException   the module breaks a validation rule
     */
    public static BeamrModule compile(byte[] bytes) {
        return compile(bytes, Mode.WASM);
    }

    /**
     * Decodes and validates a module to run in {@code mode}.
     *
     * @param bytes the module's binary
     * @param mode  how its instances run
     * @return the compiled module
     * @throws MalformedModuleException the bytes are not a WebAssembly binary
     * @throws InvalidModuleException   the module breaks a validation rule
     */
    public static BeamrModule compile(byte[] bytes, Mode mode) {
        java.util.Objects.requireNonNull(bytes, "bytes");
        java.util.Objects.requireNonNull(mode, "mode");
        return BeamrModule.compile(bytes, mode);
    }

    /**
     * Compiles {@code bytes} and starts an instance in {@link Mode#WASM} with default options.
     *
     * @param bytes the module's binary
     * @return the running instance
     * @see #compile(byte[])
     * @see BeamrModule#start()
     */
    public static WasmInstance start(byte[] bytes) {
        return compile(bytes).start();
    }

    /**
     * Compiles {@code bytes} and starts an instance; nothing is left behind when this fails.
     *
     * @param bytes   the module's binary
     * @param mode    how the instance runs
     * @param options how the instance is started
     * @return the running instance
     * @see BeamrModule#start(InstanceOptions)
     */
    public static WasmInstance start(byte[] bytes, Mode mode, InstanceOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        return compile(bytes, mode).start(options);
    }
}
