package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.Op;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static dev.beamr.engine.model.ValType.I32;
import static dev.beamr.engine.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Control flow, direct, indirect, tail and host calls, and the call-depth limits. */
class CallTest {
    private static final FuncType I32_TO_I32 = new FuncType(new ValType[] {I32}, new ValType[] {I32});

    /** fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), with the function at index {@code self}. */
    private static int[] fibonacci(int self) {
        Code c = new Code()
                .op(Op.COPY, 1, 0).op(Op.CONST_32, 2, 2).op(Op.I32_LT_S, 1, 1, 2);
        int branch = c.here() + 2;
        c.op(Op.JUMP_UNLESS, 1, -1)
                .op(Op.RETURN, 0, 1);
        c.patch(branch, c.here());
        return c.op(Op.COPY, 1, 0).op(Op.CONST_32, 2, 1).op(Op.I32_SUB, 1, 1, 2)
                .op(Op.CALL, self, 1)
                .op(Op.COPY, 2, 0).op(Op.CONST_32, 3, 2).op(Op.I32_SUB, 2, 2, 3)
                .op(Op.CALL, self, 2)
                .op(Op.I32_ADD, 1, 1, 2)
                .op(Op.RETURN, 1, 1)
                .build();
    }

    /** depth(n) = n == 0 ? 0 : 1 + depth(n - 1): not a tail call, so every level is a frame. */
    private static int[] depth(int self) {
        Code c = new Code();
        int branch = c.here() + 2;
        c.op(Op.JUMP_IF, 0, -1).op(Op.RETURN, 0, 1);
        c.patch(branch, c.here());
        return c.op(Op.COPY, 1, 0).op(Op.CONST_32, 2, 1).op(Op.I32_SUB, 1, 1, 2)
                .op(Op.CALL, self, 1)
                .op(Op.CONST_32, 2, 1).op(Op.I32_ADD, 1, 1, 2)
                .op(Op.RETURN, 1, 1)
                .build();
    }

    @Test
    void recursiveFibonacci() {
        TestModule module = new TestModule();
        module.function("fib", I32_TO_I32, 4, fibonacci(0));
        assertArrayEquals(new long[] {6765}, module.instantiate().exportedFunction("fib").call(20));
    }

    @Test
    void loopWithBranchTable() {
        // sum(n): total of (i % 3 == 0 ? 10 : i % 3 == 1 ? 1 : 100) for i in [0, n), dispatched by br_table.
        FuncType type = I32_TO_I32;
        Code c = new Code();
        int loop = c.here();
        int exit = c.here() + 2;
        c.op(Op.JUMP_UNLESS, 0, -1)
                .op(Op.COPY, 3, 0).op(Op.CONST_32, 4, 1).op(Op.I32_SUB, 3, 3, 4).op(Op.COPY, 0, 3) // n -= 1
                .op(Op.CONST_32, 4, 3).op(Op.I32_REM_U, 3, 3, 4);                                  // s3 = n % 3
        int table = c.here();
        c.op(Op.BR_TABLE, 3, 2,
                -1, 0, 0, 0, 0,
                -1, 0, 0, 0, 0,
                -1, 0, 0, 0, 0);
        int[] adds = {10, 1, 100};
        for (int k = 0; k < 3; k++) {
            c.patch(table + 3 + 5 * k, c.here());
            c.op(Op.COPY, 3, 1).op(Op.CONST_32, 4, adds[k]).op(Op.I32_ADD, 3, 3, 4).op(Op.COPY, 1, 3);
            c.op(Op.JUMP, loop);
        }
        c.patch(exit, c.here());
        c.op(Op.RETURN, 1, 1);
        TestModule module = new TestModule();
        module.function("sum", type, new ValType[] {I32}, 6, c.build());
        // n = 7 visits 6,5,4,3,2,1,0 -> remainders 0,2,1,0,2,1,0 -> 3*10 + 2*100 + 2*1
        assertArrayEquals(new long[] {232}, module.instantiate().exportedFunction("sum").call(7));
    }

    @Test
    void selectAndBranchCopies() {
        // pick(c, a, b): s3 = select(a, b, c); if c then br with s3 copied to s1 and return s1, else return s3.
        FuncType type = new FuncType(new ValType[] {I32, I64, I64}, new ValType[] {I64});
        Code c = new Code().op(Op.COPY, 3, 1).op(Op.COPY, 4, 2).op(Op.COPY, 5, 0).op(Op.SELECT, 3, 3, 4, 5);
        int branch = c.here() + 2;
        c.op(Op.BR_IF, 0, -1, 3, 1, 1).op(Op.RETURN, 3, 1);
        c.patch(branch, c.here());
        c.op(Op.RETURN, 1, 1);
        TestModule module = new TestModule();
        module.function("pick", type, 6, c.build());
        FunctionInstance pick = module.instantiate().exportedFunction("pick");
        assertArrayEquals(new long[] {11}, pick.call(1, 11, 22));
        assertArrayEquals(new long[] {22}, pick.call(0, 11, 22));
    }

    @Test
    void recursionBeyondTheDepthLimitTrapsAndLeavesTheThreadUsable() {
        TestModule module = new TestModule();
        module.function("depth", I32_TO_I32, 3, depth(0));
        Instance instance = module.instantiate(new Interpreter(50_000, Interpreter.DEFAULT_MAX_SLOTS));
        FunctionInstance depth = instance.exportedFunction("depth");
        TrapException trap = assertThrows(TrapException.class, () -> depth.call(60_000));
        assertEquals(TrapKind.STACK_EXHAUSTED, trap.kind());
        assertArrayEquals(new long[] {40_000}, depth.call(40_000));
    }

    @Test
    void deepRecursionNeedsNoJavaStack() {
        TestModule module = new TestModule();
        module.function("depth", I32_TO_I32, 3, depth(0));
        Instance instance = module.instantiate(new Interpreter(2_000_000, 8_000_000));
        assertArrayEquals(new long[] {1_000_000}, instance.exportedFunction("depth").call(1_000_000));
    }

    @Test
    void defaultLimitsStopRunawayRecursion() {
        TestModule module = new TestModule();
        module.function("depth", I32_TO_I32, 3, depth(0));
        FunctionInstance depth = module.instantiate().exportedFunction("depth");
        assertEquals(TrapKind.STACK_EXHAUSTED, assertThrows(TrapException.class, () -> depth.call(Integer.MAX_VALUE)).kind());
        assertArrayEquals(new long[] {Interpreter.DEFAULT_MAX_CALL_DEPTH - 1}, depth.call(Interpreter.DEFAULT_MAX_CALL_DEPTH - 1));
    }

    @Test
    void slotLimitTraps() {
        TestModule module = new TestModule();
        module.function("depth", I32_TO_I32, 3, depth(0));
        FunctionInstance depth = module.instantiate(new Interpreter(1_000_000, 30_000)).exportedFunction("depth");
        // Each level's frame starts one slot above its caller's (where the argument is).
        assertEquals(TrapKind.STACK_EXHAUSTED, assertThrows(TrapException.class, () -> depth.call(40_000)).kind());
        assertArrayEquals(new long[] {20_000}, depth.call(20_000));
    }

    @Test
    void tailCallsRunInConstantDepth() {
        // count(n, acc) = n == 0 ? acc : return_call count(n - 1, acc + 2)
        FuncType type = new FuncType(new ValType[] {I32, I64}, new ValType[] {I64});
        Code c = new Code();
        int branch = c.here() + 2;
        c.op(Op.JUMP_IF, 0, -1).op(Op.RETURN, 1, 1);
        c.patch(branch, c.here());
        int[] code = c.op(Op.COPY, 2, 0).op(Op.CONST_32, 3, 1).op(Op.I32_SUB, 2, 2, 3)
                .op(Op.COPY, 3, 1).op(Op.CONST_64, 4, 2, 0).op(Op.I64_ADD, 3, 3, 4)
                .op(Op.RETURN_CALL, 0, 2)
                .build();
        TestModule module = new TestModule();
        module.function("count", type, 5, code);
        FunctionInstance count = module.instantiate(new Interpreter(4, 64)).exportedFunction("count");
        assertArrayEquals(new long[] {6_000_000}, count.call(3_000_000, 0));
    }

    @Test
    void indirectCallsCheckBoundsNullsAndTypes() {
        FuncType unary = I32_TO_I32;
        FuncType nullary = new FuncType(new ValType[0], new ValType[] {I32});
        TestModule module = new TestModule();
        int dispatchType = module.typeIndex(unary);
        // dispatch(i) = call_indirect (type unary) table[i] (41)
        module.function("dispatch", unary, 3, new Code()
                .op(Op.CONST_32, 1, 41).op(Op.COPY, 2, 0).op(Op.CALL_INDIRECT, dispatchType, 0, 2, 1)
                .op(Op.RETURN, 1, 1).build());
        int increment = module.function("increment", unary, 2,
                new Code().op(Op.CONST_32, 1, 1).op(Op.I32_ADD, 0, 0, 1).op(Op.RETURN, 0, 1).build());
        int constant = module.function("constant", nullary, 1,
                new Code().op(Op.CONST_32, 0, 7).op(Op.RETURN, 0, 1).build());
        module.table(4, 4);
        module.activeElements(increment, constant);
        FunctionInstance dispatch = module.instantiate().exportedFunction("dispatch");
        assertArrayEquals(new long[] {42}, dispatch.call(0));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, assertThrows(TrapException.class, () -> dispatch.call(1)).kind());
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, assertThrows(TrapException.class, () -> dispatch.call(2)).kind());
        TrapException outside = assertThrows(TrapException.class, () -> dispatch.call(-1));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, outside.kind());
        assertEquals("dispatch", outside.function());
    }

    @Test
    void hostFunctionsMayCallBackIntoWasm() {
        // down(n) = n == 0 ? 0 : 1 + host(n - 1), where host(n) calls down(n) again.
        TestModule module = new TestModule();
        AtomicReference<FunctionInstance> down = new AtomicReference<>();
        int host = module.hostFunction("host", I32_TO_I32, (caller, args) -> down.get().call(args[0]));
        Code c = new Code();
        int branch = c.here() + 2;
        c.op(Op.JUMP_IF, 0, -1).op(Op.RETURN, 0, 1);
        c.patch(branch, c.here());
        module.function("down", I32_TO_I32, 4, c.op(Op.COPY, 1, 0).op(Op.CONST_32, 2, 1).op(Op.I32_SUB, 1, 1, 2)
                .op(Op.CALL, host, 1).op(Op.CONST_32, 2, 1).op(Op.I32_ADD, 1, 1, 2).op(Op.RETURN, 1, 1).build());
        down.set(module.instantiate().exportedFunction("down"));
        assertArrayEquals(new long[] {300}, down.get().call(300));
    }

    @Test
    void hostFailuresBecomeTrapsAndWasmContinuesAfterwards() {
        TestModule module = new TestModule();
        int host = module.hostFunction("fails", I32_TO_I32, (caller, args) -> {
            if (args[0] == 0) throw new IllegalStateException("host refuses");
            return new long[] {args[0] * 2};
        });
        module.function("relay", I32_TO_I32, 1, new Code().op(Op.CALL, host, 0).op(Op.RETURN, 0, 1).build());
        FunctionInstance relay = module.instantiate().exportedFunction("relay");
        assertEquals(TrapKind.HOST_ERROR, assertThrows(TrapException.class, () -> relay.call(0)).kind());
        assertArrayEquals(new long[] {10}, relay.call(5));
    }

    @Test
    void unreachableTrapsWithTheFunctionName() {
        TestModule module = new TestModule();
        module.function("inner", new FuncType(new ValType[0], new ValType[0]), 0, new Code().op(Op.UNREACHABLE).build());
        module.function("outer", new FuncType(new ValType[0], new ValType[0]), 0,
                new Code().op(Op.CALL, 0, 0).op(Op.RETURN, 0, 0).build());
        TrapException trap = assertThrows(TrapException.class, () -> module.instantiate().exportedFunction("outer").call());
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals("inner", trap.function());
    }
    @Test
    void aTrapInACalleeNamesTheCalleeAndTheCallerRunsAgainAfterwards() {
        // load(a) = i32.load(a), reached from outer(a) = 1 + load(a)
        TestModule module = new TestModule();
        module.memory(1, 1, false);
        int load = module.function("load", I32_TO_I32, 1, new Code().op(Op.LOAD32_S, 0, 0, 0, 0).op(Op.RETURN, 0, 1).build());
        module.function("outer", I32_TO_I32, 3, new Code().op(Op.COPY, 1, 0).op(Op.CALL, load, 1)
                .op(Op.I32_ADD_IMM, 0, 1, 1).op(Op.RETURN, 0, 1).build());
        FunctionInstance outer = module.instantiate().exportedFunction("outer");
        TrapException trap = assertThrows(TrapException.class, () -> outer.call(65_535));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        assertEquals("load", trap.function());
        assertArrayEquals(new long[] {1}, outer.call(8));
    }

    @Test
    void callsAfterANestedRunOfAnotherInstanceReachThisInstancesFunctions() {
        // Instance b: addTen(x) = x + 10; viaB(x) = addTen(x).
        TestModule b = new TestModule();
        int addTen = b.function("addTen", I32_TO_I32, 1, new Code().op(Op.I32_ADD_IMM, 0, 0, 10).op(Op.RETURN, 0, 1).build());
        b.function("viaB", I32_TO_I32, 1, new Code().op(Op.CALL, addTen, 0).op(Op.RETURN, 0, 1).build());
        FunctionInstance viaB = b.instantiate().exportedFunction("viaB");
        // Instance a: outer(x) = triple(host(x)), where host calls viaB; triple has the index viaB has in b.
        TestModule a = new TestModule();
        int host = a.hostFunction("host", I32_TO_I32, (caller, args) -> viaB.call(args[0]));
        int triple = a.function("triple", I32_TO_I32, 1, new Code().op(Op.I32_MUL_IMM, 0, 0, 3).op(Op.RETURN, 0, 1).build());
        a.function("outer", I32_TO_I32, 1, new Code().op(Op.CALL, host, 0).op(Op.CALL, triple, 0).op(Op.RETURN, 0, 1).build());
        assertEquals(1, triple);
        assertArrayEquals(new long[] {36}, a.instantiate().exportedFunction("outer").call(2));
    }
}
