package dev.beamr;

/** The kinds of definitions a module imports and exports. */
public enum ExternType {
    FUNCTION, TABLE, MEMORY, GLOBAL, TAG
}
