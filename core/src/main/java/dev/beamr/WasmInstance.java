package dev.beamr;

import dev.beamr.engine.interpreter.Fuel;
import dev.beamr.engine.interpreter.Meter;
import dev.beamr.engine.interpreter.Metering;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;
import dev.beamr.engine.runtime.WasmExceptionPayload;
import dev.beamr.internal.ImportProviders;
import dev.beamr.wasi.WasiExitException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live instance of a module: call its functions, read and write its memory, save and restore
 * its state. Start one with {@link Beamr#start} or {@link BeamrModule#start}.
 *
 * <h2>Threads</h2>
 * Any thread may use an instance. Calls (and memory operations) run one at a time, in the order
 * they arrive (FIFO); a host function or import handler may call back into the instance on the
 * thread it runs on. {@link #callAsync} queues a call and returns at once; queued calls run in
 * submission order on a virtual thread that exists only while calls are queued, so idle instances
 * hold no thread. A handler must not wait for an asynchronous call on its own instance: that call
 * can only run after the current one.
 *
 * <h2>Limits</h2>
 * {@link InstanceOptions} caps memory and table sizes and call depth, and may give the instance fuel
 * (an instruction budget, see {@link #remainingFuel()} and {@link #addFuel}) and every call a timeout.
 * {@link #call(String, List, Duration)} gives one call a deadline, {@link #interrupt()} cancels the
 * call in progress from any thread, and cancelling (or completing exceptionally, as
 * {@link CompletableFuture#orTimeout} does) the future of {@link #callAsync} cancels its call, or
 * drops it if it has not started. A call stopped so ends with {@link CallAbortedException} within
 * about a millisecond, also in a tight loop or a bulk memory operation on gigabytes.
 *
 * <h2>Exiting</h2>
 * A call that reaches WASI's {@code proc_exit} or emscripten's {@code exit} (or a host function that
 * throws {@link WasiExitException}) ends normally, without results: the
 * {@link CallResult#exitCode()} of the call says so, and {@link #lastExitCode()} keeps the code (the
 * plain {@link #call(String, List)} returns an empty list). The instance stays usable. A call made
 * back into the instance from a host function passes the exit on to the outermost call.
 *
 * <h2>Errors</h2>
 * A call fails with {@link InvalidArgumentsException}, {@link FunctionNotFoundException},
 * {@link TrapException} (naming the {@link TrapKind}), {@link CallAbortedException},
 * {@link ImportHandlerException} or {@link InstanceStoppedException}; the instance stays usable after
 * any of them but the last. An aborted call, like a trap, leaves memory, tables and globals as its
 * code last wrote them (a bulk operation stopped between chunks leaves its earlier chunks written),
 * which is consistent for the engine but may be half-way through the program's own update: restore a
 * {@link #snapshot()} when the program cannot recover from that.
 *
 * <p>{@link #stop()} (or {@link #close()}) ends the instance and lets its memory be reclaimed.
 */
public final class WasmInstance implements AutoCloseable {
    /** Outside the int range, so that no exit code can be mistaken for it. */
    private static final long NEVER_EXITED = Long.MIN_VALUE;
    private static final ExecutorService ASYNC_CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private final BeamrModule module;
    /** Fair, so that waiting callers are served in arrival order; reentrant, for handlers calling back in. */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Asynchronous calls not yet run, and whether a virtual thread is running them. */
    private final Queue<Runnable> asyncCalls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final HostHeap hostHeap;
    private final LinearMemory memory;
    private final Map<String, Target> exportedFunctions = new HashMap<>();
    /** The fuel account, or null when calls are not metered. */
    private final Fuel fuel;
    private final Duration callTimeout;
    private Instance engine;
    private volatile boolean stopped;
    private CallFrame<?> currentCall;
    /** The code of the program's latest exit, or {@link #NEVER_EXITED}. */
    private volatile long lastExitCode = NEVER_EXITED;
    /** The meter of the innermost call in progress (calls nest when a handler calls back in). */
    private Meter currentMeter;
    /** The meter of the outermost call in progress, for {@link #interrupt()} from other threads. */
    private volatile Meter outermostMeter;

    WasmInstance(BeamrModule module, InstanceOptions options) {
        this.module = module;
        CompiledModule compiled = module.compiledFor(options);
        ExecutionEngine executor = module.executor(options.maxCallDepth());
        InstanceLimits limits = new InstanceLimits(options.maxMemoryPages(), options.maxTableElements(), Metering::checkpoint);
        WasmModule decoded = compiled.module();
        ImportResolver emscripten = providerResolver(options.emscripten(), decoded);
        ImportResolver wasi = providerResolver(options.wasi(), decoded);
        this.fuel = options.fuel().isPresent() ? new Fuel(options.fuel().getAsLong()) : null;
        this.callTimeout = options.callTimeout().orElse(null);
        // The start function runs under the instance's fuel and timeout like any call.
        Meter previous = Metering.enter(new Meter(fuel, callTimeout, null));
        try {
            this.engine = Instance.instantiate(compiled,
                    (moduleName, field) -> bindImport(decoded, options, limits, wasi, emscripten, moduleName, field), executor, limits);
        } finally {
            Metering.leave(previous);
        }
        this.hostHeap = compiled == module.compiled() ? null : new HostHeap(module.hostHeapOffset());
        if (hostHeap != null) hostHeap.initialize(engine.memories()[0]);
        this.memory = new LinearMemory(this);
    }

    /** {@return the module this is an instance of} */
    public BeamrModule module() {
        return module;
    }

    /** {@return the module's imports, as {@link BeamrModule#imports()}} */
    public List<ImportInfo> imports() {
        return module.imports();
    }

    /** {@return the module's exports, as {@link BeamrModule#exports()}} */
    public List<ExportInfo> exports() {
        return module.exports();
    }

    /** {@return memory 0: sizes, reads and writes, strings, allocations} */
    public LinearMemory memory() {
        return memory;
    }

    /**
     * The code the program passed to WASI's {@code proc_exit} or emscripten's {@code exit} in the
     * latest call that exited, which the call's {@link CallResult#exitCode()} reports too. Calls
     * returning normally afterwards leave it as it is, as a process's exit status stays.
     *
     * @return the latest exit code, or empty while no call has exited
     */
    public OptionalInt lastExitCode() {
        long code = lastExitCode;
        return code == NEVER_EXITED ? OptionalInt.empty() : OptionalInt.of((int) code);
    }

    /**
     * Calls the exported function {@code export}; imports that no host function covers are answered
     * by {@link ImportHandler#stub()}. If the program exits instead of returning (see
     * {@link #lastExitCode()}), the list is empty.
     *
     * @param export the exported function's name
     * @param args   one number per parameter, as for {@link #call(String, List, ImportHandler, Object, Map)}
     * @return the results, typed per the signature
     * @throws FunctionNotFoundException there is no exported function {@code export}
     * @throws InvalidArgumentsException the arguments do not fit the function's parameters, or it has
     *                                   reference-typed parameters or results
     * @throws TrapException             the function trapped
     * @throws CallAbortedException      the call ran out of fuel, passed its deadline or was cancelled
     * @throws InstanceStoppedException  the instance was stopped
     */
    public List<Number> call(String export, List<? extends Number> args) {
        return call(export, args, ImportHandler.stub(), null, Map.of()).results();
    }

    /**
     * Calls {@code export} as {@link #call(String, List)} does, ending it with
     * {@link CallAbortedException} ({@link CallAbortedException.Reason#DEADLINE_EXCEEDED}) if it runs
     * longer than {@code timeout} (which replaces the instance's call timeout for this call).
     *
     * @param export  the exported function's name
     * @param args    one number per parameter, as for {@link #call(String, List, ImportHandler, Object, Map)}
     * @param timeout how long the call may run, counted from when it starts (not while it waits for
     *                the call before it)
     * @return the results, typed per the signature; empty if the program exited
     * @throws FunctionNotFoundException there is no exported function {@code export}
     * @throws InvalidArgumentsException the arguments do not fit the function's parameters, or it has
     *                                   reference-typed parameters or results
     * @throws TrapException             the function trapped
     * @throws CallAbortedException      the call ran out of fuel, passed its deadline or was cancelled
     * @throws InstanceStoppedException  the instance was stopped
     */
    public List<Number> call(String export, List<? extends Number> args, Duration timeout) {
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(timeout, "timeout");
        return invoke(() -> exportedFunction(export), args, ImportHandler.stub(), null, Map.of(), timeout, null).results();
    }

    /**
     * Calls the exported function {@code export}, answering its imports with {@code handler} (those
     * no {@link HostFunction}, WASI or emscripten provider covers). The instance's call timeout, if
     * any, applies.
     *
     * @param <S>     the type of the state the handler threads through the call
     * @param export  the exported function's name
     * @param args    one number per parameter: integers (Integer, Long, Short, Byte, BigInteger) for
     *                i32/i64, any number for f32/f64
     * @param handler answers the call's imports
     * @param state   the state given to the first import call; may be null
     * @param options passed to every handler call unchanged; null means none
     * @return the results, typed per the signature, and the final state; or, if the program exited,
     *         no results and the exit code
     * @throws FunctionNotFoundException there is no exported function {@code export}
     * @throws InvalidArgumentsException the arguments do not fit the function's parameters, or it has
     *                                   reference-typed parameters or results
     * @throws TrapException             the function trapped
     * @throws CallAbortedException      the call ran out of fuel, passed its deadline or was cancelled
     * @throws InstanceStoppedException  the instance was stopped
     * @throws ImportHandlerException    {@code handler} threw or answered an import with values that do
     *                                   not fit its signature
     */
    public <S> CallResult<S> call(String export, List<? extends Number> args, ImportHandler<S> handler, S state,
                                  Map<String, ?> options) {
        Objects.requireNonNull(export, "export");
        return invoke(() -> exportedFunction(export), args, handler, state, options, callTimeout, null);
    }

    /**
     * Calls the function in a slot of table 0, as an indirect call would; imports that no host
     * function covers are answered by {@link ImportHandler#stub()}.
     *
     * @param tableSlot the slot's index in table 0
     * @param args      one number per parameter, as for {@link #call(String, List, ImportHandler, Object, Map)}
     * @return the results, typed per the signature; empty if the program exited
     * @throws FunctionNotFoundException table 0 does not exist, {@code tableSlot} is outside it, or the slot holds no function
     * @throws InvalidArgumentsException the arguments do not fit the function's parameters, or it has
     *                                   reference-typed parameters or results
     * @throws TrapException             the function trapped
     * @throws CallAbortedException      the call ran out of fuel, passed its deadline or was cancelled
     * @throws InstanceStoppedException  the instance was stopped
     */
    public List<Number> call(int tableSlot, List<? extends Number> args) {
        return call(tableSlot, args, ImportHandler.stub(), null, Map.of()).results();
    }

    /**
     * Calls the function in a slot of table 0, answering its imports with {@code handler}, as
     * {@link #call(String, List, ImportHandler, Object, Map)} does for an export.
     *
     * @param <S>       the type of the state the handler threads through the call
     * @param tableSlot the slot's index in table 0
     * @param args      one number per parameter, as for {@link #call(String, List, ImportHandler, Object, Map)}
     * @param handler   answers the call's imports
     * @param state     the state given to the first import call; may be null
     * @param options   passed to every handler call unchanged; null means none
     * @return the results and the final state; or, if the program exited, no results and the exit code
     * @throws FunctionNotFoundException table 0 does not exist, {@code tableSlot} is outside it, or the slot holds no function
     * @throws InvalidArgumentsException the arguments do not fit the function's parameters, or it has
     *                                   reference-typed parameters or results
     * @throws TrapException             the function trapped
     * @throws CallAbortedException      the call ran out of fuel, passed its deadline or was cancelled
     * @throws InstanceStoppedException  the instance was stopped
     * @throws ImportHandlerException    {@code handler} threw or answered an import with values that do
     *                                   not fit its signature
     */
    public <S> CallResult<S> call(int tableSlot, List<? extends Number> args, ImportHandler<S> handler, S state,
                                  Map<String, ?> options) {
        return invoke(() -> tableFunction(tableSlot), args, handler, state, options, callTimeout, null);
    }

    /**
     * Queues {@link #call(String, List)} and returns at once. The arguments are copied now; the
     * call runs after those queued before it. Cancelling the future cancels the call.
     *
     * @param export the exported function's name
     * @param args   one number per parameter, as for {@link #call(String, List, ImportHandler, Object, Map)}
     * @return a future of the results; it fails with the exception the call would throw
     */
    public CompletableFuture<List<Number>> callAsync(String export, List<? extends Number> args) {
        Objects.requireNonNull(export, "export");
        List<? extends Number> arguments = snapshotOf(args);
        return enqueue(cancellation -> invoke(() -> exportedFunction(export), arguments, ImportHandler.stub(), null,
                Map.of(), callTimeout, cancellation).results());
    }

    /**
     * Queues {@link #call(String, List, ImportHandler, Object, Map)} and returns at once. The
     * arguments are copied now; the call runs after those queued before it, and the handler runs on
     * the call's (virtual) thread. Cancelling the future cancels the call.
     *
     * @param <S>     the type of the state the handler threads through the call
     * @param export  the exported function's name
     * @param args    one number per parameter
     * @param handler answers the call's imports
     * @param state   the state given to the first import call; may be null
     * @param options passed to every handler call unchanged; null means none
     * @return a future of the call's result; it fails with the exception the call would throw
     */
    public <S> CompletableFuture<CallResult<S>> callAsync(String export, List<? extends Number> args,
                                                          ImportHandler<S> handler, S state, Map<String, ?> options) {
        Objects.requireNonNull(export, "export");
        List<? extends Number> arguments = snapshotOf(args);
        return enqueue(cancellation -> invoke(() -> exportedFunction(export), arguments, handler, state, options,
                callTimeout, cancellation));
    }

    /**
     * Queues {@link #call(int, List, ImportHandler, Object, Map)} and returns at once, as
     * {@link #callAsync(String, List, ImportHandler, Object, Map)} does for an export.
     *
     * @param <S>       the type of the state the handler threads through the call
     * @param tableSlot the slot's index in table 0
     * @param args      one number per parameter
     * @param handler   answers the call's imports
     * @param state     the state given to the first import call; may be null
     * @param options   passed to every handler call unchanged; null means none
     * @return a future of the call's result; it fails with the exception the call would throw
     */
    public <S> CompletableFuture<CallResult<S>> callAsync(int tableSlot, List<? extends Number> args,
                                                          ImportHandler<S> handler, S state, Map<String, ?> options) {
        List<? extends Number> arguments = snapshotOf(args);
        return enqueue(cancellation -> invoke(() -> tableFunction(tableSlot), arguments, handler, state, options,
                callTimeout, cancellation));
    }

    /**
     * Cancels the call in progress, if any (with the calls it made back into the instance): it ends
     * with {@link CallAbortedException} ({@link CallAbortedException.Reason#CANCELLED}) within about a
     * millisecond. Any thread may call this; calls that start later are not affected.
     */
    public void interrupt() {
        Meter running = outermostMeter;
        if (running != null) running.cancel();
    }

    /**
     * {@return the fuel left, in WebAssembly instructions, or empty when the instance was started
     * without fuel} Exact between calls and on the thread running a call (from a host function);
     * another thread reading it during a call may see up to one grant (10,000 instructions) more.
     */
    public OptionalLong remainingFuel() {
        if (fuel == null) return OptionalLong.empty();
        if (lock.isHeldByCurrentThread()) Metering.settle();
        return OptionalLong.of(fuel.remaining());
    }

    /**
     * Adds to the fuel left (saturating at {@link Long#MAX_VALUE}); any thread may top up, also
     * during a call.
     *
     * @param instructions how many more WebAssembly instructions the instance may execute
     * @throws IllegalArgumentException {@code instructions} is negative
     * @throws IllegalStateException the instance was started without fuel ({@link InstanceOptions.Builder#fuel})
     */
    public void addFuel(long instructions) {
        if (fuel == null) throw new IllegalStateException("the instance was started without fuel, so it cannot be topped up");
        fuel.add(instructions);
    }

    /**
     * {@return memory 0's bytes, exactly as BEAMR serializes an instance: the array is as long as the memory}
     *
     * @throws MemoryAccessException   the module has no memory, or it is too large for one byte array
     * @throws InstanceStoppedException the instance was stopped
     */
    public byte[] serialize() {
        return memory.readAll();
    }

    /**
     * Writes {@code image} (from {@link #serialize()}) over memory 0 from offset 0, as BEAMR does;
     * memory grows first if the image is larger than it. Bytes beyond the image are left as they are.
     *
     * @param image memory bytes, as {@link #serialize()} returns them
     * @throws InvalidArgumentsException {@code image} is null
     * @throws MemoryAccessException     the module has no memory, or it cannot grow to hold the image
     * @throws InstanceStoppedException  the instance was stopped
     */
    public void deserialize(byte[] image) {
        memory.restoreImage(image);
    }

    /**
     * The instance's whole state — every memory and its page count, mutable globals, tables
     * (functions by index) and which segments were dropped — in a versioned, checksummed format that
     * {@link #restore} accepts in a fresh instance of the same module.
     *
     * @return the snapshot's bytes
     * @throws SnapshotException the state holds host references (non-null externref), which have no portable form
     */
    public byte[] snapshot() {
        return locked(() -> Snapshots.capture(engine, module.digest()));
    }

    /**
     * Restores a {@link #snapshot()} taken of an instance of the same module. Restore into an
     * instance that has not run yet, or whose memories, tables and dropped segments have not gone
     * beyond the snapshot's; afterwards it behaves exactly like the instance the snapshot was taken of.
     *
     * @param snapshot bytes from {@link #snapshot()}
     * @throws NullPointerException {@code snapshot} is null
     * @throws SnapshotException the snapshot is corrupt, of another module or version, or cannot be applied here
     */
    public void restore(byte[] snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        locked(() -> {
            Snapshots.restore(engine, module.digest(), snapshot);
            return null;
        });
    }

    /** {@return whether {@link #stop()} was called} */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * Stops the instance: later calls and memory operations fail with {@link InstanceStoppedException},
     * queued asynchronous calls fail likewise, and the instance's memory is released once the call in
     * progress (if any) ends. Calling it again does nothing.
     */
    public void stop() {
        stopped = true;
        if (lock.tryLock()) {
            try {
                releaseIfIdle();
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    // ---- package-private services for LinearMemory and Allocation ----

    /** Runs {@code action} as one step of this instance's FIFO sequence of operations. */
    <T> T locked(Supplier<T> action) {
        if (stopped) throw stoppedError();
        lock.lock();
        try {
            if (stopped || engine == null) throw stoppedError();
            return action.get();
        } finally {
            releaseIfIdle();
            lock.unlock();
        }
    }

    /** Runs {@code action} on memory 0 as one step of the instance's sequence. */
    <T> T withMemory(Function<Memory, T> action) {
        return locked(() -> {
            Memory[] memories = engine.memories();
            if (memories.length == 0) throw new MemoryAccessException("the module has no memory");
            return action.apply(memories[0]);
        });
    }

    /** The host heap when the WAMR option added one, otherwise null. */
    HostHeap hostHeap() {
        return hostHeap;
    }

    /** The signature of the exported function {@code name}, if the module exports one. */
    Optional<Signature> exportedSignature(String name) {
        for (ExportInfo export : module.exports()) {
            if (export.kind() == ExternType.FUNCTION && export.name().equals(name)) return export.signature();
        }
        return Optional.empty();
    }

    // ---- calls ----

    /** A function ready to be called with numbers. */
    private record Target(FunctionInstance function, String name, ValType[] params, ValType[] results, int slots) {
        static Target of(FunctionInstance function, String name) {
            FuncType type = function.type();
            Values.requireNumeric(type, name);
            return new Target(function, name, type.params(), type.results(),
                    Math.max(type.paramCount(), type.resultCount()));
        }
    }

    /**
     * @param timeout      how long the call may run, or null for no deadline
     * @param cancellation a meter whose cancellation cancels this call (an asynchronous call's), or null
     */
    private <S> CallResult<S> invoke(Supplier<Target> resolve, List<? extends Number> args, ImportHandler<S> handler,
                                     S state, Map<String, ?> options, Duration timeout, Meter cancellation) {
        Objects.requireNonNull(handler, "handler");
        Map<String, ?> handlerOptions = options == null ? Map.of() : options;
        return locked(() -> {
            Target target = resolve.get();
            long[] values = Values.encode(target.params, args, target.slots, "arguments of " + target.name);
            CallFrame<S> frame = new CallFrame<>(handler, state, handlerOptions);
            CallFrame<?> outer = currentCall;
            Meter outerMeter = currentMeter;
            Meter meter = new Meter(fuel, timeout, outerMeter != null ? outerMeter : cancellation);
            currentCall = frame;
            currentMeter = meter;
            if (outerMeter == null) outermostMeter = meter;
            Meter previous = Metering.enter(meter);
            try {
                target.function.invoke(null, values, null);
            } catch (WasiExitException exit) {
                // The program as a whole ends: only the outermost call reports the exit.
                if (outer != null) throw exit;
                lastExitCode = exit.exitCode();
                return CallResult.exited(exit.exitCode(), frame.state);
            } catch (RuntimeException | StackOverflowError e) {
                throw frame.failure != null ? frame.failure : asBeamrException(e, target.name);
            } finally {
                Metering.leave(previous);
                currentCall = outer;
                currentMeter = outerMeter;
                if (outerMeter == null) outermostMeter = null;
            }
            if (frame.failure != null) throw frame.failure;
            return new CallResult<>(Values.decode(target.results, values), frame.state);
        });
    }

    private Target exportedFunction(String name) {
        Target cached = exportedFunctions.get(name);
        if (cached != null) return cached;
        Extern export = engine.export(name);
        if (export == null) throw new FunctionNotFoundException("the module exports no function named \"" + name + "\"");
        if (!(export instanceof FunctionInstance function)) {
            throw new FunctionNotFoundException("the export \"" + name + "\" is a "
                    + export.getClass().getSimpleName().toLowerCase() + ", not a function");
        }
        Target target = Target.of(function, name);
        exportedFunctions.put(name, target);
        return target;
    }

    private Target tableFunction(int slot) {
        Table[] tables = engine.tables();
        if (tables.length == 0) throw new FunctionNotFoundException("the module has no table to call slot " + slot + " of");
        Table table = tables[0];
        if (slot < 0 || slot >= table.size()) {
            throw new FunctionNotFoundException("table slot " + slot + " is outside table 0 of " + table.size() + " slots");
        }
        if (!(table.get(slot) instanceof FunctionInstance function)) {
            throw new FunctionNotFoundException("table slot " + slot + " holds no function");
        }
        return Target.of(function, "table slot " + slot);
    }

    private static BeamrException asBeamrException(Throwable failure, String function) {
        return switch (failure) {
            case BeamrException known -> known;
            case WasmExceptionPayload uncaught -> new TrapException(TrapKind.UNCAUGHT_EXCEPTION, function);
            case StackOverflowError overflow -> new TrapException(TrapKind.STACK_EXHAUSTED, function);
            default -> new BeamrException("internal error while running " + function + ": " + failure, failure);
        };
    }

    /** The import handler of one call in progress, and the state it threads. */
    private static final class CallFrame<S> {
        private final ImportHandler<S> handler;
        private final Map<String, ?> options;
        private S state;
        private ImportHandlerException failure;

        CallFrame(ImportHandler<S> handler, S state, Map<String, ?> options) {
            this.handler = handler;
            this.state = state;
            this.options = options;
        }

        long[] answer(ImportCall call, ValType[] resultTypes) {
            String name = call.module() + "." + call.field();
            ImportResult<S> answer;
            try {
                answer = handler.handle(state, call, options);
            } catch (WasiExitException exit) {
                throw exit;
            } catch (RuntimeException e) {
                throw fail("the import handler failed on " + name + ": " + e, e);
            }
            if (answer == null) throw fail("the import handler answered null to " + name, null);
            long[] raw;
            try {
                raw = Values.encode(resultTypes, answer.results(), resultTypes.length,
                        "results for " + name + " " + call.signature().compact());
            } catch (InvalidArgumentsException e) {
                throw fail("the import handler's answer does not fit: " + e.getMessage(), e);
            }
            state = answer.state();
            return raw;
        }

        private ImportHandlerException fail(String message, Throwable cause) {
            failure = new ImportHandlerException(message, cause, state);
            return failure;
        }
    }

    // ---- imports ----

    /** The imports {@code provider} (a WASI or emscripten provider, or null) answers for {@code module}. */
    private static ImportResolver providerResolver(Object provider, WasmModule module) {
        return provider == null ? ImportResolver.NONE : ImportProviders.resolverFor(provider, module);
    }

    private Extern bindImport(WasmModule decoded, InstanceOptions options, InstanceLimits limits, ImportResolver wasi,
                              ImportResolver emscripten, String moduleName, String field) {
        Import declared = decoded.imports().stream()
                .filter(i -> i.module().equals(moduleName) && i.name().equals(field)).findFirst().orElseThrow();
        SuppliedImport supplied = options.suppliedImport(moduleName, field);
        if (supplied != null) return supplied.create(declared, limits);
        if (!(declared.descriptor() instanceof ImportDescriptor.Function f)) {
            ExternType kind = BeamrModule.externType(declared.kind());
            String remedy = kind == ExternType.TAG ? "tags cannot be supplied"
                    : "supply it with InstanceOptions.Builder.import" + kind.name().charAt(0) + kind.name().substring(1).toLowerCase();
            throw new LinkException("unknown import " + moduleName + "." + field + ", a " + kind.name().toLowerCase()
                    + ": " + remedy);
        }
        FuncType type = decoded.types().get(f.typeIndex());
        HostFunction bound = options.hostFunction(moduleName, field);
        if (bound != null) return hostFunction(moduleName, field, type, bound);
        for (ImportResolver provider : List.of(wasi, emscripten)) {
            Extern provided = provider.resolve(moduleName, field);
            if (provided != null) return provided;
        }
        return handlerDispatch(moduleName, field, type);
    }

    private HostFunctionInstance hostFunction(String moduleName, String field, FuncType type, HostFunction body) {
        Signature signature = Values.signature(type);
        ValType[] params = type.params();
        ValType[] results = type.results();
        String name = moduleName + "." + field;
        return new HostFunctionInstance(name, type, (caller, args) -> {
            List<? extends Number> answer = body.call(new ImportCall(this, moduleName, field, Values.decode(params, args), signature));
            try {
                return Values.encode(results, answer, results.length, "results of host function " + name);
            } catch (InvalidArgumentsException e) {
                throw new TrapException(TrapKind.HOST_ERROR, name, e.getMessage(), e);
            }
        });
    }

    /** Routes an import to the handler of the call in progress. */
    private HostFunctionInstance handlerDispatch(String moduleName, String field, FuncType type) {
        Signature signature = Values.signature(type);
        ValType[] params = type.params();
        ValType[] results = type.results();
        String name = moduleName + "." + field;
        return new HostFunctionInstance(name, type, (caller, args) -> {
            CallFrame<?> frame = currentCall;
            if (frame == null) {
                throw new TrapException(TrapKind.HOST_ERROR, name,
                        "the import was called while no call was in progress, so no handler can answer it", null);
            }
            return frame.answer(new ImportCall(this, moduleName, field, Values.decode(params, args), signature), results);
        });
    }

    // ---- asynchronous calls and stopping ----

    private <T> CompletableFuture<T> enqueue(Function<Meter, T> work) {
        CallFuture<T> future = new CallFuture<>();
        asyncCalls.add(() -> {
            if (future.isDone()) return;
            try {
                future.complete(work.apply(future.cancellation));
            } catch (Throwable failure) {
                future.completeExceptionally(failure);
            }
        });
        if (draining.compareAndSet(false, true)) ASYNC_CALLS.execute(this::drainAsyncCalls);
        return future;
    }

    /**
     * An asynchronous call's future: completing it exceptionally (cancelling, or a timeout of
     * {@link CompletableFuture#orTimeout}) before the call ends cancels the call.
     */
    private static final class CallFuture<T> extends CompletableFuture<T> {
        private final Meter cancellation = new Meter(null, null, null);

        @Override
        public boolean completeExceptionally(Throwable failure) {
            boolean completed = super.completeExceptionally(failure);
            if (completed) cancellation.cancel();
            return completed;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) cancellation.cancel();
            return cancelled;
        }
    }

    /** Runs queued calls in order on one virtual thread at a time, until the queue stays empty. */
    private void drainAsyncCalls() {
        do {
            for (Runnable call = asyncCalls.poll(); call != null; call = asyncCalls.poll()) call.run();
            draining.set(false);
        } while (!asyncCalls.isEmpty() && draining.compareAndSet(false, true));
    }

    private static List<? extends Number> snapshotOf(List<? extends Number> args) {
        return args == null ? null : new ArrayList<>(args);
    }

    /** Drops the engine instance once stopped and no call of this thread is still running in it. */
    private void releaseIfIdle() {
        if (stopped && lock.getHoldCount() == 1 && engine != null) {
            engine = null;
            exportedFunctions.clear();
            memory.forgetAllocations();
        }
    }

    private InstanceStoppedException stoppedError() {
        return new InstanceStoppedException("the instance was stopped");
    }
}
