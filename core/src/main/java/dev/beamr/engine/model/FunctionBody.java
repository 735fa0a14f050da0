package dev.beamr.engine.model;

/**
 * A function's code as it stands in the module: its declared locals (expanded, parameters not
 * included) and the range of the module's bytes holding its instructions, up to and including the
 * final {@code end}. Instructions are decoded by validation, which reads them once.
 */
public record FunctionBody(ValType[] locals, byte[] source, int codeStart, int codeEnd) {}
