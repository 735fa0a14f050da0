package dev.beamr.emscripten;

import dev.beamr.LinkException;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.internal.ImportProviders;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@value #MODULE} imports an emscripten build expects from its JavaScript glue, implemented
 * in Java so that such modules run without any handler from the caller:
 * <ul>
 *   <li>{@code invoke_*} trampolines (any signature; the table index comes first, as i32 or i64
 *       per the declared signature): call the function in table 0, and when it throws — a wasm
 *       exception, a longjmp ({@code _emscripten_throw_longjmp}) or a C++ exception of the glue
 *       ({@code __cxa_throw}) — restore the stack pointer, call the module's
 *       {@code setThrew(1, 0)} and return zeros. Traps propagate.</li>
 *   <li>C++ exceptions without wasm exception handling: {@code __cxa_throw},
 *       {@code __cxa_begin_catch}, {@code __cxa_end_catch}, {@code __cxa_rethrow},
 *       {@code __cxa_find_matching_catch_N}, {@code __resumeException}, {@code llvm_eh_typeid_for},
 *       {@code __cxa_uncaught_exceptions}.</li>
 *   <li>Memory: {@code _emscripten_memcpy_js}, {@code emscripten_resize_heap} (grows memory 0),
 *       {@code emscripten_get_heap_max}, {@code emscripten_notify_memory_growth}.</li>
 *   <li>Time, with UTC as the local time zone: {@code emscripten_date_now},
 *       {@code emscripten_get_now}, {@code _tzset_js}, {@code _localtime_js}, {@code _gmtime_js},
 *       {@code _mktime_js}, {@code _timegm_js}, {@code strftime}.</li>
 *   <li>The process: {@code exit} ends the call with the exit code as its result (see
 *       {@link dev.beamr.wasi.WasiExitException});
 *       {@code abort}, {@code _abort_js} and {@code __assert_fail} trap with a message.</li>
 *   <li>Syscalls of the file-system layer ({@code __syscall_*}) fail as if there were no files:
 *       {@code -ENOENT} (44) for lookups, {@code -EPERM} (63) for changes, {@code -ENOTTY} (59)
 *       for {@code ioctl}, {@code -ENOSYS} (52) otherwise; {@code _emscripten_system} runs no
 *       command.</li>
 * </ul>
 * Other {@code env} imports are not covered and go where they would without this support.
 *
 * <p>An {@code Emscripten} is immutable and may be shared by any number of instances: the state
 * the glue keeps is created for each instance it serves.
 */
public final class Emscripten {
    /** The import module name the functions are found under. */
    public static final String MODULE = "env";

    static {
        ImportProviders.register(Emscripten.class, Emscripten::resolverFor);
    }

    private static final Emscripten HOST_CLOCK = new Emscripten(false, 0);

    private final boolean fixed;
    private final long fixedEpochMillis;
    private final long monotonicOrigin = System.nanoTime();

    private Emscripten(boolean fixed, long fixedEpochMillis) {
        this.fixed = fixed;
        this.fixedEpochMillis = fixedEpochMillis;
    }

    /** {@return support whose clocks read the host's time} */
    public static Emscripten hostClock() {
        return HOST_CLOCK;
    }

    /**
     * Support whose clocks stand still at {@code epochMillis} (milliseconds since 1970), so that
     * runs are reproducible; pair it with a deterministic WASI provider.
     *
     * @param epochMillis the time the clocks show
     * @return support with the fixed clocks
     */
    public static Emscripten fixedClock(long epochMillis) {
        return new Emscripten(true, epochMillis);
    }

    /**
     * Resolves the module's {@value #MODULE} function imports covered here, each for the signature
     * it declares, sharing one instance's state; other imports resolve to null, so callers can
     * fall back to their own resolver. Use one resolver per instance.
     *
     * @throws LinkException when an {@code invoke_*} import does not take a table index first
     */
    ImportResolver resolverFor(WasmModule module) {
        EnvImports imports = new EnvImports(this);
        Map<String, HostFunctionInstance> functions = new HashMap<>();
        for (Import anImport : module.imports()) {
            if (anImport.module().equals(MODULE) && anImport.descriptor() instanceof ImportDescriptor.Function function) {
                HostFunctionInstance bound = imports.function(anImport.name(), module.types().get(function.typeIndex()));
                if (bound != null) functions.put(anImport.name(), bound);
            }
        }
        return (moduleName, name) -> moduleName.equals(MODULE) ? functions.get(name) : null;
    }

    /** Milliseconds since 1970, as JavaScript's {@code Date.now()}. */
    double epochMillis() {
        return fixed ? fixedEpochMillis : System.currentTimeMillis();
    }

    /** Milliseconds from a fixed origin, as JavaScript's {@code performance.now()}. */
    double monotonicMillis() {
        return fixed ? 0 : (System.nanoTime() - monotonicOrigin) / 1e6;
    }
}
