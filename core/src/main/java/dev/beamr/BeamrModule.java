package dev.beamr;

import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.compiler.CompiledCode;
import dev.beamr.engine.compiler.CompiledExecution;
import dev.beamr.engine.compiler.ModuleCompiler;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.model.Export;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.ExecutionEngine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded and validated module, ready to {@link #start} any number of instances. Obtain one
 * with {@link Beamr#compile}. Immutable and safe to share between threads.
 */
public final class BeamrModule {
    private final CompiledModule compiled;
    private final Mode mode;
    /** The module's code compiled to JVM bytecode in aot mode; null in wasm mode. */
    private final CompiledCode code;
    /** Runs {@link #code} for instances with the default call depth limit; shared so they share its per-thread state. */
    private final CompiledExecution defaultExecution;
    private final byte[] digest;
    private final List<ImportInfo> imports;
    private final List<ExportInfo> exports;
    /** The module with WAMR's host heap page added to memory 0, or null when the heap does not apply. */
    private final CompiledModule withHostHeap;

    private BeamrModule(CompiledModule compiled, Mode mode, byte[] digest) {
        this.compiled = compiled;
        this.mode = mode;
        this.code = mode == Mode.AOT ? ModuleCompiler.compile(compiled) : null;
        this.defaultExecution = code == null ? null : new CompiledExecution(code, Interpreter.INSTANCE);
        this.digest = digest;
        WasmModule module = compiled.module();
        this.imports = describeImports(module);
        this.exports = describeExports(module);
        this.withHostHeap = needsHostHeap(module) ? withExtraPage(compiled) : null;
    }

    static BeamrModule compile(byte[] bytes, Mode mode) {
        CompiledModule compiled = dev.beamr.engine.Engine.compile(bytes);
        return new BeamrModule(compiled, mode, sha256(bytes));
    }

    /** How instances with a call depth limit of {@code maxCallDepth} run this module's code. */
    ExecutionEngine executor(int maxCallDepth) {
        Interpreter interpreter = maxCallDepth == Interpreter.DEFAULT_MAX_CALL_DEPTH
                ? Interpreter.INSTANCE : new Interpreter(maxCallDepth, Interpreter.DEFAULT_MAX_SLOTS);
        if (mode == Mode.WASM) return interpreter;
        if (maxCallDepth == Interpreter.DEFAULT_MAX_CALL_DEPTH) return defaultExecution;
        return new CompiledExecution(code, interpreter);
    }

    /** {@return the mode instances of this module run in} */
    public Mode mode() {
        return mode;
    }

    /** {@return the module's imports, in order} */
    public List<ImportInfo> imports() {
        return imports;
    }

    /** {@return the module's exports, in order} */
    public List<ExportInfo> exports() {
        return exports;
    }

    /** {@return a new instance, started with {@link InstanceOptions#defaults()}} */
    public WasmInstance start() {
        return start(InstanceOptions.defaults());
    }

    /**
     * Starts an instance: links its imports (host functions, memories, tables and globals from
     * {@code options}, other functions to the handler of the call in progress), initializes its
     * memories, tables and globals, and runs its start function.
     *
     * @param options the host functions, supplied imports and limits of the instance
     * @return the running instance
     * @throws LinkException a memory, table, global or tag import is not supplied, or what is supplied
     *                       does not fit the import's type
     * @throws TrapException a segment does not fit, the start function traps, or a memory or table
     *                       needs more than the limits allow
     */
    public WasmInstance start(InstanceOptions options) {
        return new WasmInstance(this, options);
    }

    CompiledModule compiled() {
        return compiled;
    }

    /** What an instance started with {@code options} runs: the module, or its host-heap variant. */
    CompiledModule compiledFor(InstanceOptions options) {
        return options.wamrHostHeap() && withHostHeap != null ? withHostHeap : compiled;
    }

    /** Where the host heap starts in memory 0 of an instance of {@link #compiledFor}: the module's own size. */
    long hostHeapOffset() {
        return compiled.module().memories().getFirst().limits().min() * MemoryType.PAGE_SIZE;
    }

    /** SHA-256 of the module's bytes, identifying it in snapshots. */
    byte[] digest() {
        return digest.clone();
    }

    private static boolean needsHostHeap(WasmModule module) {
        boolean definesMemoryZero = module.importedCount(ExternKind.MEMORY) == 0 && !module.memories().isEmpty();
        return definesMemoryZero && !(exportsFunction(module, "malloc") && exportsFunction(module, "free"));
    }

    private static boolean exportsFunction(WasmModule module, String name) {
        return module.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNCTION && e.name().equals(name));
    }

    /** WAMR appends its host heap after the module's initial memory, raising the maximum to match. */
    private static CompiledModule withExtraPage(CompiledModule compiled) {
        WasmModule m = compiled.module();
        List<MemoryType> memories = new ArrayList<>(m.memories());
        MemoryType first = memories.getFirst();
        Limits limits = first.limits();
        memories.set(0, new MemoryType(new Limits(limits.min() + 1, limits.hasMax() ? limits.max() + 1 : -1),
                first.is64(), first.shared()));
        WasmModule widened = new WasmModule(m.types(), m.imports(), m.functionTypes(), m.tables(), memories,
                m.globals(), m.tags(), m.exports(), m.startFunction(), m.elements(), m.dataCount(), m.codes(),
                m.datas(), m.customSections(), m.names());
        return new CompiledModule(widened, compiled.functions());
    }

    private static List<ImportInfo> describeImports(WasmModule module) {
        List<ImportInfo> out = new ArrayList<>(module.imports().size());
        for (Import i : module.imports()) {
            Optional<Signature> signature = switch (i.descriptor()) {
                case ImportDescriptor.Function f -> Values.optionalSignature(module.types().get(f.typeIndex()));
                case ImportDescriptor.Tag t -> Values.optionalSignature(module.types().get(t.typeIndex()));
                default -> Optional.empty();
            };
            out.add(new ImportInfo(i.module(), i.name(), externType(i.kind()), signature));
        }
        return List.copyOf(out);
    }

    private static List<ExportInfo> describeExports(WasmModule module) {
        List<FuncType> functionTypes = functionTypes(module);
        List<FuncType> tagTypes = tagTypes(module);
        List<ExportInfo> out = new ArrayList<>(module.exports().size());
        for (Export e : module.exports()) {
            Optional<Signature> signature = switch (e.kind()) {
                case FUNCTION -> Values.optionalSignature(functionTypes.get(e.index()));
                case TAG -> Values.optionalSignature(tagTypes.get(e.index()));
                default -> Optional.empty();
            };
            out.add(new ExportInfo(e.name(), externType(e.kind()), signature));
        }
        return List.copyOf(out);
    }

    private static List<FuncType> functionTypes(WasmModule module) {
        List<FuncType> out = new ArrayList<>();
        for (Import i : module.imports()) {
            if (i.descriptor() instanceof ImportDescriptor.Function f) out.add(module.types().get(f.typeIndex()));
        }
        for (int typeIndex : module.functionTypes()) out.add(module.types().get(typeIndex));
        return out;
    }

    private static List<FuncType> tagTypes(WasmModule module) {
        List<FuncType> out = new ArrayList<>();
        for (Import i : module.imports()) {
            if (i.descriptor() instanceof ImportDescriptor.Tag t) out.add(module.types().get(t.typeIndex()));
        }
        for (int typeIndex : module.tags()) out.add(module.types().get(typeIndex));
        return out;
    }

    static ExternType externType(ExternKind kind) {
        return switch (kind) {
            case FUNCTION -> ExternType.FUNCTION;
            case TABLE -> ExternType.TABLE;
            case MEMORY -> ExternType.MEMORY;
            case GLOBAL -> ExternType.GLOBAL;
            case TAG -> ExternType.TAG;
        };
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
