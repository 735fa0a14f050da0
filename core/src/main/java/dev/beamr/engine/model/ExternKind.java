package dev.beamr.engine.model;

/** The kinds of definitions a module imports and exports, with their binary encoding. */
public enum ExternKind {
    FUNCTION, TABLE, MEMORY, GLOBAL, TAG;

    /** The binary encoding: 0 function, 1 table, 2 memory, 3 global, 4 tag. */
    public int code() {
        return ordinal();
    }
}
