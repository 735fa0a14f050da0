package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Handler;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmExceptionPayload;
import org.junit.jupiter.api.Test;

import static dev.beamr.engine.model.ValType.I32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Legacy exception handling: throw, catch by tag, catch_all, rethrow, delegate, and what escapes. */
class ExceptionTest {
    private static final FuncType I32_TO_I32 = new FuncType(new ValType[] {I32}, new ValType[] {I32});
    private static final FuncType I32_TO_NONE = new FuncType(new ValType[] {I32}, new ValType[0]);

    /** Function 0 of every module here: throws tag 0 carrying its argument. */
    private static TestModule withThrower() {
        TestModule module = new TestModule();
        module.tag(I32_TO_NONE);
        module.function("thrower", I32_TO_NONE, 1, new Code().op(Op.THROW, 0, 0).build());
        return module;
    }

    /**
     * Code that copies the argument to slot 1, calls the thrower at offset 3 (the range the handlers
     * cover is [3, 6)), and returns -1 if nothing was thrown.
     */
    private static Code callThrower() {
        return new Code().op(Op.COPY, 1, 0).op(Op.CALL, 0, 1).op(Op.CONST_32, 1, -1).op(Op.RETURN, 1, 1);
    }

    /** Appends "return s[slot] + amount" and returns its offset. */
    private static int returnPlus(Code code, int slot, int amount) {
        int at = code.here();
        code.op(Op.CONST_32, slot + 1, amount).op(Op.I32_ADD, slot, slot, slot + 1).op(Op.RETURN, slot, 1);
        return at;
    }

    @Test
    void catchByTagReceivesThePayload() {
        TestModule module = withThrower();
        Code code = callThrower();
        int handler = returnPlus(code, 1, 1);
        module.function("catcher", I32_TO_I32, 4, code.build(), new Handler(3, 6, 0, handler, 1, 3));
        FunctionInstance catcher = module.instantiate().exportedFunction("catcher");
        assertArrayEquals(new long[] {42}, catcher.call(41));
        assertArrayEquals(new long[] {8}, catcher.call(7), "the frame stack is consistent after unwinding");
    }

    @Test
    void catchAllThenRethrowReachesTheOuterHandler() {
        TestModule module = withThrower();
        Code code = callThrower();
        int catchAll = code.here();
        code.op(Op.RETHROW, 3);
        int outer = returnPlus(code, 1, 100);
        module.function("rethrower", I32_TO_I32, 4, code.build(),
                new Handler(3, 6, Handler.CATCH_ALL, catchAll, 0, 3),
                new Handler(3, catchAll + 2, 0, outer, 1, 2));
        assertArrayEquals(new long[] {105}, module.instantiate().exportedFunction("rethrower").call(5));
    }

    @Test
    void delegateSkipsToTheNamedHandler() {
        TestModule module = withThrower();
        Code code = callThrower();
        int skipped = returnPlus(code, 1, 1000);
        int taken = returnPlus(code, 1, 1);
        module.function("delegator", I32_TO_I32, 4, code.build(),
                new Handler(3, 6, Handler.DELEGATE, 2, 0, 0),
                new Handler(3, 6, 0, skipped, 1, 3),
                new Handler(0, code.here(), 0, taken, 1, 3));
        assertArrayEquals(new long[] {11}, module.instantiate().exportedFunction("delegator").call(10));
    }

    @Test
    void delegateToTheCallerLeavesTheFunction() {
        TestModule module = withThrower();
        Code inner = callThrower();
        int skipped = returnPlus(inner, 1, 1000);
        int delegating = module.function("delegating", I32_TO_I32, 4, inner.build(),
                new Handler(3, 6, Handler.DELEGATE, 2, 0, 0),
                new Handler(3, 6, 0, skipped, 1, 3));
        Code outer = new Code().op(Op.COPY, 1, 0).op(Op.CALL, delegating, 1).op(Op.RETURN, 1, 1);
        int handler = returnPlus(outer, 1, 2);
        module.function("outer", I32_TO_I32, 4, outer.build(), new Handler(3, 6, 0, handler, 1, 3));
        assertArrayEquals(new long[] {3}, module.instantiate().exportedFunction("outer").call(1));
    }

    @Test
    void exceptionsFromAnotherInstanceAreCaughtAtTheCall() {
        FunctionInstance foreignThrower = withThrower().instantiate().exportedFunction("thrower");
        TestModule module = new TestModule();
        int thrower = module.importFunction("thrower", foreignThrower);
        // The call is the last instruction the handler covers.
        Code code = new Code().op(Op.COPY, 1, 0).op(Op.CALL, thrower, 1);
        int handler = code.here();
        code.op(Op.CONST_32, 1, 2).op(Op.RETURN, 1, 1);
        module.function("catchForeign", I32_TO_I32, 4, code.build(), new Handler(3, 6, Handler.CATCH_ALL, handler, 1, 3));
        assertArrayEquals(new long[] {2}, module.instantiate().exportedFunction("catchForeign").call(1));
    }

    @Test
    void handlersOfOtherTagsDoNotCatch() {
        TestModule module = withThrower();
        int otherTag = module.tag(new FuncType(new ValType[0], new ValType[0]));
        Code code = callThrower();
        int handler = returnPlus(code, 1, 1);
        module.function("wrongTag", I32_TO_I32, 4, code.build(), new Handler(3, 6, otherTag, handler, 1, 3));
        Instance instance = module.instantiate();
        WasmExceptionPayload escaped = assertThrows(WasmExceptionPayload.class,
                () -> instance.exportedFunction("wrongTag").call(9));
        assertSame(instance.tags()[0], escaped.tag());
        assertArrayEquals(new long[] {9}, escaped.values());
    }

    @Test
    void exceptionsUnwindDeepRecursion() {
        // dive(n) = n == 0 ? throw n : dive(n - 1); the entry catches at the bottom of 10,000 frames.
        TestModule module = withThrower();
        Code dive = new Code();
        int branch = dive.here() + 2;
        dive.op(Op.JUMP_IF, 0, -1).op(Op.CALL, 0, 0).op(Op.RETURN, 0, 1);
        dive.patch(branch, dive.here());
        int diveIndex = 2;
        dive.op(Op.COPY, 1, 0).op(Op.CONST_32, 2, 1).op(Op.I32_SUB, 1, 1, 2).op(Op.CALL, diveIndex, 1).op(Op.RETURN, 1, 1);
        Code entry = callThrower();
        entry.patch(4, diveIndex);
        int handler = returnPlus(entry, 1, 7);
        module.function("entry", I32_TO_I32, 4, entry.build(), new Handler(3, 6, 0, handler, 1, 3));
        module.function("dive", I32_TO_I32, 3, dive.build());
        FunctionInstance function = module.instantiate().exportedFunction("entry");
        assertArrayEquals(new long[] {7}, function.call(10_000));
        assertArrayEquals(new long[] {7}, function.call(3));
    }

    @Test
    void trapsAreNotCatchable() {
        TestModule module = new TestModule();
        Code code = new Code().op(Op.UNREACHABLE);
        int handler = code.here();
        code.op(Op.RETURN, 0, 0);
        module.function("traps", new FuncType(new ValType[0], new ValType[0]), 1, code.build(),
                new Handler(0, 1, Handler.CATCH_ALL, handler, 0, 0));
        TrapException trap = assertThrows(TrapException.class, () -> module.instantiate().exportedFunction("traps").call());
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
    }
}
