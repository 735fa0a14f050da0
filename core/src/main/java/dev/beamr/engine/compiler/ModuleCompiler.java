package dev.beamr.engine.compiler;

import dev.beamr.engine.interpreter.Machine;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.runtime.Instance;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Compiles a validated module's functions to JVM bytecode (the {@code aot} execution mode): one
 * hidden class per module, built with {@code java.lang.classfile} from the same intermediate form the
 * interpreter runs, and unloaded with the module. A function that needs more than a JVM method's
 * locals, or translates to more bytecode than HotSpot's JIT compiles ({@value #LARGEST_METHOD}
 * bytes), is split into several methods ({@link ChunkPlanner}). A function stays interpreted when
 * the JVM could not run it well: it makes tail calls, or a single instruction of it is too large
 * for a method.
 */
public final class ModuleCompiler {
    private ModuleCompiler() {}

    /** HotSpot leaves methods above this many bytes of bytecode to its interpreter (HugeMethodLimit). */
    static final int LARGEST_METHOD = 8000;
    private static final int MAX_LOCALS = 65_535;
    /**
     * A class holds at most 65,535 methods and constants; functions past this many (two methods
     * each, plus their names and constants) stay interpreted, which also bounds the time and
     * memory spent on modules with huge numbers of functions.
     */
    private static final int MAX_FUNCTIONS = 8_000;
    private static final System.Logger LOG = System.getLogger(ModuleCompiler.class.getName());

    private static final ClassDesc OWNER = ClassDesc.of(ModuleCompiler.class.getPackageName(), "CompiledModuleCode");
    private static final MethodTypeDesc ENTRY = MethodTypeDesc.of(CD_void, JvmTypes.MACHINE, JvmTypes.INSTANCE,
            JvmTypes.LONG_ARRAY, JvmTypes.OBJECT_ARRAY);
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(ModuleCompiler.class.getClassLoader()))));

    /**
     * Compiles every function of {@code module} that the JVM can run well. Should the JVM refuse
     * the generated class (a class too large for its format, say), the module is interpreted
     * instead, with a warning, and {@link CompiledCode#failure()} says why.
     */
    public static CompiledCode compile(CompiledModule module) {
        return compile(module, ChunkPlanner.CHUNK_SIZE, false);
    }

    /**
     * Compiles every function that can be compiled in frame mode, in chunks aiming at
     * {@code chunkSize} bytes of bytecode (1 for a chunk per instruction), so that tests can run
     * small functions with every branch leaving its chunk.
     */
    static CompiledCode compileInChunks(CompiledModule module, int chunkSize) {
        return compile(module, chunkSize, true);
    }

    private static CompiledCode compile(CompiledModule module, int chunkSize, boolean chunkEverything) {
        try {
            return compileClass(module, chunkSize, chunkEverything);
        } catch (LinkageError | IllegalArgumentException | IllegalStateException refused) {
            LOG.log(System.Logger.Level.WARNING, "the module's code could not be compiled; it will be interpreted", refused);
            return CompiledCode.interpreted(module.functions(), module.module().importedFunctionCount(), refused);
        }
    }

    private static CompiledCode compileClass(CompiledModule module, int chunkSize, boolean chunkEverything) {
        CompiledFunction[] functions = module.functions();
        boolean[] compiled = new boolean[functions.length];
        ModuleShape shape = new ModuleShape(module, OWNER, compiled, chunkSize);
        for (int i = 0; i < Math.min(functions.length, MAX_FUNCTIONS); i++) {
            if (!FunctionTranslator.translatable(functions[i])) continue;
            if (!chunkEverything && FunctionTranslator.localsNeeded(shape, i) <= MAX_LOCALS
                    && (functions[i].code().length < SURELY_SMALL || fitsOneMethod(shape, i))) {
                compiled[i] = true;
            } else {
                shape.chunkStarts[i] = ChunkPlanner.plan(shape, i);
                compiled[i] = shape.chunkStarts[i] != null;
            }
        }
        // Dropping a function changes how others call it, so sizes are checked again until none is split or dropped.
        for (;;) {
            byte[] bytes;
            try {
                bytes = build(shape);
            } catch (IllegalArgumentException classTooLarge) {
                // The class file's tables (constants, methods) overflowed: compile the first half only.
                if (!dropSecondHalf(shape)) throw classTooLarge;
                continue;
            }
            if (!splitOrDropOversized(bytes, shape)) return define(bytes, shape);
        }
    }

    /** Unmarks the later half of the compiled functions; returns false when there was at most one. */
    private static boolean dropSecondHalf(ModuleShape shape) {
        int count = 0;
        for (boolean compiled : shape.compiled) if (compiled) count++;
        if (count <= 1) return false;
        int kept = 0;
        for (int i = 0; i < shape.compiled.length; i++) {
            if (shape.compiled[i] && ++kept > count / 2) shape.compiled[i] = false;
        }
        return true;
    }

    /** Bodies shorter than this many ints of intermediate form translate well below {@link #LARGEST_METHOD}. */
    private static final int SURELY_SMALL = 800;

    /**
     * Translates one large function on its own to see whether its method stays within
     * {@link #LARGEST_METHOD}; beyond the JVM's 64 KiB limit the translation itself fails.
     */
    private static boolean fitsOneMethod(ModuleShape shape, int defined) {
        int index = shape.importedFunctions + defined;
        return methodSize(shape, FunctionTranslator.methodName(index), FunctionTranslator.methodType(shape.functionTypes[index]),
                body -> FunctionTranslator.translate(shape, defined, body)) <= LARGEST_METHOD;
    }

    /**
     * The bytes of bytecode of a method built alone in a class of its own, or {@link Integer#MAX_VALUE}
     * beyond the JVM's 64 KiB limit, where building it fails. In the module's class the method may
     * grow a little: its constants then need wider indices.
     */
    static int methodSize(ModuleShape shape, String name, MethodTypeDesc type, Consumer<CodeBuilder> body) {
        try {
            byte[] bytes = CLASS_FILE.build(shape.owner, built -> built.withMethodBody(name, type,
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, body));
            return codeLength(ClassFile.of().parse(bytes).methods().getFirst());
        } catch (IllegalArgumentException tooLarge) {
            return Integer.MAX_VALUE;
        }
    }

    private static int codeLength(MethodModel method) {
        return method.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
    }

    private static byte[] build(ModuleShape shape) {
        return CLASS_FILE.build(shape.owner, type -> {
            type.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            for (int i = 0; i < shape.compiled.length; i++) {
                if (!shape.compiled[i]) continue;
                int defined = i;
                int index = shape.importedFunctions + i;
                FuncType signature = shape.functionTypes[index];
                int[] chunkStarts = shape.chunkStarts[i];
                if (chunkStarts == null) {
                    type.withMethodBody(FunctionTranslator.methodName(index), FunctionTranslator.methodType(signature),
                            ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, body -> FunctionTranslator.translate(shape, defined, body));
                } else {
                    type.withMethodBody(FunctionTranslator.methodName(index), FunctionTranslator.methodType(signature),
                            ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                            body -> FunctionTranslator.translateDriver(shape, defined, chunkStarts, body));
                    int end = shape.module.functions()[i].code().length;
                    for (int k = 0; k < chunkStarts.length; k++) {
                        int start = chunkStarts[k];
                        int chunkEnd = k + 1 < chunkStarts.length ? chunkStarts[k + 1] : end;
                        type.withMethodBody(FunctionTranslator.chunkName(index, k), FunctionTranslator.CHUNK_TYPE,
                                ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                                body -> FunctionTranslator.translateChunk(shape, defined, start, chunkEnd, body));
                    }
                }
                type.withMethodBody(entryName(index), ENTRY, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                        body -> entry(body, shape, index, signature));
            }
            // Translating the functions recorded which signatures their indirect calls need.
            for (int signature : shape.dispatchers) {
                FuncType dispatched = shape.types[signature];
                type.withMethodBody(FunctionTranslator.dispatcherName(signature), FunctionTranslator.dispatcherType(dispatched),
                        ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, body -> FunctionTranslator.dispatcher(shape, dispatched, body));
            }
        });
    }

    private static String entryName(int index) {
        return "entry" + index;
    }

    /**
     * Splits into chunks the functions translated whole whose methods came out too large, and
     * unmarks those already in chunks; returns whether there were any.
     */
    private static boolean splitOrDropOversized(byte[] bytes, ModuleShape shape) {
        ClassModel model = ClassFile.of().parse(bytes);
        SortedSet<Integer> oversized = new TreeSet<>();
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            // A function's method is f<index>; its chunks in frame mode are c<index>_<chunk>.
            String index = name.startsWith("f") ? name.substring(1)
                    : name.startsWith("c") ? name.substring(1, name.indexOf('_')) : null;
            if (index != null && codeLength(method) > LARGEST_METHOD) oversized.add(Integer.parseInt(index) - shape.importedFunctions);
        }
        for (int defined : oversized) {
            shape.chunkStarts[defined] = shape.chunkStarts[defined] == null ? ChunkPlanner.plan(shape, defined) : null;
            shape.compiled[defined] = shape.chunkStarts[defined] != null;
        }
        return !oversized.isEmpty();
    }

    /** An entry from the boundary convention: arguments from {@code values}/{@code refs}, results back into them. */
    private static void entry(CodeBuilder b, ModuleShape shape, int index, FuncType type) {
        b.aload(0).aload(1);
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) b.aload(3).ldc(i).aaload();
            else b.aload(2).ldc(i).laload();
        }
        b.invokestatic(shape.owner, FunctionTranslator.methodName(index), FunctionTranslator.methodType(type));
        switch (type.resultCount()) {
            case 0 -> { }
            case 1 -> {
                if (type.result(0).isReference()) b.astore(4).aload(3).iconst_0().aload(4).aastore();
                else b.lstore(4).aload(2).iconst_0().lload(4).lastore();
            }
            default -> b.aload(0).aload(2).aload(3).ldc(type.resultCount())
                    .invokestatic(JvmTypes.OPS, "copyResults", MethodTypeDesc.of(CD_void, JvmTypes.MACHINE,
                            JvmTypes.LONG_ARRAY, JvmTypes.OBJECT_ARRAY, CD_int));
        }
        b.return_();
    }

    private static CompiledCode define(byte[] bytes, ModuleShape shape) {
        MethodHandle[] entries = new MethodHandle[shape.compiled.length];
        if (!anyCompiled(shape)) return new CompiledCode(shape.module.functions(), shape.importedFunctions, entries, null);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            MethodType entryType = MethodType.methodType(void.class, Machine.class, Instance.class, long[].class, Object[].class);
            for (int i = 0; i < entries.length; i++) {
                if (shape.compiled[i]) {
                    entries[i] = lookup.findStatic(lookup.lookupClass(), entryName(shape.importedFunctions + i), entryType);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("compiled module code could not be linked", e);
        }
        return new CompiledCode(shape.module.functions(), shape.importedFunctions, entries, null);
    }

    private static boolean anyCompiled(ModuleShape shape) {
        for (boolean compiled : shape.compiled) {
            if (compiled) return true;
        }
        return false;
    }
}
