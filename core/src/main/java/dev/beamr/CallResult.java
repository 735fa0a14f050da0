package dev.beamr;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a call ended: with the function's results, or with the program exiting through WASI's
 * {@code proc_exit} or emscripten's {@code exit} (which is a way to finish, not a failure).
 *
 * @param results  the function's results, typed per its signature (Integer, Long, Float, Double);
 *                 empty when the program exited, since the function never returned
 * @param state    the state after the last import call (the initial state if none happened)
 * @param exitCode the code the program exited with, or empty when the function returned
 * @param <S>      the type of the state the import handler threads through the call
 */
public record CallResult<S>(List<Number> results, S state, OptionalInt exitCode) {
    /**
     * Checks that an exited call has no results.
     *
     * @throws IllegalArgumentException {@code exitCode} is present and {@code results} is not empty
     */
    public CallResult {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(exitCode, "exitCode");
        if (exitCode.isPresent() && !results.isEmpty()) {
            throw new IllegalArgumentException("a call that exited has no results, got " + results);
        }
    }

    /**
     * A call whose function returned.
     *
     * @param results the function's results
     * @param state   the final state
     */
    public CallResult(List<Number> results, S state) {
        this(results, state, OptionalInt.empty());
    }

    /**
     * A call that ended with the program exiting.
     *
     * @param exitCode the code passed to {@code proc_exit} or {@code exit}
     * @param state    the state after the last import call
     * @param <S>      the state's type
     * @return a result with no values and the exit code
     */
    public static <S> CallResult<S> exited(int exitCode, S state) {
        return new CallResult<>(List.of(), state, OptionalInt.of(exitCode));
    }
}
