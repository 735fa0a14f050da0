package dev.beamr.emscripten;

import dev.beamr.LinkException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunction;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Table;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.util.Arrays;

/**
 * An {@code invoke_*} import: calls the function in table 0 at the index given first, with the
 * remaining arguments, inside a "try". When the callee throws (a wasm exception, a longjmp or a
 * C++ exception of the glue), the stack pointer is restored, {@code setThrew(1, 0)} is called and
 * the results are zeros, exactly as emscripten's JavaScript glue does. Traps propagate.
 */
final class InvokeTrampoline implements HostFunction {
    private final String name;
    private final FuncType type;
    private final FuncType calleeType;
    private final EnvImports imports;

    private InvokeTrampoline(String name, FuncType type, EnvImports imports) {
        this.name = name;
        this.type = type;
        this.calleeType = new FuncType(Arrays.copyOfRange(type.params(), 1, type.paramCount()), type.results());
        this.imports = imports;
    }

    /** The trampoline for the import {@code name} of signature {@code type}. */
    static InvokeTrampoline of(String name, FuncType type, EnvImports imports) {
        if (type.paramCount() == 0 || (type.param(0) != ValType.I32 && type.param(0) != ValType.I64)
                || !Abi.numeric(type)) {
            throw new LinkException(EnvImports.MODULE + "." + name + " is imported as " + type
                    + ", but a trampoline takes a table index (i32 or i64) first and only numbers");
        }
        return new InvokeTrampoline(name, type, imports);
    }

    @Override
    public long[] call(Instance caller, long[] args) {
        FunctionInstance callee = callee(caller, Abi.unsigned(type, args, 0));
        RuntimeExports exports = imports.exportsOf(caller);
        long stackPointer = exports.stackPointer();
        long[] values = new long[Math.max(calleeType.paramCount(), calleeType.resultCount())];
        System.arraycopy(args, 1, values, 0, calleeType.paramCount());
        try {
            callee.invoke(caller, values, null);
        } catch (WasmExceptionPayload | GlueThrow thrown) {
            exports.restoreStack(stackPointer);
            exports.setThrew(name);
            return Abi.zeros(type);
        }
        return Arrays.copyOf(values, calleeType.resultCount());
    }

    private FunctionInstance callee(Instance caller, long index) {
        if (caller == null || caller.tables().length == 0) {
            throw new TrapException(TrapKind.HOST_ERROR, name, "the calling instance has no table to invoke from", null);
        }
        Table table = caller.tables()[0];
        if (Long.compareUnsigned(index, table.size()) >= 0) {
            throw new TrapException(TrapKind.UNDEFINED_ELEMENT, name,
                    "index " + Long.toUnsignedString(index) + " is outside table 0 of " + table.size() + " elements", null);
        }
        if (!(table.get((int) index) instanceof FunctionInstance function)) {
            throw new TrapException(TrapKind.UNINITIALIZED_ELEMENT, name, "table 0 element " + index, null);
        }
        if (!function.type().equals(calleeType)) {
            throw new TrapException(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, name,
                    "expected " + calleeType + ", table 0 element " + index + " is " + function.type(), null);
        }
        return function;
    }
}
