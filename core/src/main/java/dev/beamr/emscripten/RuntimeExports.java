package dev.beamr.emscripten;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;

/**
 * The functions an emscripten module exports for its JavaScript glue, which the trampolines call
 * back: {@code setThrew} (records that an invoked call threw) and the stack pointer's save and
 * restore (so a call abandoned by an exception does not leak its stack frame).
 */
final class RuntimeExports {
    private final Instance instance;
    private final FunctionInstance setThrew;
    private final FunctionInstance stackSave;
    private final FunctionInstance stackRestore;

    private RuntimeExports(Instance instance) {
        this.instance = instance;
        this.setThrew = function(instance, "setThrew");
        this.stackSave = firstFunction(instance, "emscripten_stack_get_current", "stackSave");
        this.stackRestore = firstFunction(instance, "_emscripten_stack_restore", "stackRestore");
    }

    /** The exports of {@code instance}, reusing {@code cached} when it belongs to the same instance. */
    static RuntimeExports of(Instance instance, RuntimeExports cached) {
        return cached != null && cached.instance == instance ? cached : new RuntimeExports(instance);
    }

    /** The current stack pointer, or 0 when the module does not export a way to read it. */
    long stackPointer() {
        return stackSave == null || stackSave.type().resultCount() != 1 ? 0 : stackSave.call()[0];
    }

    /** Puts the stack pointer back where {@link #stackPointer()} found it. */
    void restoreStack(long stackPointer) {
        if (stackSave != null && stackRestore != null && stackRestore.type().paramCount() == 1) {
            stackRestore.call(stackPointer);
        }
    }

    /** Calls {@code setThrew(1, 0)}, as emscripten's glue does when an invoked call throws. */
    void setThrew(String caller) {
        if (setThrew == null || setThrew.type().paramCount() != 2 || setThrew.type().resultCount() != 0) {
            throw new TrapException(TrapKind.HOST_ERROR, caller,
                    "the call threw, and the module exports no setThrew(threw, value) to report it to", null);
        }
        setThrew.call(1, 0);
    }

    /** The exported function {@code name}, if there is one of a numeric type. */
    FunctionInstance optional(String name) {
        return function(instance, name);
    }

    private static FunctionInstance firstFunction(Instance instance, String... names) {
        for (String name : names) {
            FunctionInstance function = function(instance, name);
            if (function != null) return function;
        }
        return null;
    }

    private static FunctionInstance function(Instance instance, String name) {
        return instance.export(name) instanceof FunctionInstance function && Abi.numeric(function.type()) ? function : null;
    }
}
