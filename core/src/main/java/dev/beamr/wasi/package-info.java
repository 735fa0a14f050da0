/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) for programs compiled from C, Rust and other
 * languages: arguments, environment, clocks, random numbers, standard streams, and files in an
 * in-memory file system of {@link dev.beamr.wasi.VirtualDirectory} and
 * {@link dev.beamr.wasi.VirtualFile} nodes that the host fills and inspects.
 *
 * <p>Build a {@link dev.beamr.wasi.WasiPreview1} per program and give it to an instance with
 * {@link dev.beamr.InstanceOptions.Builder#wasi}; serves 32-bit and memory64 modules alike. A call
 * that reaches {@code proc_exit} returns with the exit code as its result:
 *
 * <pre>{@code
 * WasiPreview1 wasi = WasiPreview1.builder().args("demo", "input.txt").stdout(System.out).build();
 * try (WasmInstance program = Beamr.compile(bytes).start(InstanceOptions.builder().wasi(wasi).build())) {
 *     OptionalInt exitCode = program.call("_start", List.of(), ImportHandler.stub(), null, Map.of()).exitCode();
 * }
 * }</pre>
 */
package dev.beamr.wasi;
