package dev.beamr.wasi;

import java.time.Instant;

/** The time a WASI program sees: the host's clocks, or a virtual clock that moves only when the program sleeps. */
sealed interface WasiClock {
    /** Nanoseconds since the Unix epoch. */
    long realtime();

    /** Nanoseconds since an arbitrary fixed point; never decreases. */
    long monotonic();

    /** The granularity reported by {@code clock_res_get}, in nanoseconds. */
    long resolution();

    /** Lets {@code nanos} pass. */
    void sleep(long nanos) throws InterruptedException;

    /** The host's wall clock and {@link System#nanoTime()}. */
    final class Host implements WasiClock {
        private final long origin = System.nanoTime();

        @Override
        public long realtime() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monotonic() {
            return System.nanoTime() - origin;
        }

        @Override
        public long resolution() {
            return 1_000;
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /** Starts at a given instant and advances only by the time the program sleeps, so runs repeat exactly. */
    final class Virtual implements WasiClock {
        private final long epochStart;
        private long elapsed;

        Virtual(long epochStart) {
            this.epochStart = epochStart;
        }

        @Override
        public long realtime() {
            return epochStart + elapsed;
        }

        @Override
        public long monotonic() {
            return elapsed;
        }

        @Override
        public long resolution() {
            return 1;
        }

        @Override
        public void sleep(long nanos) {
            elapsed += nanos;
        }
    }
}
