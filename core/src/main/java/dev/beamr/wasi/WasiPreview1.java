package dev.beamr.wasi;

import dev.beamr.LinkException;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.internal.ImportProviders;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The {@code wasi_snapshot_preview1} imports, implemented over an in-memory file system, for one
 * running program. Build one per program (it holds the program's open descriptors) with
 * {@link #builder()}, then give it to an instance with
 * {@link dev.beamr.InstanceOptions.Builder#wasi(WasiPreview1)}.
 *
 * <p>Functions are built for the signature the module declares, so one provider serves 32-bit
 * modules and memory64 ones, whose pointers and sizes are i64 (structures in memory then hold
 * 8-byte pointers and sizes too). Calls use the caller's memory 0. A bad pointer returns
 * {@code EFAULT} rather than trapping; a function this provider does not implement returns
 * {@code ENOSYS}; {@code proc_exit} ends the call with the exit code as its result (see
 * {@link WasiExitException}).
 *
 * <p>Descriptors 0, 1 and 2 are stdin, stdout and stderr; preopened directories follow from 3 in
 * the order they were added. Not safe for use by several threads at once.
 */
public final class WasiPreview1 {
    /** The import module name the functions are found under. */
    public static final String MODULE = "wasi_snapshot_preview1";

    static {
        ImportProviders.register(WasiPreview1.class, WasiPreview1::resolverFor);
    }

    private final WasiContext context;

    private WasiPreview1(Builder builder) {
        this.context = new WasiContext(
                builder.arguments.stream().map(WasiPreview1::utf8).toList(),
                builder.environment.entrySet().stream().map(e -> utf8(e.getKey() + "=" + e.getValue())).toList(),
                builder.seed == null ? new WasiClock.Host() : new WasiClock.Virtual(0),
                builder.seed == null ? new SecureRandom() : new Random(builder.seed));
        context.descriptors.open(new Descriptor.Stream(builder.stdin, null));
        context.descriptors.open(new Descriptor.Stream(null, builder.stdout));
        context.descriptors.open(new Descriptor.Stream(null, builder.stderr));
        builder.preopens.forEach((name, directory) -> context.descriptors.open(
                new Descriptor.Directory(List.of(directory), name, WasiAbi.ALL_RIGHTS, WasiAbi.ALL_RIGHTS)));
    }

    /** {@return a builder with no arguments, environment or preopened directories, and silent streams} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves the module's {@value #MODULE} function imports, each for the signature it declares;
     * other imports resolve to null, so callers can fall back to their own resolver.
     *
     * @throws LinkException when the module declares an implemented function with an impossible signature
     */
    ImportResolver resolverFor(WasmModule module) {
        Map<String, HostFunctionInstance> functions = new LinkedHashMap<>();
        for (Import anImport : module.imports()) {
            if (anImport.module().equals(MODULE) && anImport.descriptor() instanceof ImportDescriptor.Function function) {
                functions.put(anImport.name(), function(anImport.name(), module.types().get(function.typeIndex())));
            }
        }
        return (moduleName, name) -> moduleName.equals(MODULE) ? functions.get(name) : null;
    }

    /** {@link #resolverFor(WasmModule)} for a compiled module. */
    ImportResolver resolverFor(CompiledModule module) {
        return resolverFor(module.module());
    }

    /**
     * The function imported as {@code name} with signature {@code type}: the implementation, or for
     * a name this provider does not implement, one that returns {@code ENOSYS} (zeros for further results).
     *
     * @throws LinkException when {@code name} is implemented but cannot have signature {@code type}
     */
    HostFunctionInstance function(String name, FuncType type) {
        WasiFunction function = WasiFunction.named(name);
        if (function == null) {
            return new HostFunctionInstance(name, type, (caller, args) -> notImplemented(type));
        }
        if (!function.accepts(type)) {
            throw new LinkException(MODULE + "." + name + " is imported as " + type + " but must be "
                    + function.expectedSignature());
        }
        return new HostFunctionInstance(name, type, (caller, args) -> call(function, type, memoryOf(caller), args));
    }

    /** Runs {@code function} with {@code arguments} against {@code memory} (null when there is none). */
    long[] call(WasiFunction function, FuncType type, Memory memory, long[] arguments) {
        int errno;
        try {
            errno = function.implementation().call(new WasiCall(context, new GuestMemory(memory), type, arguments));
        } catch (ErrnoException e) {
            errno = e.errno();
        }
        return function.returnsErrno() ? new long[] {errno} : new long[0];
    }

    private static Memory memoryOf(Instance caller) {
        return caller == null || caller.memories().length == 0 ? null : caller.memories()[0];
    }

    private static long[] notImplemented(FuncType type) {
        long[] results = new long[type.resultCount()];
        if (results.length > 0 && type.result(0) == ValType.I32) results[0] = Errno.NOSYS;
        return results;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Configures a program's view of the world. Unset streams are empty (stdin) or discard what is
     * written; the streams are never closed, and an {@link java.io.IOException} from one reaches the
     * program as {@code EIO}. Setters return the builder and refuse null with
     * {@link NullPointerException}. Not safe for use by several threads at once.
     */
    public static final class Builder {
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, VirtualDirectory> preopens = new LinkedHashMap<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private Long seed;

        private Builder() {}

        /**
         * Sets the command line ({@code args_get}), program name first; replaces any earlier
         * arguments. Without any, the program sees an empty command line.
         *
         * @param arguments the arguments, passed to the program as UTF-8
         * @return this builder
         */
        public Builder args(String... arguments) {
            return args(List.of(arguments));
        }

        /**
         * Sets the command line ({@code args_get}), program name first; replaces any earlier
         * arguments.
         *
         * @param arguments the arguments, passed to the program as UTF-8; copied
         * @return this builder
         */
        public Builder args(List<String> arguments) {
            this.arguments.clear();
            this.arguments.addAll(arguments);
            return this;
        }

        /**
         * Sets one environment variable ({@code environ_get}), replacing an earlier value of the same
         * name. Variables reach the program in the order first set.
         *
         * @param name  the name: not empty, without {@code =} or NUL
         * @param value the value, without NUL
         * @return this builder
         * @throws IllegalArgumentException the name or value breaks those rules
         */
        public Builder env(String name, String value) {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable '" + name + "'");
            }
            environment.put(name, value);
            return this;
        }

        /**
         * Sets several environment variables as {@link #env(String, String)} does, in the map's
         * iteration order.
         *
         * @param variables the variables by name
         * @return this builder
         * @throws IllegalArgumentException a name or value is not allowed (see {@link #env(String, String)})
         */
        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        /**
         * Sets what the program reads on descriptor 0. Reads block as the stream does.
         *
         * @param input the stream; shared by every provider built from this builder
         * @return this builder
         */
        public Builder stdin(InputStream input) {
            this.stdin = Objects.requireNonNull(input);
            return this;
        }

        /**
         * Sets what the program reads on descriptor 0 to fixed bytes.
         *
         * @param input the bytes; copied
         * @return this builder
         */
        public Builder stdin(byte[] input) {
            return stdin(new ByteArrayInputStream(input.clone()));
        }

        /**
         * Sets where the program's standard output (descriptor 1) goes; each write is flushed.
         *
         * @param output the stream
         * @return this builder
         */
        public Builder stdout(OutputStream output) {
            this.stdout = Objects.requireNonNull(output);
            return this;
        }

        /**
         * Sets where the program's standard error (descriptor 2) goes; each write is flushed.
         *
         * @param output the stream
         * @return this builder
         */
        public Builder stderr(OutputStream output) {
            this.stderr = Objects.requireNonNull(output);
            return this;
        }

        /**
         * Gives the program {@code directory} under the name {@code guestPath} (such as {@code /} or
         * {@code /data}); the program sees and changes the directory's nodes directly. Preopens get
         * descriptors from 3 in the order they are added, with all rights.
         *
         * @param guestPath the name the program sees the directory under
         * @param directory the directory; not copied
         * @return this builder
         * @throws IllegalArgumentException {@code guestPath} is empty or was already added
         */
        public Builder preopen(String guestPath, VirtualDirectory directory) {
            if (guestPath.isEmpty() || preopens.containsKey(guestPath)) {
                throw new IllegalArgumentException("invalid or repeated preopen name '" + guestPath + "'");
            }
            preopens.put(guestPath, Objects.requireNonNull(directory));
            return this;
        }

        /**
         * Makes runs repeatable: the clocks start at the Unix epoch (monotonic at 0) and advance only
         * when the program sleeps, and {@code random_get} yields a sequence fixed by {@code seed}.
         * Without it, the clocks are the host's and random numbers come from {@link SecureRandom}.
         *
         * @param seed the seed of {@code random_get}'s sequence
         * @return this builder
         */
        public Builder deterministic(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * {@return a provider for one program, with its own descriptor table, clock and random
         * numbers}; the builder may go on being used, and providers built from it share its
         * streams and directories
         */
        public WasiPreview1 build() {
            return new WasiPreview1(this);
        }
    }
}
