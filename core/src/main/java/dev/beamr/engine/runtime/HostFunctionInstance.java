package dev.beamr.engine.runtime;

import dev.beamr.BeamrException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.FuncType;

/** A host function given a wasm signature, so that modules can import it. */
public final class HostFunctionInstance extends FunctionInstance {
    private final String name;
    private final HostFunction body;

    public HostFunctionInstance(String name, FuncType type, HostFunction body) {
        super(type);
        this.name = name;
        this.body = body;
    }

    public String name() {
        return name;
    }

    @Override
    public void invoke(Instance caller, long[] values, Object[] refs) {
        FuncType type = type();
        long[] args = java.util.Arrays.copyOf(values, type.paramCount());
        long[] results;
        try {
            results = body.call(caller, args);
        } catch (BeamrException | WasmExceptionPayload e) {
            // Traps and typed errors keep their meaning; a wasm exception thrown by wasm code the host
            // called back into stays catchable by the wasm code that called the host.
            throw e;
        } catch (StackOverflowError e) {
            throw new TrapException(TrapKind.STACK_EXHAUSTED, name, null, null);
        } catch (RuntimeException e) {
            throw new TrapException(TrapKind.HOST_ERROR, name, e.toString(), e);
        }
        int expected = type.resultCount();
        int actual = results == null ? 0 : results.length;
        if (actual != expected) {
            throw new TrapException(TrapKind.HOST_ERROR, name,
                    "returned " + actual + " values for signature " + type, null);
        }
        if (actual > 0) System.arraycopy(results, 0, values, 0, actual);
    }

    @Override
    public String toString() {
        return "host function " + name + " " + type();
    }
}
