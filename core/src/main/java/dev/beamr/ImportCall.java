package dev.beamr;

import java.util.List;

/**
 * A call the WebAssembly code makes to one of its imports.
 *
 * @param instance  the instance making the call; handlers may call back into it on the same thread
 * @param module    the import's module name
 * @param field     the import's field name
 * @param arguments the arguments, typed per the signature (Integer, Long, Float, Double)
 * @param signature the import's signature
 */
public record ImportCall(WasmInstance instance, String module, String field, List<Number> arguments, Signature signature) {}
