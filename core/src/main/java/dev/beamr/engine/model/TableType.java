package dev.beamr.engine.model;

/** A table's element reference type and size limits. */
public record TableType(ValType elementType, Limits limits) {}
