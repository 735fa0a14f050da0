package dev.beamr.engine.model;

/** How an element or data segment is used: copied at instantiation (active), on demand (passive), or only declared. */
public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }
