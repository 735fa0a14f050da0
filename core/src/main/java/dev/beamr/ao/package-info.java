/**
 * AO processes: modules (such as AO's Lua interpreter built with emscripten) fed AO messages in
 * JSON through their {@code handle} export, their state kept between messages and savable as a
 * snapshot.
 *
 * <p>{@link dev.beamr.ao.AoProcess} starts the module with WASI and emscripten support, writes each
 * {@link dev.beamr.ao.AoMessage} and the process environment into memory, and parses the answer into
 * an {@link dev.beamr.ao.AoResult}:
 *
 * <pre>{@code
 * try (AoProcess process = AoProcess.builder().start(moduleBytes)) {
 *     String two = process.eval("return 1+1").output();   // "2"
 * }
 * }</pre>
 */
package dev.beamr.ao;
