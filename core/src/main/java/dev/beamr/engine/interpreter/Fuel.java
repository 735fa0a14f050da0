package dev.beamr.engine.interpreter;

/**
 * An instance's fuel account: how many more WebAssembly instructions its calls may execute. Calls
 * draw on it in grants (see {@link Metering}); other threads may read and top it up at any time.
 */
public final class Fuel {
    private long remaining;

    /** @param initial the starting budget, in instructions */
    public Fuel(long initial) {
        requireNotNegative(initial, "initial fuel");
        this.remaining = initial;
    }

    /** Instructions still allowed, not counting the unsettled part of a grant held by a running call. */
    public synchronized long remaining() {
        return remaining;
    }

    /** Adds {@code amount} instructions to the budget (saturating at {@link Long#MAX_VALUE}). */
    public synchronized void add(long amount) {
        requireNotNegative(amount, "added fuel");
        long sum = remaining + amount;
        remaining = sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The next grant: at most {@code limit} instructions, never more than remain. */
    synchronized long grant(long limit) {
        return Math.min(remaining, limit);
    }

    /**
     * Takes {@code instructions} that were charged from the account; when they exceed what remains the
     * account ends empty and this answers false.
     */
    synchronized boolean take(long instructions) {
        if (instructions > remaining) {
            remaining = 0;
            return false;
        }
        remaining -= instructions;
        return true;
    }

    private static void requireNotNegative(long amount, String what) {
        if (amount < 0) throw new IllegalArgumentException(what + " must not be negative: " + amount);
    }
}
