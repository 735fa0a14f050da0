/**
 * The imports a module built by emscripten expects from its JavaScript glue, answered in Java:
 * {@code invoke_*} trampolines (C++ exceptions and {@code longjmp} through {@code setThrew}), and
 * defaults for the syscall, memory, time and process functions of the {@code env} module.
 *
 * <p>Instances get {@link dev.beamr.emscripten.Emscripten#hostClock()} unless their
 * {@link dev.beamr.InstanceOptions} say otherwise, so emscripten builds run without any handler
 * from the caller; {@link dev.beamr.emscripten.Emscripten#fixedClock(long)} makes runs reproducible.
 */
package dev.beamr.emscripten;
