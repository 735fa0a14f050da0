package dev.beamr.engine.model;

/** What an import expects to receive. */
public sealed interface ImportDescriptor {
    ExternKind kind();

    record Function(int typeIndex) implements ImportDescriptor {
        public ExternKind kind() { return ExternKind.FUNCTION; }
    }

    record Table(TableType type) implements ImportDescriptor {
        public ExternKind kind() { return ExternKind.TABLE; }
    }

    record Memory(MemoryType type) implements ImportDescriptor {
        public ExternKind kind() { return ExternKind.MEMORY; }
    }

    record Global(GlobalType type) implements ImportDescriptor {
        public ExternKind kind() { return ExternKind.GLOBAL; }
    }

    /** An exception tag; its type index names a function type with no results. */
    record Tag(int typeIndex) implements ImportDescriptor {
        public ExternKind kind() { return ExternKind.TAG; }
    }
}
