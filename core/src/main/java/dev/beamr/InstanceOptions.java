package dev.beamr;

import dev.beamr.emscripten.Emscripten;
import dev.beamr.engine.model.Limits;
import dev.beamr.wasi.WasiPreview1;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an instance is started: host functions bound to imports, resource limits, and the WAMR
 * compatibility heap. Immutable; build one with {@link #builder()}.
 */
public final class InstanceOptions {
    /** Pages a memory may reach unless limited: 65536 pages, 4 GiB. */
    public static final long DEFAULT_MAX_MEMORY_PAGES = 65536;
    /** Elements a table may reach unless limited. */
    public static final long DEFAULT_MAX_TABLE_ELEMENTS = 10_000_000;
    /** Nested WebAssembly calls allowed before a call traps with {@link TrapKind#STACK_EXHAUSTED}. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 100_000;
    /** Size of the host heap WAMR appends to memory 0: 64 KiB, one page. */
    public static final long WAMR_HOST_HEAP_BYTES = 65536;

    private static final InstanceOptions DEFAULTS = builder().build();

    private final Map<String, Map<String, HostFunction>> hostFunctions;
    private final Map<String, Map<String, SuppliedImport>> suppliedImports;
    private final long maxMemoryPages;
    private final long maxTableElements;
    private final int maxCallDepth;
    private final OptionalLong fuel;
    private final Duration callTimeout;
    private final boolean wamrHostHeap;
    private final WasiPreview1 wasi;
    private final Emscripten emscripten;

    private InstanceOptions(Builder builder) {
        this.hostFunctions = copyOf(builder.hostFunctions);
        this.suppliedImports = copyOf(builder.suppliedImports);
        this.maxMemoryPages = builder.maxMemoryPages;
        this.maxTableElements = builder.maxTableElements;
        this.maxCallDepth = builder.maxCallDepth;
        this.fuel = builder.fuel;
        this.callTimeout = builder.callTimeout;
        this.wamrHostHeap = builder.wamrHostHeap;
        this.wasi = builder.wasi;
        this.emscripten = builder.emscripten;
    }

    /**
     * {@return the default options: no host functions or supplied imports, the default limits, no fuel
     * or timeout, no WAMR host heap, emscripten's glue with the host's clock, and no WASI provider}
     */
    public static InstanceOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the {@link #defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Looks up a host function bound with {@link Builder#hostFunction}.
     *
     * @param module the import's module name
     * @param name   the import's field name
     * @return the host function bound to the import {@code module.name}, or null when there is none
     */
    public HostFunction hostFunction(String module, String name) {
        Map<String, HostFunction> fields = hostFunctions.get(module);
        return fields == null ? null : fields.get(name);
    }

    /** The memory, table or global supplied for the import {@code module.name}, or null. */
    SuppliedImport suppliedImport(String module, String name) {
        Map<String, SuppliedImport> fields = suppliedImports.get(module);
        return fields == null ? null : fields.get(name);
    }

    private static <T> Map<String, Map<String, T>> copyOf(Map<String, Map<String, T>> byModule) {
        Map<String, Map<String, T>> copy = new LinkedHashMap<>();
        byModule.forEach((module, fields) -> copy.put(module, Map.copyOf(fields)));
        return Map.copyOf(copy);
    }

    /** {@return the most 64 KiB pages any memory of the instance may hold (initially or by growing)} */
    public long maxMemoryPages() {
        return maxMemoryPages;
    }

    /** {@return the most elements any table of the instance may hold (initially or by growing)} */
    public long maxTableElements() {
        return maxTableElements;
    }

    /** {@return the deepest nesting of WebAssembly calls before the call traps with {@link TrapKind#STACK_EXHAUSTED}} */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /**
     * {@return the instance's starting fuel, in WebAssembly instructions, or empty when its calls are
     * not metered} See {@link Builder#fuel(long)}.
     */
    public OptionalLong fuel() {
        return fuel;
    }

    /** {@return how long each call (and the start function) may run, or empty for no limit} */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /**
     * {@return whether memory 0 gets WAMR's extra 64 KiB host heap} The heap is added when the module
     * does not export both {@code malloc} and {@code free} (so sizes and images match BEAMR's), and
     * serves {@link LinearMemory#malloc} when the module has no {@code malloc}.
     */
    public boolean wamrHostHeap() {
        return wamrHostHeap;
    }

    /** {@return the provider of the {@value WasiPreview1#MODULE} imports, or null when they go to the call's handler} */
    public WasiPreview1 wasi() {
        return wasi;
    }

    /**
     * {@return the provider of the {@value Emscripten#MODULE} imports an emscripten build expects from
     * its JavaScript glue, or null when they go to the call's handler} These are the {@code invoke_*}
     * trampolines and the syscall layer's defaults (see {@link Emscripten}). On by default, with the
     * host's clock.
     */
    public Emscripten emscripten() {
        return emscripten;
    }

    /**
     * Collects options; every setter returns the builder, and refuses null (where null has no
     * meaning) with {@link NullPointerException}. Not safe for use by several threads at once.
     */
    public static final class Builder {
        private final Map<String, Map<String, HostFunction>> hostFunctions = new LinkedHashMap<>();
        private final Map<String, Map<String, SuppliedImport>> suppliedImports = new LinkedHashMap<>();
        private long maxMemoryPages = DEFAULT_MAX_MEMORY_PAGES;
        private long maxTableElements = DEFAULT_MAX_TABLE_ELEMENTS;
        private int maxCallDepth = DEFAULT_MAX_CALL_DEPTH;
        private OptionalLong fuel = OptionalLong.empty();
        private Duration callTimeout;
        private boolean wamrHostHeap;
        private WasiPreview1 wasi;
        private Emscripten emscripten = Emscripten.hostClock();

        private Builder() {}

        /**
         * Binds a function import to Java code, replacing an earlier binding. A binding takes
         * precedence over the WASI and emscripten providers and over the call's import handler.
         *
         * @param module   the import's module name
         * @param name     the import's field name
         * @param function the code that answers the import
         * @return this builder
         */
        public Builder hostFunction(String module, String name, HostFunction function) {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
            hostFunctions.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(name, function);
            return this;
        }

        /**
         * Supplies the imported memory {@code module.name}: each instance gets a new, zeroed memory of
         * the type the module declares (its minimum size and maximum, 32- or 64-bit), subject to
         * {@link #maxMemoryPages}. Replaces an earlier supply for the same import.
         *
         * @param module the import's module name
         * @param name   the import's field name
         * @return this builder
         */
        public Builder importMemory(String module, String name) {
            return supply(module, name, new SuppliedImport.NewMemory(null));
        }

        /**
         * Supplies the imported memory {@code module.name} with a new, zeroed memory of
         * {@code initialPages} 64 KiB pages that may grow to {@code maxPages}; starting fails with a
         * {@link LinkException} when these limits do not lie within the declared ones.
         *
         * @param module       the import's module name
         * @param name         the import's field name
         * @param initialPages the memory's size at start, in 64 KiB pages
         * @param maxPages     the most pages it may grow to, at least {@code initialPages}
         * @return this builder
         */
        public Builder importMemory(String module, String name, long initialPages, long maxPages) {
            return supply(module, name, new SuppliedImport.NewMemory(limits(initialPages, maxPages)));
        }

        /**
         * Supplies the imported table {@code module.name}: each instance gets a new table of the type
         * the module declares, its minimum number of elements all null, subject to
         * {@link #maxTableElements}. Replaces an earlier supply for the same import.
         *
         * @param module the import's module name
         * @param name   the import's field name
         * @return this builder
         */
        public Builder importTable(String module, String name) {
            return supply(module, name, new SuppliedImport.NewTable(null));
        }

        /**
         * Supplies the imported table {@code module.name} with a new table of {@code initialSize} null
         * elements that may grow to {@code maxSize}; starting fails with a {@link LinkException} when
         * these limits do not lie within the declared ones.
         *
         * @param module      the import's module name
         * @param name        the import's field name
         * @param initialSize the table's number of elements at start
         * @param maxSize     the most elements it may grow to, at least {@code initialSize}
         * @return this builder
         */
        public Builder importTable(String module, String name, long initialSize, long maxSize) {
            return supply(module, name, new SuppliedImport.NewTable(limits(initialSize, maxSize)));
        }

        /**
         * Supplies the imported global {@code module.name}: each instance gets a global of the
         * declared type and mutability holding {@code value} (an integer for i32 and i64, any number
         * for f32 and f64). Starting fails with a {@link LinkException} when the value does not fit the
         * type or the global holds references. Replaces an earlier supply for the same import.
         *
         * @param module the import's module name
         * @param name   the import's field name
         * @param value  the global's initial value
         * @return this builder
         */
        public Builder importGlobal(String module, String name, Number value) {
            return supply(module, name, new SuppliedImport.GlobalValue(Objects.requireNonNull(value, "value")));
        }

        private Builder supply(String module, String name, SuppliedImport supplied) {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(name, "name");
            suppliedImports.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(name, supplied);
            return this;
        }

        private static Limits limits(long initial, long max) {
            if (initial < 0 || max < initial) {
                throw new IllegalArgumentException("limits must satisfy 0 <= initial <= max, got " + initial + " and " + max);
            }
            return new Limits(initial, max);
        }

        /**
         * Caps every memory of the instance; a module needing more at start fails to start with a
         * {@link TrapException}, and {@code memory.grow} beyond the cap returns -1.
         *
         * @param pages the most 64 KiB pages a memory may hold (default {@value #DEFAULT_MAX_MEMORY_PAGES})
         * @return this builder
         * @throws IllegalArgumentException {@code pages} is negative
         */
        public Builder maxMemoryPages(long pages) {
            if (pages < 0) throw new IllegalArgumentException("maxMemoryPages must not be negative: " + pages);
            this.maxMemoryPages = pages;
            return this;
        }

        /**
         * Caps every table of the instance; a module needing more at start fails to start with a
         * {@link TrapException}, and {@code table.grow} beyond the cap returns -1.
         *
         * @param elements the most elements a table may hold (default {@value #DEFAULT_MAX_TABLE_ELEMENTS})
         * @return this builder
         * @throws IllegalArgumentException {@code elements} is negative
         */
        public Builder maxTableElements(long elements) {
            if (elements < 0) throw new IllegalArgumentException("maxTableElements must not be negative: " + elements);
            this.maxTableElements = elements;
            return this;
        }

        /**
         * Limits how deeply WebAssembly calls may nest; a call nesting deeper traps with
         * {@link TrapKind#STACK_EXHAUSTED}. Interpreted calls keep their frames on the heap; in
         * {@link Mode#AOT} compiled calls use the calling thread's Java stack, which also ends them
         * with STACK_EXHAUSTED when it runs out (after some thousands of calls on a 1 MiB stack):
         * run deeply recursive modules on a thread with a larger stack, or interpreted.
         *
         * @param depth the most nested calls (default {@value #DEFAULT_MAX_CALL_DEPTH})
         * @return this builder
         * @throws IllegalArgumentException {@code depth} is not positive
         */
        public Builder maxCallDepth(int depth) {
            if (depth <= 0) throw new IllegalArgumentException("maxCallDepth must be positive: " + depth);
            this.maxCallDepth = depth;
            return this;
        }

        /**
         * Meters the instance's execution: it starts with {@code instructions} fuel and every executed
         * WebAssembly instruction costs one, the same on every run of the same code. A call that runs out
         * ends with {@link CallAbortedException} ({@link CallAbortedException.Reason#FUEL_EXHAUSTED});
         * {@link WasmInstance#addFuel} tops the account up. The start function is metered too.
         *
         * @param instructions the starting fuel, in WebAssembly instructions
         * @return this builder
         * @throws IllegalArgumentException {@code instructions} is negative
         */
        public Builder fuel(long instructions) {
            if (instructions < 0) throw new IllegalArgumentException("fuel must not be negative: " + instructions);
            this.fuel = OptionalLong.of(instructions);
            return this;
        }

        /**
         * Gives every call (and the start function) {@code timeout} to finish; one still running then
         * ends with {@link CallAbortedException} ({@link CallAbortedException.Reason#DEADLINE_EXCEEDED}).
         * {@link WasmInstance#call(String, java.util.List, Duration)} sets a deadline for a single call instead.
         *
         * @param timeout how long each call may run
         * @return this builder
         * @throws IllegalArgumentException {@code timeout} is negative
         */
        public Builder callTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) throw new IllegalArgumentException("callTimeout must not be negative: " + timeout);
            this.callTimeout = timeout;
            return this;
        }

        /**
         * Turns WAMR's 64 KiB host heap on or off (off by default); see {@link InstanceOptions#wamrHostHeap()}.
         *
         * @param enabled whether to add the heap
         * @return this builder
         */
        public Builder wamrHostHeap(boolean enabled) {
            this.wamrHostHeap = enabled;
            return this;
        }

        /**
         * Answers the module's {@value WasiPreview1#MODULE} imports with {@code wasi} (host functions
         * bound by name still take precedence). A provider holds one program's descriptors and is not
         * thread-safe: give each instance its own. A call that reaches {@code proc_exit} returns with
         * the exit code as its result ({@link CallResult#exitCode()}, {@link WasmInstance#lastExitCode()}).
         *
         * @param wasi the provider of the program's arguments, environment, files and streams
         * @return this builder
         */
        public Builder wasi(WasiPreview1 wasi) {
            this.wasi = Objects.requireNonNull(wasi, "wasi");
            return this;
        }

        /**
         * Answers the module's emscripten {@value Emscripten#MODULE} imports with {@code emscripten}
         * (host functions bound by name still take precedence), or, given null, leaves them to the
         * call's handler. Defaults to {@link Emscripten#hostClock()}; an instance's glue state is its own.
         *
         * @param emscripten the glue provider, or null to leave the imports to the call's handler
         * @return this builder
         */
        public Builder emscripten(Emscripten emscripten) {
            this.emscripten = emscripten;
            return this;
        }

        /** {@return immutable options of the settings collected so far; the builder may go on being used} */
        public InstanceOptions build() {
            return new InstanceOptions(this);
        }
    }
}
