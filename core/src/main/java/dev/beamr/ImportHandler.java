package dev.beamr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers the imports a call makes that no {@link HostFunction} of the instance covers, threading
 * a state through the call: each answer's state is the next call's input, and the last one comes
 * back in the {@link CallResult}. A handler may call back into {@link ImportCall#instance()}.
 *
 * <p>If it throws or answers with values that do not fit the import's signature, the whole call
 * ends with an {@link ImportHandlerException} carrying the cause and the last good state.
 *
 * @param <S> the state's type
 */
@FunctionalInterface
public interface ImportHandler<S> {
    /**
     * Answers one import call.
     *
     * @param state   the current state
     * @param call    the import being called
     * @param options the options given to the call, passed through unchanged
     * @return the import's results and the state to thread on
     */
    ImportResult<S> handle(S state, ImportCall call, Map<String, ?> options);

    /**
     * The default handler: answers 0 for every result (so {@code [0]} for the usual one-result
     * import) and leaves the state unchanged.
     *
     * @param <S> the state's type
     * @return the stub handler
     */
    static <S> ImportHandler<S> stub() {
        return (state, call, options) -> {
            List<Number> zeros = new ArrayList<>(call.signature().results().size());
            for (ValueType type : call.signature().results()) zeros.add(Values.zero(type));
            return new ImportResult<>(zeros, state);
        };
    }
}
