package dev.beamr.engine.runtime;

/** Something an instance exports and another imports: a function, table, memory, global or tag. */
public sealed interface Extern permits FunctionInstance, Table, Memory, Global, Tag {}
