package dev.beamr.ao;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.ExportInfo;
import dev.beamr.ExternType;
import dev.beamr.InstanceOptions;
import dev.beamr.LinearMemory;
import dev.beamr.Signature;
import dev.beamr.SnapshotException;
import dev.beamr.ValueType;
import dev.beamr.WasmInstance;
import dev.beamr.emscripten.Emscripten;
import dev.beamr.wasi.WasiPreview1;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AO process: an instance of an AO module (such as AO's Lua interpreter built with emscripten)
 * fed one message at a time through its export {@code handle(msg_json, env_json) -> result_json},
 * its state (the Lua globals) kept from message to message.
 *
 * <pre>{@code
 * try (AoProcess process = AoProcess.builder().deterministic(1).start(moduleBytes)) {
 *     process.eval("x = 21");
 *     String answer = process.eval("return x * 2").output();   // "42"
 * }
 * }</pre>
 *
 * The instance gets WASI preview1 (stdout and stderr as configured, discarded by default) and
 * emscripten's glue imports; other imports get the stub handler's zeros. The builder's limits (fuel,
 * call timeout, memory cap, call depth) are {@link InstanceOptions}' and apply to the instance as a
 * whole, its start included. Each message and the
 * environment are written into memory with the module's {@code malloc} and freed afterwards when
 * the module exports {@code free}. Not safe for use by several threads at once.
 */
public final class AoProcess implements AutoCloseable {
    private static final int SNAPSHOT_HEADER = Long.BYTES;

    private final WasmInstance instance;
    private final String processId;
    private final String owner;
    private final String moduleId;
    private final boolean deterministic;
    private final String environment;
    private final boolean freesMemory;
    private final boolean pointers32;
    private long messagesHandled;

    private AoProcess(Builder builder, WasmInstance instance) {
        this.instance = instance;
        this.processId = builder.processId;
        this.owner = builder.owner;
        this.moduleId = builder.moduleId;
        this.deterministic = builder.seed != null;
        this.environment = environmentJson(builder);
        Signature handle = instance.exports().stream()
                .filter(e -> e.kind() == ExternType.FUNCTION && e.name().equals("handle"))
                .map(ExportInfo::signature).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new AoProtocolException("the module exports no handle function, so it is not an AO process"));
        ValueType pointer = handle.params().isEmpty() ? null : handle.params().getFirst();
        if (handle.params().size() != 2 || handle.results().size() != 1
                || (pointer != ValueType.I32 && pointer != ValueType.I64)
                || handle.params().get(1) != pointer || handle.results().getFirst() != pointer) {
            throw new AoProtocolException("the module's handle has the signature " + handle.compact()
                    + " rather than (msg, env) -> result over pointers");
        }
        this.pointers32 = pointer == ValueType.I32;
        this.freesMemory = instance.exports().stream().anyMatch(e -> e.kind() == ExternType.FUNCTION && e.name().equals("free"));
    }

    /** {@return a builder with the default settings (see {@link Builder})} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code message} and returns the process's answer. Unset fields are filled in:
     * {@code Id} and {@code Block-Height} count the messages this process has handled (from 1),
     * {@code Owner} and {@code From} are the process's owner, {@code Target} the process,
     * {@code Module} the module id, and {@code Timestamp} the host's clock (the message count in
     * deterministic mode). The count advances only when the process answers.
     *
     * @param message the message to handle
     * @return the process's parsed answer; a Lua error inside a handler is an answer too (see
     *         {@link AoResult#error()})
     * @throws NullPointerException          {@code message} is null
     * @throws AoProtocolException           the process's {@code handle} returned a null pointer or an
     *                                       answer that is not AO's JSON
     * @throws dev.beamr.TrapException       the module trapped (the process may be unusable afterwards)
     * @throws dev.beamr.AllocationException the module's {@code malloc} has no room for the message
     * @throws dev.beamr.CallAbortedException the process ran out of fuel or over its call timeout (see
     *                                       {@link Builder#fuel} and {@link Builder#callTimeout}); the
     *                                       message counts as not handled
     */
    public AoResult send(AoMessage message) {
        Objects.requireNonNull(message, "message");
        long number = messagesHandled + 1;
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(AoMessage.ID, Long.toString(number));
        defaults.put(AoMessage.OWNER, owner);
        defaults.put(AoMessage.FROM, message.field(AoMessage.OWNER) != null ? message.field(AoMessage.OWNER) : owner);
        defaults.put(AoMessage.TARGET, processId);
        defaults.put(AoMessage.MODULE, moduleId);
        defaults.put(AoMessage.BLOCK_HEIGHT, Long.toString(number));
        defaults.put(AoMessage.TIMESTAMP, Long.toString(deterministic ? number : System.currentTimeMillis()));
        String answer = handle(Json.write(message.toJson(defaults)));
        messagesHandled = number;
        return AoResult.parse(answer);
    }

    /**
     * Sends an {@code Eval} message (see {@link AoMessage#eval}) and returns the answer; see
     * {@link #send} for the fields filled in and what is thrown.
     *
     * @param code the Lua code to run
     * @return the process's parsed answer; {@link AoResult#output()} holds what the code returned
     */
    public AoResult eval(String code) {
        return send(AoMessage.eval(code));
    }

    /** {@return how many messages the process has handled} */
    public long messagesHandled() {
        return messagesHandled;
    }

    /**
     * Captures the process's whole state. {@link #restore} it into a fresh process of the same
     * module to carry on from here.
     *
     * @return the message count (8 bytes, big-endian) followed by the instance's
     *         {@link WasmInstance#snapshot()}
     */
    public byte[] snapshot() {
        byte[] state = instance.snapshot();
        return ByteBuffer.allocate(SNAPSHOT_HEADER + state.length).putLong(messagesHandled).put(state).array();
    }

    /**
     * Restores a {@link #snapshot()} into this process, which must not have handled any message yet.
     * The process's own settings (id, owner, tags, output streams) stay as it was built with; the
     * module's memory, globals and tables and the message count come from the snapshot.
     *
     * @param snapshot bytes from {@link #snapshot()}
     * @throws NullPointerException {@code snapshot} is null
     * @throws SnapshotException    the snapshot is truncated, corrupt or of another module, or this process
     *                              has already handled a message
     */
    public void restore(byte[] snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (messagesHandled != 0) throw new SnapshotException("restore into a fresh process, not one that has handled messages");
        if (snapshot.length < SNAPSHOT_HEADER) throw new SnapshotException("the snapshot is truncated: " + snapshot.length + " bytes");
        ByteBuffer buffer = ByteBuffer.wrap(snapshot);
        long count = buffer.getLong();
        if (count < 0) throw new SnapshotException("the snapshot is corrupt: a negative message count");
        byte[] state = new byte[buffer.remaining()];
        buffer.get(state);
        instance.restore(state);
        messagesHandled = count;
    }

    /** {@return the underlying instance (its memory, exports and state)} */
    public WasmInstance instance() {
        return instance;
    }

    /** Stops the instance. */
    @Override
    public void close() {
        instance.stop();
    }

    private String handle(String messageJson) {
        LinearMemory memory = instance.memory();
        long message = memory.writeString(messageJson);
        long env = memory.writeString(environment);
        try {
            Number result = instance.call("handle", List.of(message, env)).getFirst();
            long pointer = pointers32 ? Integer.toUnsignedLong(result.intValue()) : result.longValue();
            if (pointer == 0) throw new AoProtocolException("the process's handle returned a null pointer");
            return memory.readString(pointer);
        } finally {
            if (freesMemory) {
                memory.free(message);
                memory.free(env);
            }
        }
    }

    private static String environmentJson(Builder builder) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("Id", builder.processId);
        process.put("Owner", builder.owner);
        process.put("Tags", AoMessage.tagsJson(builder.processTags()));
        return Json.write(Map.of("Process", process));
    }

    /**
     * Collects a process's settings; every setter returns the builder and refuses null with
     * {@link NullPointerException}. Not safe for use by several threads at once.
     */
    public static final class Builder {
        /** Holds the limits; {@link #start(BeamrModule)} adds the WASI and emscripten providers. */
        private final InstanceOptions.Builder options = InstanceOptions.builder();
        private String processId = "AOS";
        private String owner = "OWNER";
        private String moduleId = "MODULE";
        private final List<AoMessage.Tag> tags = new ArrayList<>();
        private Long seed;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();

        private Builder() {}

        /**
         * Sets the process's id (default {@code "AOS"}), its messages' default {@code Target} and the
         * environment's {@code Process.Id}.
         *
         * @param id the process id, such as an Arweave transaction id
         * @return this builder
         */
        public Builder processId(String id) {
            this.processId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the process's owner (default {@code "OWNER"}), its messages' default {@code Owner}
         * and {@code From}, and the environment's {@code Process.Owner}.
         *
         * @param owner the owner's address
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * Sets the id its messages name as their {@code Module} (default {@code "MODULE"}).
         *
         * @param id the module id
         * @return this builder
         */
        public Builder moduleId(String id) {
            this.moduleId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Adds a tag of the process (in the environment's {@code Process.Tags}). Without any, the
         * process is tagged {@code Name = aos} and {@code Authority = } its owner.
         *
         * @param name  the tag's name; may repeat
         * @param value the tag's value
         * @return this builder
         */
        public Builder processTag(String name, String value) {
            tags.add(new AoMessage.Tag(name, value));
            return this;
        }

        /**
         * Makes runs reproducible: WASI's clock and random numbers come from {@code seed}, emscripten's
         * clock is fixed at 0, and each message's default {@code Timestamp} is its number rather than
         * the host's clock. Off by default.
         *
         * @param seed the seed; the same seed and messages give the same answers
         * @return this builder
         */
        public Builder deterministic(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets where the module's own writes to stdout go (discarded by default; AO output comes in
         * each result).
         *
         * @param stdout the stream; not closed by the process
         * @return this builder
         */
        public Builder stdout(OutputStream stdout) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            return this;
        }

        /**
         * Sets where the module's writes to stderr go (discarded by default).
         *
         * @param stderr the stream; not closed by the process
         * @return this builder
         */
        public Builder stderr(OutputStream stderr) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        /**
         * Meters the process: its instance starts with {@code instructions} fuel, spent by the module's
         * start and by every message (the module's {@code malloc} and {@code free} included); a message
         * that runs out ends with {@link dev.beamr.CallAbortedException}. Unmetered by default;
         * {@link WasmInstance#addFuel} on {@link AoProcess#instance()} tops the account up. See
         * {@link InstanceOptions.Builder#fuel(long)}.
         *
         * @param instructions the starting fuel, in WebAssembly instructions
         * @return this builder
         * @throws IllegalArgumentException {@code instructions} is negative
         */
        public Builder fuel(long instructions) {
            options.fuel(instructions);
            return this;
        }

        /**
         * Gives each call into the module (the start function, and each {@code handle},
         * {@code malloc} and {@code free} of a message) {@code timeout} to finish; one still running
         * then ends with {@link dev.beamr.CallAbortedException}. No limit by default. See
         * {@link InstanceOptions.Builder#callTimeout(Duration)}.
         *
         * @param timeout how long each call may run
         * @return this builder
         * @throws IllegalArgumentException {@code timeout} is negative
         */
        public Builder callTimeout(Duration timeout) {
            options.callTimeout(timeout);
            return this;
        }

        /**
         * Caps the process's memory; a module needing more at start fails to start with a
         * {@link dev.beamr.TrapException}, and growing beyond the cap fails inside the module (Lua
         * reports it as an error). See {@link InstanceOptions.Builder#maxMemoryPages(long)}.
         *
         * @param pages the most 64 KiB pages the memory may hold (default
         *              {@value InstanceOptions#DEFAULT_MAX_MEMORY_PAGES})
         * @return this builder
         * @throws IllegalArgumentException {@code pages} is negative
         */
        public Builder maxMemoryPages(long pages) {
            options.maxMemoryPages(pages);
            return this;
        }

        /**
         * Limits how deeply the module's calls may nest; a message nesting deeper traps with
         * {@link dev.beamr.TrapKind#STACK_EXHAUSTED}. See {@link InstanceOptions.Builder#maxCallDepth(int)}.
         *
         * @param depth the most nested calls (default {@value InstanceOptions#DEFAULT_MAX_CALL_DEPTH})
         * @return this builder
         * @throws IllegalArgumentException {@code depth} is not positive
         */
        public Builder maxCallDepth(int depth) {
            options.maxCallDepth(depth);
            return this;
        }

        /**
         * Compiles a module and starts a process of it; see {@link #start(BeamrModule)}.
         *
         * @param module the module's binary
         * @return the started process
         * @throws dev.beamr.MalformedModuleException the bytes are not a WebAssembly binary
         * @throws dev.beamr.InvalidModuleException   the module breaks a validation rule
         * @throws AoProtocolException                the module has no {@code handle(msg, env) -> result} export
         */
        public AoProcess start(byte[] module) {
            return start(Beamr.compile(module));
        }

        /**
         * Starts a process of a compiled module, with WASI preview1 and emscripten's glue imports
         * as this builder configures them. The builder may be used again afterwards.
         *
         * @param module the compiled AO module
         * @return the started process, which has handled no message yet
         * @throws AoProtocolException      the module has no {@code handle(msg, env) -> result} export over
         *                                  i32 or i64 pointers
         * @throws dev.beamr.LinkException  the module imports a memory, table, global or tag, which
         *                                  nothing here supplies
         * @throws dev.beamr.TrapException  a data or element segment does not fit, or the module's start
         *                                  function trapped
         * @throws dev.beamr.CallAbortedException the module's start function ran out of fuel or time
         */
        public AoProcess start(BeamrModule module) {
            WasiPreview1.Builder wasi = WasiPreview1.builder().args("process").stdout(stdout).stderr(stderr);
            if (seed != null) wasi.deterministic(seed);
            // A fresh WASI provider and emscripten glue each time: an instance's descriptors and glue state are its own.
            InstanceOptions instanceOptions = options
                    .wasi(wasi.build())
                    .emscripten(seed != null ? Emscripten.fixedClock(0) : Emscripten.hostClock())
                    .build();
            WasmInstance instance = module.start(instanceOptions);
            try {
                return new AoProcess(this, instance);
            } catch (RuntimeException e) {
                instance.stop();
                throw e;
            }
        }

        private List<AoMessage.Tag> processTags() {
            return tags.isEmpty() ? List.of(new AoMessage.Tag("Name", "aos"), new AoMessage.Tag("Authority", owner)) : tags;
        }
    }
}
