package dev.beamr.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command reads and writes: the process's own, or captured ones in tests.
 *
 * @param interactive whether a person types the input, so that prompts are worth printing
 */
record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.console() != null && System.console().isTerminal());
    }
}
