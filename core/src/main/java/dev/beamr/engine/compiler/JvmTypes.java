package dev.beamr.engine.compiler;

import dev.beamr.TrapException;
import dev.beamr.engine.interpreter.Machine;
import dev.beamr.engine.interpreter.Metering;
import dev.beamr.engine.interpreter.Semantics;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.lang.constant.ClassDesc;
import java.lang.foreign.MemorySegment;

/** Descriptors of the classes compiled code refers to. */
final class JvmTypes {
    private JvmTypes() {}

    static final ClassDesc MACHINE = describe(Machine.class);
    static final ClassDesc INSTANCE = describe(Instance.class);
    static final ClassDesc OPS = describe(CompiledOps.class);
    static final ClassDesc METERING = describe(Metering.class);
    static final ClassDesc SEMANTICS = describe(Semantics.class);
    static final ClassDesc MEMORY_SEGMENT = describe(MemorySegment.class);
    static final ClassDesc WASM_EXCEPTION = describe(WasmExceptionPayload.class);
    static final ClassDesc FUNCTION_INSTANCE = describe(FunctionInstance.class);
    static final ClassDesc TRAP = describe(TrapException.class);
    static final ClassDesc INDEX_OUT_OF_BOUNDS = describe(IndexOutOfBoundsException.class);
    static final ClassDesc ARRAY_INDEX_OUT_OF_BOUNDS = describe(ArrayIndexOutOfBoundsException.class);
    static final ClassDesc ILLEGAL_STATE = describe(IllegalStateException.class);
    static final ClassDesc LONG_ARRAY = describe(long[].class);
    static final ClassDesc OBJECT_ARRAY = describe(Object[].class);
    static final ClassDesc MATH = describe(Math.class);

    private static ClassDesc describe(Class<?> type) {
        return type.describeConstable().orElseThrow();
    }
}
