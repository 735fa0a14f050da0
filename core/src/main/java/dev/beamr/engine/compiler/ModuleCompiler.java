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

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Compiles a validated module's functions to JVM bytecode (the {@code aot} execution mode): one
 * hidden class per module, built with {@code java.lang.classfile} from the same intermediate form the
 * interpreter runs, and unloaded with the module. A function stays interpreted when the JVM could
 * not run it well: it makes tail calls, needs more than a JVM method's locals, or translates to
 * more bytecode than HotSpot's JIT compiles ({@value #LARGEST_METHOD} bytes).
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
        try {
            return compileClass(module);
        } catch (LinkageError | IllegalArgumentException | IllegalStateException refused) {
            LOG.log(System.Logger.Level.WARNING, "the module's code could not be compiled; it will be interpreted", refused);
            return CompiledCode.interpreted(module.functions(), module.module().importedFunctionCount(), refused);
        }
    }

    private static CompiledCode compileClass(CompiledModule module) {
        CompiledFunction[] functions = module.functions();
        boolean[] compiled = new boolean[functions.length];
        ModuleShape shape = new ModuleShape(module, OWNER, compiled);
        for (int i = 0; i < Math.min(functions.length, MAX_FUNCTIONS); i++) {
            compiled[i] = FunctionTranslator.translatable(functions[i]) && FunctionTranslator.localsNeeded(shape, i) <= MAX_LOCALS
                    && (functions[i].code().length < SURELY_SMALL || fitsOneMethod(shape, i));
        }
        // Dropping a function changes how others call it, so sizes are checked again until none is dropped.
        for (;;) {
            byte[] bytes;
            try {
                bytes = build(shape);
            } catch (IllegalArgumentException classTooLarge) {
                // The class file's tables (constants, methods) overflowed: compile the first half only.
                if (!dropSecondHalf(shape)) throw classTooLarge;
                continue;
            }
            if (!dropOversized(bytes, shape)) return define(bytes, shape);
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
        try {
            byte[] bytes = CLASS_FILE.build(shape.owner, type -> type.withMethodBody(FunctionTranslator.methodName(index),
                    FunctionTranslator.methodType(shape.functionTypes[index]), ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    body -> FunctionTranslator.translate(shape, defined, body)));
            return codeLength(ClassFile.of().parse(bytes).methods().getFirst()) <= LARGEST_METHOD;
        } catch (IllegalArgumentException tooLarge) {
            return false;
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
                type.withMethodBody(FunctionTranslator.methodName(index), FunctionTranslator.methodType(signature),
                        ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, body -> FunctionTranslator.translate(shape, defined, body));
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

    /** Unmarks the functions whose methods came out too large; returns whether there were any. */
    private static boolean dropOversized(byte[] bytes, ModuleShape shape) {
        ClassModel model = ClassFile.of().parse(bytes);
        boolean dropped = false;
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if (!name.startsWith("f")) continue;
            if (codeLength(method) > LARGEST_METHOD) {
                shape.compiled[Integer.parseInt(name.substring(1)) - shape.importedFunctions] = false;
                dropped = true;
            }
        }
        return dropped;
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
