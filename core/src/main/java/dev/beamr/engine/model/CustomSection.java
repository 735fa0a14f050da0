package dev.beamr.engine.model;

/** A custom section's name and raw contents, with its byte offset in the module. */
public record CustomSection(String name, byte[] data, long offset) {}
