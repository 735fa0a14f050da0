package dev.beamr.engine.runtime;

/** Supplies the values a module imports, by module and field name; null when there is none. */
@FunctionalInterface
public interface ImportResolver {
    Extern resolve(String module, String name);

    ImportResolver NONE = (module, name) -> null;
}
