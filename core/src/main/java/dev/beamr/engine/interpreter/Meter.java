package dev.beamr.engine.interpreter;

import dev.beamr.CallAbortedException;
import dev.beamr.CallAbortedException.Reason;

import java.time.Duration;

/**
 * The limits one call runs under: the {@link Fuel} account it draws on (if any), its deadline (if
 * any), and whether it was cancelled. A meter nested in another (a call made while that one runs)
 * also stops when the enclosing one is cancelled or reaches its deadline. Install one around a call
 * with {@link Metering#enter}.
 */
public final class Meter {
    private final Fuel fuel;
    private final long deadline;
    private final boolean hasDeadline;
    private final Meter enclosing;
    private volatile boolean cancelled;

    /**
     * @param fuel      the account to charge, or null for no fuel limit
     * @param timeout   how long the call may run from now, or null for no deadline
     * @param enclosing the meter this call runs within, or null
     */
    public Meter(Fuel fuel, Duration timeout, Meter enclosing) {
        this.fuel = fuel;
        this.enclosing = enclosing;
        this.hasDeadline = timeout != null;
        this.deadline = timeout == null ? 0 : System.nanoTime() + saturatedNanos(timeout);
    }

    /** Makes the call stop at its next check: within one grant of instructions or one bulk-memory chunk. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || enclosing != null && enclosing.isCancelled();
    }

    /** Charges {@code instructions} to the account; aborts the call when they were more than it held. */
    void charge(long instructions, String function) {
        if (fuel != null && !fuel.take(instructions)) {
            throw new CallAbortedException(Reason.FUEL_EXHAUSTED, function);
        }
    }

    /** Records charges found after the call ended, when it is too late to trap. */
    void settle(long instructions) {
        if (fuel != null) fuel.take(instructions);
    }

    /** Fuel the thread may use before asking again. */
    long grant(long limit) {
        return fuel == null ? limit : fuel.grant(limit);
    }

    /** Aborts the call when this call or an enclosing one was cancelled or is past its deadline. */
    void check(String function) {
        long now = System.nanoTime();
        for (Meter meter = this; meter != null; meter = meter.enclosing) {
            if (meter.cancelled) throw new CallAbortedException(Reason.CANCELLED, function);
            if (meter.hasDeadline && now - meter.deadline >= 0) throw new CallAbortedException(Reason.DEADLINE_EXCEEDED, function);
        }
    }

    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }
}
