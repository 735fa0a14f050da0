package dev.beamr;

import java.util.Optional;

/**
 * One export of a module.
 *
 * @param name      the export's name
 * @param kind      what is exported
 * @param signature the function's (or exception tag's) signature; empty for tables, memories and globals
 */
public record ExportInfo(String name, ExternType kind, Optional<Signature> signature) {}
