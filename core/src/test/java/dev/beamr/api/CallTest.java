package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.CallResult;
import dev.beamr.FunctionNotFoundException;
import dev.beamr.ImportCall;
import dev.beamr.ImportHandler;
import dev.beamr.ImportHandlerException;
import dev.beamr.ImportResult;
import dev.beamr.InstanceOptions;
import dev.beamr.InvalidArgumentsException;
import dev.beamr.Mode;
import dev.beamr.Signature;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calling functions, interpreted and compiled: BEAMR's call and stub tests, plus typed results, table slots, traps and handler failures. */
class CallTest {
    /** Answers {@code my_lib.mul} and counts its calls in the state. */
    private static final ImportHandler<Integer> COUNTING_MUL = (calls, call, options) -> {
        int left = (Integer) call.arguments().get(0);
        int right = (Integer) call.arguments().get(1);
        return new ImportResult<>(List.of(left * right), calls + 1);
    };

    private final List<WasmInstance> started = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        started.forEach(WasmInstance::stop);
    }

    private WasmInstance start(String module, Mode mode) {
        return start(module, mode, InstanceOptions.defaults());
    }

    private WasmInstance start(String module, Mode mode, InstanceOptions options) {
        WasmInstance instance = Beamr.compile(TestFiles.module(module), mode).start(options);
        started.add(instance);
        return instance;
    }

    /** Each of {@code sources} in each mode. */
    private static Stream<Arguments> inEveryMode(Stream<TestModules.Source> sources) {
        return sources.flatMap(source -> Stream.of(Mode.values()).map(mode -> Arguments.of(source, mode)));
    }

    static Stream<Arguments> facModules() {
        return inEveryMode(StartTest.facModules());
    }

    static Stream<Arguments> powModules() {
        return inEveryMode(StartTest.powModules());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("facModules")
    void facOfFiveIsOneHundredTwenty(TestModules.Source source, Mode mode) {
        try (WasmInstance instance = Beamr.start(source.bytes(), mode, InstanceOptions.defaults())) {
            assertEquals(List.of(120.0), instance.call("fac", List.of(5.0)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("powModules")
    void powMultipliesThroughTheImportHandlerAndThreadsItsState(TestModules.Source source, Mode mode) {
        try (WasmInstance instance = Beamr.start(source.bytes(), mode, InstanceOptions.defaults())) {
            CallResult<Integer> result = instance.call("pow", List.of(2, 5), COUNTING_MUL, 0, Map.of());
            assertEquals(List.of(32), result.results());
            assertEquals(5, result.state());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theStateOfOneCallIsTheStartOfTheNext(Mode mode) {
        WasmInstance instance = start("api-pow", mode);
        CallResult<Integer> first = instance.call("pow", List.of(3, 2), COUNTING_MUL, 0, Map.of());
        CallResult<Integer> second = instance.call("pow", List.of(3, 3), COUNTING_MUL, first.state(), Map.of());
        assertEquals(List.of(27), second.results());
        assertEquals(5, second.state());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFunctionNameBuiltFromBytesFindsTheExport(Mode mode) {
        WasmInstance instance = start("api-fac", mode);
        String name = new String(new byte[]{'f', 'a', 'c'}, StandardCharsets.UTF_8);
        assertEquals(List.of(24.0), instance.call(name, List.of(4.0)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void repeatedCallsGiveTheSameResult(Mode mode) {
        WasmInstance instance = start("api-fac", mode);
        for (int i = 0; i < 1000; i++) assertEquals(List.of(120.0), instance.call("fac", List.of(5.0)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void integerArgumentsAreAcceptedForFloatParameters(Mode mode) {
        assertEquals(List.of(120.0), start("api-fac", mode).call("fac", List.of(5)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wrongArgumentCountIsInvalidArguments(Mode mode) {
        WasmInstance instance = start("api-fac", mode);
        assertThrows(InvalidArgumentsException.class, () -> instance.call("fac", List.of()));
        assertThrows(InvalidArgumentsException.class, () -> instance.call("fac", List.of(1.0, 2.0)));
        assertThrows(InvalidArgumentsException.class, () -> instance.call("fac", null));
        assertEquals(List.of(1.0), instance.call("fac", List.of(1.0)), "the instance stays usable");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nonIntegerOrOutOfRangeArgumentsForIntegerParametersAreInvalid(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertThrows(InvalidArgumentsException.class, () -> instance.call("double", List.of(1.5)));
        assertThrows(InvalidArgumentsException.class, () -> instance.call("double", List.of(1L << 32)));
        assertThrows(InvalidArgumentsException.class, () -> instance.call("add64", List.of(BigInteger.ONE.shiftLeft(64), 1L)));
        List<Number> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(InvalidArgumentsException.class, () -> instance.call("double", withNull));
        assertThrows(InvalidArgumentsException.class, () -> instance.call("takes_ref", List.of(1)));
        assertEquals(List.of(-2), instance.call("double", List.of(0xFFFF_FFFFL)), "unsigned i32 arguments wrap");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void resultsAreTypedPerSignature(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertEquals(List.of(Long.MIN_VALUE), instance.call("add64", List.of(Long.MAX_VALUE, 1)));
        assertEquals(List.of(1.25f), instance.call("half", List.of(2.5f)));
        assertEquals(List.of(-7, -7L, -7.0), instance.call("pair", List.of(-7)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUnknownExportIsFunctionNotFound(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertThrows(FunctionNotFoundException.class, () -> instance.call("missing", List.of()));
        assertThrows(FunctionNotFoundException.class, () -> instance.call("memory", List.of()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTrapNamesItsKindAndLeavesTheInstanceUsable(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO,
                assertThrows(TrapException.class, () -> instance.call("divide", List.of(1, 0))).kind());
        assertEquals(TrapKind.UNREACHABLE, assertThrows(TrapException.class, () -> instance.call("crash", List.of())).kind());
        assertEquals(TrapKind.STACK_EXHAUSTED, assertThrows(TrapException.class, () -> instance.call("forever", List.of(1))).kind());
        assertEquals(List.of(3), instance.call("divide", List.of(7, 2)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTableSlotIsCalledIndirectly(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertEquals(List.of(42), instance.call(0, List.of(21)));
        assertEquals(List.of(63), instance.call(1, List.of(21)));
        assertThrows(FunctionNotFoundException.class, () -> instance.call(3, List.of(1)));
        assertThrows(FunctionNotFoundException.class, () -> instance.call(4, List.of(1)));
        assertThrows(FunctionNotFoundException.class, () -> instance.call(-1, List.of(1)));
        assertThrows(FunctionNotFoundException.class, () -> start("api-fac", mode).call(0, List.of(1.0)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theStubHandlerAnswersZero(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        assertEquals(List.of(0), instance.call("ticks", List.of(5)));
        assertEquals(List.of(0), start("api-pow", mode).call("pow", List.of(2, 5)));
        ImportCall call = new ImportCall(instance, "env", "tick", List.of(1), Signature.parse("(i)i"));
        assertEquals(new ImportResult<>(List.of(0), "state"), ImportHandler.<String>stub().handle("state", call, Map.of()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theHandlerSeesTheImportCallAndTheCallsOptions(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        List<ImportCall> seen = new ArrayList<>();
        Map<String, String> options = Map.of("node", "test");
        ImportHandler<String> handler = (state, call, opts) -> {
            assertSame(options, opts);
            seen.add(call);
            return new ImportResult<>(List.of(10), state);
        };
        assertEquals(List.of(20), instance.call("ticks", List.of(2), handler, "s", options).results());
        assertEquals(new ImportCall(instance, "env", "tick", List.of(1), Signature.parse("(i)i")), seen.get(1));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aThrowingHandlerEndsTheCallWithTheCauseAndTheLastGoodState(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        IllegalStateException boom = new IllegalStateException("boom");
        ImportHandler<Integer> failsThirdTime = (count, call, options) -> {
            if (count == 2) throw boom;
            return new ImportResult<>(List.of(1), count + 1);
        };
        ImportHandlerException error = assertThrows(ImportHandlerException.class,
                () -> instance.call("ticks", List.of(5), failsThirdTime, 0, Map.of()));
        assertSame(boom, error.getCause());
        assertEquals(2, error.lastState());
        assertEquals(List.of(42), instance.call("double", List.of(21)), "the instance stays usable");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerAnswerThatDoesNotFitTheSignatureEndsTheCall(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        for (List<? extends Number> wrong : List.<List<? extends Number>>of(List.of(1.5), List.of(), List.of(1, 2))) {
            ImportHandler<String> handler = (state, call, options) -> new ImportResult<>(wrong, "next");
            ImportHandlerException error = assertThrows(ImportHandlerException.class,
                    () -> instance.call("ticks", List.of(1), handler, "first", Map.of()));
            assertInstanceOf(InvalidArgumentsException.class, error.getCause());
            assertEquals("first", error.lastState());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHandlerMayCallBackIntoTheSameInstance(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        ImportHandler<String> handler = (state, call, options) -> {
            WasmInstance self = call.instance();
            String greeting = new String(self.memory().read(66, 5), StandardCharsets.UTF_8);
            Number doubled = self.call("double", List.of(call.arguments().getFirst())).getFirst();
            return new ImportResult<>(List.of(doubled), state + greeting.charAt(0));
        };
        CallResult<String> result = instance.call("ticks", List.of(4), handler, "", Map.of());
        assertEquals(List.of(12), result.results());
        assertEquals("HHHH", result.state());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHostFunctionBoundToTheInstanceTakesPrecedenceOverTheHandler(Mode mode) {
        InstanceOptions options = InstanceOptions.builder()
                .hostFunction("env", "tick", call -> List.of((Integer) call.arguments().getFirst() + 1))
                .build();
        WasmInstance instance = start("api-calls", mode, options);
        ImportHandler<Object> refuses = (state, call, opts) -> {
            throw new AssertionError("the handler must not be called");
        };
        assertEquals(List.of(10), instance.call("ticks", List.of(4), refuses, null, Map.of()).results());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingHostFunctionTrapsAsAHostError(Mode mode) {
        InstanceOptions options = InstanceOptions.builder()
                .hostFunction("env", "tick", call -> List.of(1.5))
                .build();
        WasmInstance instance = start("api-calls", mode, options);
        assertEquals(TrapKind.HOST_ERROR, assertThrows(TrapException.class, () -> instance.call("ticks", List.of(1))).kind());
        InstanceOptions throwing = InstanceOptions.builder()
                .hostFunction("env", "tick", call -> {
                    throw new UnsupportedOperationException("no ticks today");
                })
                .build();
        TrapException trap = assertThrows(TrapException.class, () -> start("api-calls", mode, throwing).call("ticks", List.of(1)));
        assertEquals(TrapKind.HOST_ERROR, trap.kind());
        assertInstanceOf(UnsupportedOperationException.class, trap.getCause());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNestedCallThreadsItsOwnHandlerAndState(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        ImportHandler<Integer> nested = (depth, call, options) -> {
            if (depth == 0) {
                CallResult<Integer> inner = call.instance().call("ticks", List.of(2),
                        (innerState, innerCall, innerOptions) -> new ImportResult<>(List.of(100), innerState + 1), 10, Map.of());
                assertEquals(12, inner.state());
                return new ImportResult<>(inner.results(), depth + 1);
            }
            return new ImportResult<>(List.of(1), depth + 1);
        };
        CallResult<Integer> outer = instance.call("ticks", List.of(2), nested, 0, Map.of());
        assertEquals(List.of(201), outer.results());
        assertEquals(2, outer.state());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theHandlerOptionsAreOptional(Mode mode) {
        WasmInstance instance = start("api-calls", mode);
        ImportHandler<Integer> handler = (state, call, options) -> {
            assertTrue(options.isEmpty());
            return new ImportResult<>(List.of(2), state);
        };
        assertEquals(List.of(6), instance.call("ticks", List.of(3), handler, 0, null).results());
    }
}
