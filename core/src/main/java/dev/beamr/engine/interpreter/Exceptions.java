package dev.beamr.engine.interpreter;

import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.Tag;
import dev.beamr.engine.runtime.WasmExceptionPayload;

/** Legacy exception handling: creating exceptions and finding the handler that takes one. */
final class Exceptions {
    private Exceptions() {}

    /** The exception {@code throw tagIndex} raises, its payload taken from absolute slots {@code base ..}. */
    static WasmExceptionPayload create(Instance instance, int tagIndex, long[] slots, Object[] refs, int base) {
        Tag tag = instance.tags()[tagIndex];
        FuncType type = tag.type();
        int count = type.paramCount();
        long[] values = new long[count];
        Object[] payloadRefs = new Object[count];
        for (int i = 0; i < count; i++) {
            if (type.param(i).isReference()) payloadRefs[i] = refs[base + i];
            else values[i] = slots[base + i];
        }
        return new WasmExceptionPayload(tag, values, payloadRefs);
    }

    /**
     * Searches the frame {@code function} at {@code fp} (the exception raised by the instruction at
     * {@code pc}), then its suspended callers down to frame depth {@code base}, for a handler.
     * When one takes the exception, its payload and the exception are stored in that frame, the
     * machine's depth drops to it and {@code unwound*} say where execution continues; returns false
     * when the exception leaves the entry frame.
     */
    static boolean unwind(Machine machine, Instance instance, int base, WasmExceptionPayload exception,
                          CompiledFunction function, int pc, int fp, int depth) {
        for (;;) {
            Handler handler = find(instance, function.handlers(), pc, exception.tag());
            if (handler != null) {
                deliver(machine, handler, exception, fp);
                machine.depth = depth;
                machine.unwoundFunction = function;
                machine.unwoundPc = handler.target();
                machine.unwoundFp = fp;
                return true;
            }
            if (depth == base) return false;
            depth--;
            long frame = machine.frames[depth];
            function = machine.frameFunctions[depth];
            fp = (int) (frame >>> 32);
            // The saved pc is the return address; the call instruction covers the offset just before it.
            pc = (int) frame - 1;
        }
    }

    private static Handler find(Instance instance, Handler[] handlers, int pc, Tag tag) {
        int i = 0;
        while (i < handlers.length) {
            Handler handler = handlers[i];
            if (!handler.covers(pc)) {
                i++;
            } else if (handler.tag() == Handler.DELEGATE) {
                i = handler.target();
            } else if (handler.tag() == Handler.CATCH_ALL || instance.tags()[handler.tag()] == tag) {
                return handler;
            } else {
                i++;
            }
        }
        return null;
    }

    private static void deliver(Machine machine, Handler handler, WasmExceptionPayload exception, int fp) {
        long[] values = exception.values();
        Object[] refs = exception.refs();
        if (handler.tag() >= 0) {
            int payload = fp + handler.payloadSlot();
            System.arraycopy(values, 0, machine.slots, payload, values.length);
            System.arraycopy(refs, 0, machine.refs, payload, refs.length);
        }
        machine.refs[fp + handler.exceptionSlot()] = exception;
    }
}
