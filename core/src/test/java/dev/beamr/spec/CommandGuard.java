package dev.beamr.spec;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a script's commands one at a time on a worker thread, so that a command that never finishes
 * (an engine bug) is reported as a failure instead of stalling the run. A Java thread cannot be
 * killed: a timed-out worker is abandoned (it is a daemon, so it cannot keep the JVM alive) and the
 * next command gets a fresh one.
 */
final class CommandGuard implements AutoCloseable {
    /** Deep enough for the engine's own call-depth limit to be reached before the JVM's stack runs out. */
    private static final long WORKER_STACK_BYTES = 256L << 20;

    private final Duration timeout;
    private final String name;
    private ExecutorService worker;
    private int workersStarted;

    CommandGuard(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
        this.worker = newWorker();
    }

    /** The command's outcome, or a failure if it did not finish in time or escaped with an exception. */
    Outcome run(Supplier<Outcome> command) {
        Future<Outcome> pending = worker.submit(command::get);
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return Outcome.failed("did not finish within " + timeout.toSeconds() + " s (abandoned; its thread may still be running)");
        } catch (ExecutionException e) {
            return Outcome.failed("runner error: " + Failures.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted while waiting for the command");
        }
    }

    private ExecutorService newWorker() {
        String threadName = name + " worker " + ++workersStarted;
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(null, task, threadName, WORKER_STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
