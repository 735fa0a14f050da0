package dev.beamr;

import java.util.List;

/**
 * The outcome of a call made with an import handler.
 *
 * @param results the function's results, typed per its signature (Integer, Long, Float, Double)
 * @param state   the state after the last import call (the initial state if none happened)
 */
public record CallResult<S>(List<Number> results, S state) {}
