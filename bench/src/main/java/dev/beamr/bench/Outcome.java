package dev.beamr.bench;

/** How one engine did on one kernel: its best time and result, or why it has none. */
sealed interface Outcome {
    record Timed(double bestMillis, long resultBits) implements Outcome {}

    record Failed(String reason) implements Outcome {}
}
