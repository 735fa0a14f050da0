package dev.beamr;

/** The kinds of definitions a module imports and exports. */
public enum ExternType {
    /** A function. */
    FUNCTION,
    /** A table of references. */
    TABLE,
    /** A linear memory. */
    MEMORY,
    /** A global variable. */
    GLOBAL,
    /** An exception tag. */
    TAG
}
