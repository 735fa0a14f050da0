package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.CompiledFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Connects a thread's execution to the {@link Meter} of the call it runs. Code charges fuel to its
 * {@link Machine} (see {@link dev.beamr.engine.ir.Op#FUEL}); a machine holds a grant, and when a
 * charge takes it below zero {@link #refuel} settles what the grant paid for with the meter's
 * account, checks the deadline and cancellation, and hands out the next grant or aborts the call.
 *
 * <p>A machine holds a grant only after asking for one, so the thread remembers which machines it
 * granted fuel to; {@link #enter} and {@link #leave} settle those grants exactly and take them back,
 * so every call starts on the meter it was given and charges end up on the right account, also when a
 * host function calls into the same or another instance. Without a meter (the engine used directly)
 * grants are so large they are practically never renewed.
 */
public final class Metering {
    /** The grant of a thread that runs without a meter. */
    static final long UNMETERED = Long.MAX_VALUE / 2;

    /**
     * The grant under a meter: a call checks its deadline and cancellation every this many
     * instructions, which takes well under a millisecond even in a tight loop, while the check's
     * cost vanishes against the instructions in between.
     */
    static final long GRANT = 10_000;

    private static final ThreadLocal<ThreadAccount> THREADS = ThreadLocal.withInitial(ThreadAccount::new);

    private Metering() {}

    /**
     * Makes {@code meter} (null for none) the one this thread's execution is charged to until
     * {@link #leave}; returns the meter it replaces, which {@code leave} must be given back.
     */
    public static Meter enter(Meter meter) {
        ThreadAccount thread = THREADS.get();
        Meter previous = thread.meter;
        thread.settle();
        thread.meter = meter;
        return previous;
    }

    /** Ends the current meter's use on this thread, settling its charges, and reinstates {@code previous}. */
    public static void leave(Meter previous) {
        ThreadAccount thread = THREADS.get();
        thread.settle();
        thread.meter = previous;
    }

    /**
     * Settles this thread's outstanding grants with the current meter's account, so that the account
     * is exact while the call is suspended (for instance in a host function reading the fuel left).
     */
    public static void settle() {
        THREADS.get().settle();
    }

    /**
     * Aborts the thread's current call when it was cancelled or is past its deadline; long host-side
     * operations (bulk memory) call it between chunks. Does nothing outside a metered call.
     */
    public static void checkpoint() {
        Meter meter = THREADS.get().meter;
        if (meter != null) meter.check(null);
    }

    /** Called when {@code machine.fuel} went negative while running {@code function}; refills it or aborts the call. */
    static void refuel(Machine machine, CompiledFunction function) {
        refuel(machine, function == null ? null : function.name());
    }

    /** Called when {@code machine.fuel} went negative while running the function named {@code name}; refills it or aborts the call. */
    public static void refuel(Machine machine, String name) {
        ThreadAccount thread = THREADS.get();
        long charged = thread.reclaim(machine);
        Meter meter = thread.meter;
        if (meter == null) {
            thread.give(machine, UNMETERED);
            return;
        }
        meter.charge(charged, name);
        meter.check(name);
        thread.give(machine, meter.grant(GRANT));
    }

    /** The machines holding grants on one thread, and the meter those grants are charged to. */
    private static final class ThreadAccount {
        private final List<Machine> holders = new ArrayList<>(2);
        private Meter meter;

        void give(Machine machine, long grant) {
            machine.fuel = grant;
            machine.grant = grant;
            if (!machine.holdsGrant) {
                machine.holdsGrant = true;
                holders.add(machine);
            }
        }

        /** Takes the machine's grant back; returns what it charged against it. */
        long reclaim(Machine machine) {
            long charged = machine.grant - machine.fuel;
            machine.fuel = 0;
            machine.grant = 0;
            return charged;
        }

        void settle() {
            for (Machine machine : holders) {
                long charged = reclaim(machine);
                machine.holdsGrant = false;
                if (meter != null) meter.settle(charged);
            }
            holders.clear();
        }
    }
}
