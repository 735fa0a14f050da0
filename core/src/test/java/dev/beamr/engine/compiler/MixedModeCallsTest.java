package dev.beamr.engine.compiler;

import dev.beamr.Mode;
import dev.beamr.engine.Engine;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interpreted function calling a compiled one of the same instance runs it as compiled code
 * rather than interpreting it too: module {@code compiler-mixed}'s host import answers 1 when a
 * frame of the module's compiled class is on the Java stack.
 */
class MixedModeCallsTest {
    private static final FuncType TO_I32 = new FuncType(new ValType[0], new ValType[] {ValType.I32});

    private static Instance start() {
        return Modes.instantiate("compiler-mixed", Mode.AOT, (module, name) ->
                new HostFunctionInstance("where", TO_I32, (caller, args) -> new long[] {compiledCodeOnStack() ? 1 : 0}));
    }

    /** Whether a method of a module's compiled class (a hidden class, named as below) is running. */
    private static boolean compiledCodeOnStack() {
        String compiledClass = ModuleCompiler.class.getPackageName() + ".CompiledModuleCode/";
        return StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                .walk(frames -> frames.anyMatch(frame -> frame.getClassName().startsWith(compiledClass)));
    }

    @Test
    void theInterpretedFunctionCallsCompiledCode() {
        Instance instance = start();
        assertTrue(Modes.interpreted(instance, "interpreted"), "a function making a tail call is interpreted");
        assertFalse(Modes.interpreted(instance, "compiled"));
        assertArrayEquals(new long[] {1}, Engine.invoke(instance, "compiled"), "called from Java, it runs compiled");
        assertArrayEquals(new long[] {1}, Engine.invoke(instance, "interpreted"), "called from the interpreter, it runs compiled");
    }
}
