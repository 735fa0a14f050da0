package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

import static dev.beamr.engine.compiler.Modes.assertOutOfBounds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fused arithmetic from compiler-fused-arithmetic.wat, with the same results in both modes:
 * <ul>
 * <li>I32_MUL_ADD_IMM and an f64 product added to what follows it, or to the addition further on
 * that reads it;</li>
 * <li>counter steps fused with their loop test (I32_ADD_IMM_JUMP_IF, I32_ADD_IMM_JUMP_IF_NE,
 * I64_ADD_IMM_JUMP_IF_NE, I64_ADD_IMM_JUMP_IF on an eqz of an eqz, I32_ADD_JUMP_IF_LT_S), and
 * the pointer steps right before them joining them (I32_STEP_JUMP_IF, I64_STEP_JUMP_IF,
 * I32_STEP_2_JUMP_IF_NE, I64_STEP_2_JUMP_IF_NE);</li>
 * <li>i32 loads fused with their test (LOAD32_JUMP_IF_LT_S, LOAD32_JUMP_IF_GT_S), also when a
 * pointer step stood between them;</li>
 * <li>an f64 load, the multiply-add that reads it and the store of the sum in a row
 * (F64_LOAD_MUL_ADD_STORE);</li>
 * <li>dropped stores of zero to fresh locals;</li>
 * <li>a rotation of a product recovered from two products, and rotations fused with multiplications
 * (I32_MUL_ROTL_IMM, I32_ROTL_MUL_ADD_IMM), and a word, or a word loaded from memory, mixed into a hash
 * as murmur3 does (I32_MUL_ROTL_MUL_XOR, I32_LOAD_MUL_ROTL_MUL_XOR).</li>
 * </ul>
 */
class CompiledFusedArithmeticTest {
    /** i32 words that exercise the wrap-around of products and rotations. */
    private static final int[] WORDS = {0, 1, -1, 0x12345678, Integer.MIN_VALUE, 0x7FFFFFFF, 0xcafebabe};

    /** A word as murmur3 mixes it before xoring it into its hash. */
    private static int murmurMix(int word) {
        return Integer.rotateLeft(word * 0xcc9e2d51, 15) * 0x1b873593;
    }

    @BeforeAll
    static void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile("compiler-fused-arithmetic");
        assertEquals(code.functionCount(), code.compiledCount());
    }

    private static WasmInstance start(Mode mode) {
        return Modes.start("compiler-fused-arithmetic", mode, InstanceOptions.defaults());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProductPlusAConstantWrapsAsTwoI32InstructionsDo(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int x : new int[] {0, 1, -1, 123_456_789, Integer.MIN_VALUE}) {
                assertEquals(List.of(x * 0x01000193 + 0x7FFFFFFF), instance.call("multiply_add", List.of(x)), "x = " + x);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoopClosedOnItsCounterRunsUntilTheCounterIsZero(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(4), instance.call("count_down", List.of(1)));
            assertEquals(List.of(3 * 55 + 10), instance.call("count_down", List.of(10)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLocalStartsAtZeroWhereTheLastCallLeftOtherValues(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(0L), instance.call("zero_after_dirty", List.of()));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pairedAdditionsRunInOrderAndWrap(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            // (a + 3) + (a + 7) + b + 2^63 (wrapped), with i32 and i64 wrapping.
            assertEquals(List.of(2L * 5 + 10 + 100 + Long.MIN_VALUE), instance.call("add_pairs", List.of(5, 100L)));
            // a + 4 wraps; (MIN + 2) + (MIN + 6) = 8; b + 8 reaches Long.MAX_VALUE - 7 and goes back.
            assertEquals(List.of(8L + (Long.MAX_VALUE - 15) + Long.MIN_VALUE),
                    instance.call("add_pairs", List.of(Integer.MAX_VALUE, Long.MAX_VALUE - 15)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCounterStepFusedWithItsTestWrapsAndStopsAtTheLimit(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(3), instance.call("steps_i32", List.of(5, -4)));
            assertEquals(List.of(1), instance.call("steps_i32", List.of(Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1)));
            assertEquals(List.of(3L), instance.call("steps_i64", List.of(5L, -4L)));
            assertEquals(List.of(1L), instance.call("steps_i64", List.of(Long.MIN_VALUE + 1, Long.MAX_VALUE - 1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProductPushedBeforeItsAddendIsRoundedBeforeTheAddition(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            double justAboveOne = Math.nextUp(1.0);
            // (1 + 2^-52)^2 - 1 is 2^-51 + 2^-104 exactly; rounding the product first leaves 2^-51.
            assertEquals(List.of(0x1p-51), instance.call("product_plus", List.of(justAboveOne, justAboveOne, -1.0)));
            assertEquals(List.of(6.5), instance.call("product_plus", List.of(2.0, 3.0, 0.5)));
            Object infinities = instance.call("product_plus", List.of(1e308, 10.0, Double.NEGATIVE_INFINITY)).getFirst();
            assertEquals(true, Double.isNaN((Double) infinities));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSumCopiedToASecondLocalReachesBothAndWraps(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(2L * 6 + 2L * 99), instance.call("tee_then_set", List.of(5, 100L)));
            assertEquals(List.of(2L * Integer.MIN_VALUE - 2), instance.call("tee_then_set", List.of(Integer.MAX_VALUE, Long.MIN_VALUE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEqzOfAnEqzBranchesOnTheInnerOperand(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(1), instance.call("steps_to_zero", List.of(-8L, 0)));
            assertEquals(List.of(1000 + 1000), instance.call("steps_to_zero", List.of(-8000L, 7)));
            assertEquals(List.of(1001), instance.call("steps_to_zero", List.of(-8L, Integer.MIN_VALUE)));
            assertEquals(List.of(8), instance.call("big_steps_to_zero", List.of(-1L << 33)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRotationOfAProductGivesWhatTheShiftsAndProductsGave(Mode mode) {
        int factor = 0xcc9e2d51;
        try (WasmInstance instance = start(mode)) {
            for (int x : new int[] {0, 1, -1, 0x12345678, Integer.MIN_VALUE, 0x7FFFFFFF}) {
                int product = x * factor;
                int second = x * (factor << 15);
                assertEquals(List.of(Integer.rotateLeft(product, 15)), instance.call("rotated_product", List.of(x)), "x = " + x);
                assertEquals(List.of(((product >>> 17) | second) + second),
                        instance.call("rotated_product_read_later", List.of(x)), "x = " + x);
                assertEquals(List.of((product >>> 16) | second), instance.call("rotated_product_other_factor", List.of(x)), "x = " + x);
            }
        }
    }

    /** The turns of {@code do { j += step; } while (j < n)}, signed or unsigned, as Java counts them. */
    private static int strideTurns(int j, int step, int n, boolean unsigned) {
        int turns = 0;
        do {
            turns++;
            j += step;
        } while (unsigned ? Integer.compareUnsigned(j, n) < 0 : j < n);
        return turns;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStepBySlotFusedWithItsTestComparesTheWrappedSum(Mode mode) {
        int[][] cases = {{0, 7, 100}, {5, 3, 6}, {Integer.MAX_VALUE - 5, 10, Integer.MIN_VALUE + 40}, {-50, 25, 0}, {0, -1, -3}};
        try (WasmInstance instance = start(mode)) {
            for (int[] c : cases) {
                List<Number> args = List.of(c[0], c[1], c[2]);
                int signed = strideTurns(c[0], c[1], c[2], false);
                assertEquals(List.of(signed), instance.call("stride", args), "stride " + args);
                assertEquals(List.of(signed), instance.call("stride_limit_first", args), "stride_limit_first " + args);
                assertEquals(List.of(strideTurns(c[0], c[1], c[2], true)), instance.call("stride_unsigned", args), "stride_unsigned " + args);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProductJoinedWithItsReaderFurtherOnIsRoundedAsBefore(Mode mode) {
        double[][] cases = {{1.1, 2.3, 4.0}, {1e308, 10.0, 2.0}, {-0.1, 0.7, 0.3}, {3.0, 0.0, -1.0}};
        try (WasmInstance instance = start(mode)) {
            for (double[] c : cases) {
                double a = c[0], b = c[1], root = Math.sqrt(c[2]);
                List<Number> args = List.of(a, b, c[2]);
                assertEquals(List.of(a * b + root), instance.call("product_then_root", args), "product_then_root " + args);
                assertEquals(List.of(root - a * b), instance.call("root_less_early_product", args), "root_less " + args);
                assertEquals(List.of(a * b - root), instance.call("early_product_less_root", args), "less_root " + args);
                assertEquals(List.of((root + a * b) * (a * b)), instance.call("early_product_read_again", args), "read_again " + args);
                assertEquals(List.of(root + a * b), instance.call("early_product_of_a_changed_factor", args), "changed " + args);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadFusedWithItsTestStopsWhereTheTestFailsAndTrapsPastTheEnd(Mode mode) {
        // The i32s from address 0: 1 3 5 7 -2 100, then zeros; each scan starts 4 bytes after p.
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(12), instance.call("scan_while_less", List.of(0, 6)));
            assertEquals(List.of(4), instance.call("scan_while_less", List.of(0, 0)));
            // An equal value ends each scan.
            assertEquals(List.of(4), instance.call("scan_while_less", List.of(0, 3)));
            assertEquals(List.of(4), instance.call("scan_while_greater", List.of(0, 3)));
            assertEquals(List.of(4), instance.call("scan_while_above_limit", List.of(0, 3)));
            assertEquals(List.of(20), instance.call("scan_while_less", List.of(12, 0)));
            assertEquals(List.of(16), instance.call("scan_while_greater", List.of(0, 2)));
            assertEquals(List.of(16), instance.call("scan_while_above_limit", List.of(0, 2)));
            assertEquals(List.of(24), instance.call("scan_while_above_limit", List.of(16, 7)));
            assertOutOfBounds(() -> instance.call("scan_while_greater", List.of(65536 - 8, -1000)));
            assertEquals(List.of(16), instance.call("scan_while_greater", List.of(4, 4)), "usable after the trap");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadMovedBelowItsPointerStepReadsWhereItDidAndTrapsWhereItDid(Mode mode) {
        int[] words = {1, 3, 5, 7, -2, 100};
        try (WasmInstance instance = start(mode)) {
            for (int[] c : new int[][] {{20, 4}, {12, 5}, {8, 5}, {20, 1}, {12, 6}, {4, 2}}) {
                int p = c[0], loaded;
                do {
                    loaded = words[p / 4];
                    p -= 4;
                } while (c[1] < loaded);
                assertEquals(List.of(p), instance.call("scan_down_while_above_limit", List.of(c[0], c[1])), "from " + c[0]);
            }
            // Below address 0 the scan reads at 2^32 - 4, out of bounds.
            assertOutOfBounds(() -> instance.call("scan_down_while_above_limit", List.of(12, 0)));
            assertEquals(List.of(12), instance.call("scan_down_while_above_limit", List.of(20, 4)), "usable after the trap");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aLoadedValueMultipliedIntoASumThatIsStoredRunsInOrder(Mode mode) {
        double[] values = {1.5, -2.25, 1e300, 0.1, -0.0};
        double dt = 0.01;
        try (WasmInstance instance = start(mode)) {
            byte[] bytes = new byte[8 * values.length];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
            instance.memory().write(1024, bytes);
            double x = 0;
            double[] stored = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                x = x + values[i] * dt;
                stored[i] = x;
            }
            assertEquals(List.of(x), instance.call("accumulate", List.of(1024, 2048, dt, values.length)));
            double[] written = new double[values.length];
            ByteBuffer.wrap(instance.memory().read(2048, bytes.length)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(written);
            assertArrayEquals(stored, written);
            // Each sum is stored where the next value is loaded from: the load reads it.
            double sum = values[0] * dt;
            sum = sum + sum * dt;
            assertEquals(List.of(sum), instance.call("accumulate", List.of(1024, 1032, dt, 2)));
            // The last store is out of bounds, the last load not.
            assertOutOfBounds(() -> instance.call("accumulate", List.of(1024, 65536 - 16, dt, 3)));
            assertOutOfBounds(() -> instance.call("accumulate", List.of(65536 - 8, 3000, dt, 2)));
            assertEquals(List.of(values[0] * dt), instance.call("accumulate", List.of(1024, 2048, dt, 1)), "usable after the trap");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pointerStepsBeforeTheCounterTestStepOnEveryTurnAndWrap(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int[] c : new int[][] {{100, 1}, {Integer.MAX_VALUE - 20, 5}, {-7, 3}}) {
                int p = c[0], sum = 0;
                for (int n = c[1]; n != 0; n--) {
                    sum += p;
                    p += 8;
                }
                assertEquals(List.of(sum + p), instance.call("step_and_count_i32", List.of(c[0], c[1])), "i32 " + c[0]);
                long p64 = c[0] * 1_000_000_007L, sum64 = 0;
                for (long n = c[1]; n != 0; n--) {
                    sum64 += p64;
                    p64 += 8;
                }
                assertEquals(List.of(sum64 + p64), instance.call("step_and_count_i64", List.of(c[0] * 1_000_000_007L, (long) c[1])));
            }
            // A limit that is the counter itself is read after the step: equal, so one turn (read
            // before, it would differ on every turn and never end).
            assertEquals(List.of(116 + 47 + 9),
                    instance.call("two_steps_against_own_count", List.of(100, 50, 7), Duration.ofSeconds(10)));
            for (int[] c : new int[][] {{3, 1000, 0, 2}, {Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 6, 16}, {-5, 7, -4, 8}}) {
                int p = c[0], q = c[1], i = c[2], sum = 0;
                do {
                    sum += p * q;
                    p += 16;
                    q -= 3;
                    i += 2;
                } while (i != c[3]);
                assertEquals(List.of(sum + p + q * i), instance.call("two_steps_and_count_to_i32", List.of(c[0], c[1], c[2], c[3])));
                long p64 = c[0] * 3_000_000_019L, q64 = c[1], i64 = c[2], sum64 = 0;
                do {
                    sum64 += p64 * q64;
                    p64 += 16;
                    q64 -= 3;
                    i64 += 2;
                } while (i64 != c[3]);
                assertEquals(List.of(sum64 + p64 + q64 * i64), instance.call("two_steps_and_count_to_i64",
                        List.of(c[0] * 3_000_000_019L, (long) c[1], (long) c[2], (long) c[3])));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRotationFusedWithAMultiplicationWrapsAsTheTwoInstructionsDid(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int x : WORDS) {
                assertEquals(List.of(Integer.rotateLeft(x, 5) * 0x27220a95), instance.call("rotate_then_multiply", List.of(x)));
                assertEquals(List.of(Integer.rotateLeft(x, 13) * 5 + 0xe6546b64), instance.call("rotate_then_multiply_add", List.of(x)));
                assertEquals(List.of(Integer.rotateLeft(x, 13) * 6), instance.call("rotation_read_again", List.of(x)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWordMixedIntoAHashWrapsAsTheFourInstructionsDid(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int k : WORDS) {
                int mixed = murmurMix(k);
                for (int h : WORDS) {
                    assertEquals(List.of(h ^ mixed), instance.call("mix_word", List.of(k, h)));
                    assertEquals(List.of((mixed ^ h) + mixed), instance.call("mixed_word_read_again", List.of(k, h)));
                    assertEquals(List.of(mixed ^ h), instance.call("mix_word_into_itself", List.of(k, h)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aWordLoadedAndMixedIntoAHashIsTheWordInMemory(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int k : WORDS) {
                instance.call("store_i32", List.of(1004, k));
                int mixed = murmurMix(k);
                for (int h : WORDS) {
                    assertEquals(List.of(h ^ mixed), instance.call("mix_loaded_word", List.of(1000, h)));
                    assertEquals(List.of((h ^ mixed) + k), instance.call("mixed_loaded_word_read_again", List.of(1000, h)));
                }
                assertEquals(List.of(1000 ^ mixed), instance.call("mix_loaded_word_with_its_address", List.of(1000)));
                assertEquals(List.of(k ^ mixed), instance.call("mix_loaded_word_with_itself", List.of(1000)));
            }
            // The word at 65532 + 4 is past the end of memory.
            assertOutOfBounds(() -> instance.call("mix_loaded_word", List.of(65532, 0)));
        }
    }
}
