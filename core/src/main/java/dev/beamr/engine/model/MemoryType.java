package dev.beamr.engine.model;

/** A linear memory's type: page limits, whether it is 64-bit indexed (memory64) and shared. */
public record MemoryType(Limits limits, boolean is64, boolean shared) {
    public static final long PAGE_SIZE = 65536;
}
