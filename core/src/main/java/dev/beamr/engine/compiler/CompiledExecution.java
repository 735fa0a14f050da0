package dev.beamr.engine.compiler;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.interpreter.Machine;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.runtime.ExecutionEngine;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmFunction;

import java.lang.invoke.MethodHandle;

/**
 * Runs one module's functions as compiled JVM code, and the functions that were not compiled in
 * {@code interpreter}. Compiled calls keep their frames on the Java stack: nesting deeper than the
 * interpreter's call depth limit, or than the Java stack allows, traps with STACK_EXHAUSTED.
 */
public final class CompiledExecution implements ExecutionEngine {
    private final CompiledCode code;
    private final Interpreter interpreter;
    private final ThreadLocal<Machine> machines;

    public CompiledExecution(CompiledCode code, Interpreter interpreter) {
        this.code = code;
        this.interpreter = interpreter;
        this.machines = ThreadLocal.withInitial(() -> new Machine(interpreter.maxSlots(), interpreter.maxCallDepth()));
    }

    @Override
    public boolean interprets(CompiledFunction function) {
        return code.entry(function) == null;
    }

    @Override
    public void execute(WasmFunction function, Instance caller, long[] values, Object[] refs) {
        MethodHandle entry = code.entry(function.code());
        if (entry == null) {
            interpreter.execute(function, caller, values, refs);
            return;
        }
        Machine machine = machines.get();
        int depth = machine.compiledDepth;
        try {
            entry.invokeExact(machine, function.instance(), values, refs);
        } catch (StackOverflowError e) {
            throw new TrapException(TrapKind.STACK_EXHAUSTED, function.code().name(), "the Java thread stack overflowed", null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("compiled code threw a checked exception", e);
        } finally {
            machine.compiledDepth = depth;
        }
    }
}
