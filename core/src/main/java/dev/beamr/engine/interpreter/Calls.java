package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Table;

/** Calls that leave the dispatch loop (host functions, other instances) and indirect-call checks. */
final class Calls {
    private Calls() {}

    /**
     * Calls {@code target} through the {@link FunctionInstance} boundary with the arguments at
     * absolute slot {@code argBase}, leaving its results there. {@code top} is the first slot above
     * the caller's frame: a host function that calls back into wasm on this thread builds its frames
     * from there, possibly reallocating the machine's arrays, so they are re-read afterwards.
     */
    static void invoke(Machine machine, Instance caller, FunctionInstance target, int argBase, int top) {
        FuncType type = target.type();
        int params = type.paramCount();
        int results = type.resultCount();
        int width = Math.max(params, results);
        long[] values = new long[width];
        Object[] refs = hasReference(type) ? new Object[width] : null;
        long[] slots = machine.slots;
        Object[] slotRefs = machine.refs;
        for (int i = 0; i < params; i++) {
            if (type.param(i).isReference()) refs[i] = slotRefs[argBase + i];
            else values[i] = slots[argBase + i];
        }
        int savedTop = machine.top;
        machine.top = top;
        try {
            target.invoke(caller, values, refs);
        } finally {
            machine.top = savedTop;
        }
        slots = machine.slots;
        slotRefs = machine.refs;
        for (int i = 0; i < results; i++) {
            if (type.result(i).isReference()) slotRefs[argBase + i] = refs[i];
            else slots[argBase + i] = values[i];
        }
    }

    private static boolean hasReference(FuncType type) {
        for (int i = 0; i < type.paramCount(); i++) {
            if (type.param(i).isReference()) return true;
        }
        for (int i = 0; i < type.resultCount(); i++) {
            if (type.result(i).isReference()) return true;
        }
        return false;
    }

    /** The function {@code call_indirect} reaches: present, initialized and of the expected type, else a trap. */
    static FunctionInstance resolveIndirect(Instance instance, int typeIndex, int tableIndex, int elementIndex) {
        Table table = instance.tables()[tableIndex];
        Object element = table.getForCall(elementIndex);
        if (element == null) {
            throw new TrapException(TrapKind.UNINITIALIZED_ELEMENT, null,
                    "table " + tableIndex + " element " + Integer.toUnsignedString(elementIndex), null);
        }
        FunctionInstance function = (FunctionInstance) element;
        FuncType expected = instance.types()[typeIndex];
        FuncType actual = function.type();
        if (actual != expected && !actual.equals(expected)) {
            throw new TrapException(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, null,
                    "expected " + expected + ", table " + tableIndex + " element "
                            + Integer.toUnsignedString(elementIndex) + " is " + actual, null);
        }
        return function;
    }
}
