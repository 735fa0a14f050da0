package dev.beamr.emscripten;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.runtime.HostFunction;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.wasi.WasiExitException;

/**
 * The {@code env} imports of one module instance that emscripten's JavaScript glue would
 * provide, and the state they share: the module's exports they call back, and the C++
 * exceptions in flight.
 */
final class EnvImports {
    static final String MODULE = Emscripten.MODULE;

    private final Emscripten settings;
    private final CxxExceptions cxxExceptions = new CxxExceptions(this);
    private RuntimeExports exports;

    EnvImports(Emscripten settings) {
        this.settings = settings;
    }

    /** The exports of {@code caller} that the glue calls back (looked up once per instance). */
    RuntimeExports exportsOf(Instance caller) {
        exports = RuntimeExports.of(caller, exports);
        return exports;
    }

    /** The import {@code env.name} of signature {@code type}, or null when it is not one the glue provides. */
    HostFunctionInstance function(String name, FuncType type) {
        if (!Abi.numeric(type)) return null;
        HostFunction body = body(name, type);
        return body == null ? null : new HostFunctionInstance(MODULE + "." + name, type, body);
    }

    private HostFunction body(String name, FuncType type) {
        String qualified = MODULE + "." + name;
        if (name.startsWith("invoke_")) return InvokeTrampoline.of(name, type, this);
        if (name.startsWith("__syscall_")) {
            long answer = -Syscalls.errno(name);
            return (caller, args) -> Abi.answer(type, answer);
        }
        HostFunction time = TimeFunctions.body(name, type, settings);
        if (time != null) return time;
        HostFunction exceptions = cxxExceptions.body(name, type);
        if (exceptions != null) return exceptions;
        return switch (name) {
            case "_emscripten_throw_longjmp" -> (caller, args) -> {
                throw GlueThrow.longjmp(qualified);
            };
            case "_emscripten_memcpy_js", "emscripten_memcpy_js", "emscripten_memcpy_big" -> (caller, args) -> {
                Memory memory = CallerMemory.of(caller, qualified).memory();
                Memory.copy(memory, Abi.unsigned(type, args, 1), memory, Abi.unsigned(type, args, 0), Abi.unsigned(type, args, 2));
                return Abi.zeros(type);
            };
            case "emscripten_resize_heap" -> (caller, args) ->
                    Abi.answer(type, growTo(CallerMemory.of(caller, qualified).memory(), Abi.unsigned(type, args, 0)) ? 1 : 0);
            case "emscripten_get_heap_max" -> (caller, args) ->
                    Abi.answer(type, CallerMemory.of(caller, qualified).memory().maxPages() * MemoryType.PAGE_SIZE);
            case "emscripten_notify_memory_growth" -> (caller, args) -> Abi.zeros(type);
            // system(NULL) asks whether there is a shell: there is none, so no command runs.
            case "_emscripten_system" -> (caller, args) ->
                    Abi.answer(type, Abi.unsigned(type, args, 0) == 0 ? 0 : -Syscalls.ENOSYS);
            case "_abort_js", "abort" -> (caller, args) -> {
                throw new TrapException(TrapKind.HOST_ERROR, qualified, "the program called abort()", null);
            };
            case "__assert_fail" -> (caller, args) -> {
                CallerMemory memory = CallerMemory.of(caller, qualified);
                throw new TrapException(TrapKind.HOST_ERROR, qualified, "assertion failed: "
                        + memory.readCString(Abi.unsigned(type, args, 0)) + " at " + memory.readCString(Abi.unsigned(type, args, 1))
                        + ":" + (int) args[2] + " in " + memory.readCString(Abi.unsigned(type, args, 3)), null);
            };
            case "exit" -> (caller, args) -> {
                throw new WasiExitException((int) args[0]);
            };
            default -> null;
        };
    }

    /** Grows {@code memory} to hold at least {@code bytes}; whether it now does. */
    private static boolean growTo(Memory memory, long bytes) {
        long pages = Math.ceilDiv(bytes, MemoryType.PAGE_SIZE);
        return pages <= memory.pages() || memory.grow(pages - memory.pages()) >= 0;
    }
}
