package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.WasmModule;

import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What translating one function needs to know about the rest of its module. */
final class ModuleShape {
    final CompiledModule module;
    final ClassDesc owner;
    final int importedFunctions;
    /** Type of every function in the module's function index space, imports first. */
    final FuncType[] functionTypes;
    /** Parameter types of every tag in the module's tag index space, imports first. */
    final FuncType[] tagTypes;
    final FuncType[] types;
    /** Whether memory 0 exists and is a memory64. */
    final boolean memory0Is64;
    /** Defined functions that get a JVM method, indexed like {@code module.functions()}. */
    final boolean[] compiled;
    /**
     * Per defined function translated in frame mode, the offsets where its chunks start (the first
     * at 0, ascending); null for a function translated whole.
     */
    final int[][] chunkStarts;
    /** The bytes of bytecode a chunk aims at (see {@link ChunkPlanner}). */
    final int chunkSize;

    ModuleShape(CompiledModule module, ClassDesc owner, boolean[] compiled, int chunkSize) {
        this.module = module;
        this.owner = owner;
        this.compiled = compiled;
        this.chunkStarts = new int[compiled.length][];
        this.chunkSize = chunkSize;
        WasmModule wasm = module.module();
        this.types = wasm.types().toArray(FuncType[]::new);
        List<FuncType> functions = new ArrayList<>();
        List<FuncType> tags = new ArrayList<>();
        MemoryType firstMemory = null;
        for (Import anImport : wasm.imports()) {
            switch (anImport.descriptor()) {
                case ImportDescriptor.Function function -> functions.add(types[function.typeIndex()]);
                case ImportDescriptor.Tag tag -> tags.add(types[tag.typeIndex()]);
                case ImportDescriptor.Memory memory -> {
                    if (firstMemory == null) firstMemory = memory.type();
                }
                default -> { }
            }
        }
        this.importedFunctions = wasm.importedCount(ExternKind.FUNCTION);
        for (CompiledFunction function : module.functions()) functions.add(function.type());
        for (int tag : wasm.tags()) tags.add(types[tag]);
        if (firstMemory == null && !wasm.memories().isEmpty()) firstMemory = wasm.memories().getFirst();
        this.functionTypes = functions.toArray(FuncType[]::new);
        this.tagTypes = tags.toArray(FuncType[]::new);
        this.memory0Is64 = firstMemory != null && firstMemory.is64();
    }

    /** Signatures (by the lowest type index of the structurally equal types) that need a dispatcher for indirect calls. */
    final SortedSet<Integer> dispatchers = new TreeSet<>();

    /**
     * A dispatcher's switch grows by some 25 bytes of bytecode per function; beyond this many the
     * method would approach the size HotSpot no longer compiles, so such signatures get none.
     */
    private static final int MAX_DISPATCHED = 250;

    /**
     * The dispatcher of indirect calls to type {@code typeIndex}, recorded so that the class gets one,
     * or -1 when the signature has too many compiled functions for one.
     */
    int dispatcherFor(int typeIndex) {
        FuncType type = types[typeIndex];
        int targets = 0;
        for (int defined = 0; defined < compiled.length; defined++) {
            if (compiled[defined] && functionTypes[importedFunctions + defined].equals(type)) targets++;
        }
        if (targets > MAX_DISPATCHED) return -1;
        int canonical = 0;
        while (!types[canonical].equals(type)) canonical++;
        dispatchers.add(canonical);
        return canonical;
    }

    /** Whether function {@code index} (of the function index space) has a JVM method in this class. */
    boolean isCompiled(int index) {
        int defined = index - importedFunctions;
        return defined >= 0 && compiled[defined];
    }
}
