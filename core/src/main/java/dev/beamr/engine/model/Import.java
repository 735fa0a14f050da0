package dev.beamr.engine.model;

/** One entry of the import section. */
public record Import(String module, String name, ImportDescriptor descriptor) {
    public ExternKind kind() {
        return descriptor.kind();
    }
}
