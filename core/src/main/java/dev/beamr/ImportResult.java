package dev.beamr;

import java.util.List;

/**
 * What an {@link ImportHandler} answers: the import's results and the state to thread on.
 *
 * @param results one number per result of the import's signature
 * @param state   the state the next import call (or the caller, at the end) receives
 * @param <S>     the state's type
 */
public record ImportResult<S>(List<? extends Number> results, S state) {}
