/**
 * Beamr's process API: compile WebAssembly modules, start instances of them, call their functions
 * with numbers, answer their imports from Java, and read, write, save and restore their memory.
 *
 * <p>{@link dev.beamr.Beamr} compiles bytes into a {@link dev.beamr.BeamrModule}, which starts any
 * number of {@link dev.beamr.WasmInstance}s configured by {@link dev.beamr.InstanceOptions}: host
 * functions, the memories, tables and globals the module imports, resource limits, and the WASI and
 * emscripten providers of {@link dev.beamr.wasi} and {@link dev.beamr.emscripten}. Imports nothing
 * else covers go to the {@link dev.beamr.ImportHandler} of the call in progress, which threads a
 * state through the call. Memory I/O goes through {@link dev.beamr.LinearMemory}. Every failure is
 * a {@link dev.beamr.BeamrException}: a module that cannot be decoded, validated or linked, a call
 * with wrong arguments, a trap, or a stopped instance.
 *
 * <pre>{@code
 * BeamrModule module = Beamr.compile(Files.readAllBytes(Path.of("fac.wasm")));
 * try (WasmInstance instance = module.start()) {
 *     List<Number> result = instance.call("fac", List.of(5.0));       // [120.0]
 *
 *     // Answer the module's imports from Java, threading a count through the call.
 *     CallResult<Integer> counted = instance.call("run", List.of(),
 *             (calls, importCall, options) -> new ImportResult<>(List.of(0), calls + 1), 0, Map.of());
 *
 *     long pointer = instance.memory().writeString("hello");            // through the module's malloc
 *     String text = instance.memory().readString(pointer);
 * }
 * }</pre>
 */
package dev.beamr;
