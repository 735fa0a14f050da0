package dev.beamr.engine.model;

/**
 * A data segment.
 *
 * @param memoryIndex the memory an active segment initializes (0 otherwise)
 * @param offset      the offset expression of an active segment, otherwise null
 */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offset, byte[] bytes) {}
