package dev.beamr.engine.ir;

import dev.beamr.engine.model.WasmModule;

/**
 * A validated module ready to be instantiated any number of times.
 *
 * @param module    the decoded module
 * @param functions executable form of each function the module defines (imports not included),
 *                  so {@code functions[i]} is function index {@code module.importedFunctionCount() + i}
 */
public record CompiledModule(WasmModule module, CompiledFunction[] functions) {}
