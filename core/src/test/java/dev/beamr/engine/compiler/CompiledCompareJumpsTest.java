package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Comparisons consumed by branches, from compiler-compare-jumps.wat, with the same outcomes in both
 * modes. The lowering keeps fewer compare-and-jump forms than there are comparisons (a greater-than
 * test swaps its operands, an at-most test of a constant compares with the constant plus one), so
 * each comparison is tested as a br_if and as an if, with operands at the edges of the signed and
 * unsigned ranges and constants where adding one overflows.
 */
class CompiledCompareJumpsTest {
    private static final Map<String, BiPredicate<Long, Long>> I64 = Map.of(
            "eq", (a, b) -> a.longValue() == b.longValue(),
            "ne", (a, b) -> a.longValue() != b.longValue(),
            "lt_s", (a, b) -> a < b,
            "lt_u", (a, b) -> Long.compareUnsigned(a, b) < 0,
            "gt_s", (a, b) -> a > b,
            "gt_u", (a, b) -> Long.compareUnsigned(a, b) > 0,
            "le_s", (a, b) -> a <= b,
            "le_u", (a, b) -> Long.compareUnsigned(a, b) <= 0,
            "ge_s", (a, b) -> a >= b,
            "ge_u", (a, b) -> Long.compareUnsigned(a, b) >= 0);
    private static final long[] I64_VALUES = {Long.MIN_VALUE, -2, -1, 0, 1, 5, 6, Integer.MAX_VALUE, Long.MAX_VALUE};
    private static final int[] I32_VALUES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1, 0, 1, 4, 5, 6,
            Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    private static final int[] CONSTANTS = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 5};

    @BeforeAll
    static void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile("compiler-compare-jumps");
        assertEquals(code.functionCount(), code.compiledCount());
    }

    /** The i32 comparison {@code name} of a and b, as i64 comparisons of the sign- or zero-extended values. */
    private static boolean i32(String name, int a, int b) {
        boolean unsigned = name.endsWith("_u");
        return I64.get(name).test(unsigned ? Integer.toUnsignedLong(a) : a, unsigned ? Integer.toUnsignedLong(b) : b);
    }

    private static boolean outcome(WasmInstance instance, String export, List<? extends Number> arguments) {
        return switch ((Integer) instance.call(export, arguments).getFirst()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new AssertionError(export + " returned neither 0 nor 1");
        };
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void comparisonsOfTwoValuesBranchOnTheirOutcome(Mode mode) {
        try (WasmInstance instance = Modes.start("compiler-compare-jumps", mode, InstanceOptions.defaults())) {
            for (String name : I64.keySet()) {
                for (String form : new String[] {"/br", "/if"}) {
                    for (int a : I32_VALUES) {
                        for (int b : I32_VALUES) {
                            assertEquals(i32(name, a, b), outcome(instance, "i32." + name + form, List.of(a, b)),
                                    "i32." + name + form + " " + a + " " + b);
                        }
                    }
                    for (long a : I64_VALUES) {
                        for (long b : I64_VALUES) {
                            assertEquals(I64.get(name).test(a, b), outcome(instance, "i64." + name + form, List.of(a, b)),
                                    "i64." + name + form + " " + a + " " + b);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void comparisonsWithAConstantBranchOnTheirOutcome(Mode mode) {
        try (WasmInstance instance = Modes.start("compiler-compare-jumps", mode, InstanceOptions.defaults())) {
            for (String name : I64.keySet()) {
                for (int constant : CONSTANTS) {
                    for (String form : new String[] {"/br", "/if"}) {
                        String export = "i32." + name + " " + constant + form;
                        for (int a : I32_VALUES) {
                            assertEquals(i32(name, a, constant), outcome(instance, export, List.of(a)), export + " " + a);
                        }
                    }
                }
            }
        }
    }
}
