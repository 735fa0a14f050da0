package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.beamr.engine.compiler.Modes.assertOutOfBounds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stores of constants (STORE8_IMM .. STORE64_IMM) and f64 sums stored in place (F64_ADD_LOAD_STORE,
 * F64_MUL_LOAD_ADD_STORE, F64_MUL_ADD_LOAD_STORE, F64_MUL_MUL_ADD_LOAD_STORE) and products subtracted in
 * place (F64_MUL_SUB_LOAD_STORE, F64_MUL_MUL_SUB_LOAD_STORE) from compiler-fused-stores.wat: the same
 * results and traps in both modes.
 */
class CompiledFusedStoresTest {
    @BeforeAll
    static void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile("compiler-fused-stores");
        assertEquals(code.functionCount(), code.compiledCount());
    }

    private static WasmInstance start(Mode mode) {
        return Modes.start("compiler-fused-stores", mode, InstanceOptions.defaults());
    }

    /** An instance whose f64 at 512, where the in-place tests work, is {@code value}. */
    private static WasmInstance startHolding(Mode mode, double value) {
        WasmInstance instance = start(mode);
        try {
            instance.call("store_f64", List.of(512, value));
            return instance;
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsAreStoredWithTheWidthOfTheirStore(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            // Bytes ff 00 fd ff 78 56 34 12 (byte 1 untouched) xor the i64 -2.
            assertEquals(List.of(0x12345678_FFFD00FFL ^ -2L), instance.call("store_constants", List.of(64)));
            assertOutOfBounds(() -> instance.call("store_constants", List.of(65536)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anF64SumIsStoredBackWhereItWasLoaded(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(3.0), instance.call("add_twice", List.of(8, 1.5)));
            assertEquals(List.of(3.5), instance.call("add_twice", List.of(8, 0.25)));
            assertOutOfBounds(() -> instance.call("add_twice", List.of(65536 - 7, 1.0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAxpyLoopAddsEachProductInPlace(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            for (int i = 0; i < 4; i++) {
                instance.call("store_f64", List.of(1000 + 8 * i, 0.5 * i));
                instance.call("store_f64", List.of(2000 + 8 * i, 1.0 + i));
            }
            // y = {0, .5, 1, 1.5} + 2 * {1, 2, 3, 4} = {2, 4.5, 7, 9.5}
            assertEquals(List.of(11.5), instance.call("axpy", List.of(1000, 2000, 2.0, 4)));
            assertOutOfBounds(() -> instance.call("axpy", List.of(1000, 65536 - 7, 1.0, 1)));
            // With n = 1 it returns y[0] twice: still 2 after the trap.
            assertEquals(List.of(4.0), instance.call("axpy", List.of(1000, 2000, 0.0, 1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void productsOfTwoAndOfThreeAreAddedInPlaceEachRoundedFirst(Mode mode) {
        try (WasmInstance instance = startHolding(mode, 0.5)) {
            assertEquals(List.of(6.5), instance.call("add_product", List.of(512, 2.0, 3.0)));
            assertEquals(List.of(30.5), instance.call("add_product_of_three", List.of(512, 2.0, 3.0, 4.0)));
            assertEquals(List.of(Double.POSITIVE_INFINITY), instance.call("add_product", List.of(512, 1e308, 10.0)));
            // 1e308 * 10 overflows before the multiplication by 0.1.
            instance.call("store_f64", List.of(512, 0.5));
            assertEquals(List.of(Double.POSITIVE_INFINITY), instance.call("add_product_of_three", List.of(512, 1e308, 10.0, 0.1)));
            assertOutOfBounds(() -> instance.call("add_product", List.of(65536 - 7, 1.0, 1.0)));
            assertOutOfBounds(() -> instance.call("add_product_of_three", List.of(65536 - 7, 1.0, 1.0, 1.0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void productsAreSubtractedInPlace(Mode mode) {
        try (WasmInstance instance = startHolding(mode, 20.0)) {
            // 20 - 2 * 3 - (2 * 3) * 3 = -4
            assertEquals(List.of(-4.0), instance.call("subtract_products", List.of(512, 2.0, 3.0)));
            assertOutOfBounds(() -> instance.call("subtract_products", List.of(65536 - 7, 1.0, 1.0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aValueLoadedEarlierIsDecreasedInPlaceUnlessMemoryMayChangeADivisionMayTrapFirstOrABranchLeaves(Mode mode) {
        try (WasmInstance instance = startHolding(mode, 20.0)) {
            assertEquals(List.of(14.0), instance.call("subtract_after_a_while", List.of(512, 2.0, 3.0)));
            // 100 is stored to the same place between the load of 14 and the store back.
            assertEquals(List.of(8.0), instance.call("subtract_past_a_store", List.of(512, 512, 2.0, 3.0)));
            assertEquals(List.of(2.0), instance.call("subtract_past_a_division", List.<Number>of(512, 2.0, 3.0, 7)));
            assertEquals(List.of(2.0), instance.call("subtract_unless_early", List.<Number>of(512, 2.0, 3.0, 1)));
            assertEquals(List.of(-4.0), instance.call("subtract_unless_early", List.<Number>of(512, 2.0, 3.0, 0)));
            assertOutOfBounds(() -> instance.call("subtract_after_a_while", List.of(65536 - 7, 1.0, 1.0)));
            // The load is out of bounds and the division by zero comes after it.
            assertOutOfBounds(() -> instance.call("subtract_past_a_division", List.<Number>of(65536, 1.0, 1.0, 0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEarlierProductIsMultipliedIntoTheStoreUnlessAFactorChangesInBetween(Mode mode) {
        try (WasmInstance instance = startHolding(mode, 100.0)) {
            // 100 - (2 * 3) * 4, then 76 - (2 * 3) * 4 with a set to 5 after its product.
            assertEquals(List.of(76.0), instance.call("subtract_early_product", List.of(512, 2.0, 3.0, 4.0)));
            assertEquals(List.of(52.0), instance.call("subtract_product_of_a_changed_factor", List.of(512, 2.0, 3.0, 4.0)));
            assertOutOfBounds(() -> instance.call("subtract_early_product", List.of(65536 - 7, 1.0, 1.0, 1.0)));
        }
    }
}
