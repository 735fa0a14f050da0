package dev.beamr.engine.model;

import java.util.List;

/**
 * An element segment. Function-index vectors are decoded into {@code ref.func} expressions so that
 * every item is a constant expression.
 *
 * @param tableIndex the table an active segment initializes (0 otherwise)
 * @param offset     the offset expression of an active segment, otherwise null
 */
public record ElementSegment(ValType type, SegmentMode mode, int tableIndex, ConstExpr offset, List<ConstExpr> items) {}
