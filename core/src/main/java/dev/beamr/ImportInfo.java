package dev.beamr;

import java.util.Optional;

/**
 * One import of a module.
 *
 * @param module    the module name it is imported from
 * @param name      the field name
 * @param kind      what is imported
 * @param signature the function's (or exception tag's) signature; empty for tables, memories and globals
 */
public record ImportInfo(String module, String name, ExternType kind, Optional<Signature> signature) {}
