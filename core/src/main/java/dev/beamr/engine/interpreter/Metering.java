package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.CompiledFunction;

/**
 * Decides what happens when a thread's fuel grant runs out. Without limits the grant is simply
 * renewed: the large grant means that happens rarely, and never changes behaviour.
 */
final class Metering {
    /** The grant of a thread that runs without fuel, deadline or interruption. */
    static final long UNMETERED = Long.MAX_VALUE / 2;

    private Metering() {}

    /** Called when {@code machine.fuel} went negative while running {@code function}; refills it or traps. */
    static void refuel(Machine machine, CompiledFunction function) {
        machine.fuel = UNMETERED;
    }
}
