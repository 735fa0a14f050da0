package dev.beamr.engine.compiler;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constantsAreStoredWithTheWidthOfTheirStore(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            // Bytes ff 00 fd ff 78 56 34 12 (byte 1 untouched) xor the i64 -2.
            assertEquals(List.of(0x12345678_FFFD00FFL ^ -2L), instance.call("store_constants", List.of(64)));
            TrapException trap = assertThrows(TrapException.class, () -> instance.call("store_constants", List.of(65536)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anF64SumIsStoredBackWhereItWasLoaded(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            assertEquals(List.of(3.0), instance.call("add_twice", List.of(8, 1.5)));
            assertEquals(List.of(3.5), instance.call("add_twice", List.of(8, 0.25)));
            TrapException trap = assertThrows(TrapException.class, () -> instance.call("add_twice", List.of(65536 - 7, 1.0)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
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
            TrapException trap = assertThrows(TrapException.class,
                    () -> instance.call("axpy", List.of(1000, 65536 - 7, 1.0, 1)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
            // With n = 1 it returns y[0] twice: still 2 after the trap.
            assertEquals(List.of(4.0), instance.call("axpy", List.of(1000, 2000, 0.0, 1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProductIsAddedInPlace(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            instance.call("store_f64", List.of(512, 0.5));
            assertEquals(List.of(6.5), instance.call("add_product", List.of(512, 2.0, 3.0)));
            assertEquals(List.of(Double.POSITIVE_INFINITY), instance.call("add_product", List.of(512, 1e308, 10.0)));
            TrapException trap = assertThrows(TrapException.class, () -> instance.call("add_product", List.of(65536 - 7, 1.0, 1.0)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aProductOfThreeIsAddedInPlaceRoundedAtEachStep(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            instance.call("store_f64", List.of(512, 0.5));
            assertEquals(List.of(24.5), instance.call("add_product_of_three", List.of(512, 2.0, 3.0, 4.0)));
            // 1e308 * 10 overflows before the multiplication by 0.1.
            assertEquals(List.of(Double.POSITIVE_INFINITY), instance.call("add_product_of_three", List.of(512, 1e308, 10.0, 0.1)));
            TrapException trap = assertThrows(TrapException.class,
                    () -> instance.call("add_product_of_three", List.of(65536 - 7, 1.0, 1.0, 1.0)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void productsAreSubtractedInPlace(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            instance.call("store_f64", List.of(512, 20.0));
            // 20 - 2 * 3 - (2 * 3) * 3 = -4
            assertEquals(List.of(-4.0), instance.call("subtract_products", List.of(512, 2.0, 3.0)));
            TrapException trap = assertThrows(TrapException.class,
                    () -> instance.call("subtract_products", List.of(65536 - 7, 1.0, 1.0)));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        }
    }
}
