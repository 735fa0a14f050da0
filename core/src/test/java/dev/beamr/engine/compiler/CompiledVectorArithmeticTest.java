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
 * The f64 arithmetic of 3-vectors that lowering fuses (F64_DOT_3, F64_DIV_MUL_SQRT,
 * F64_MUL_MUL_ADD_LOAD_STORE_3, F64_MUL_MUL_SUB_LOAD_STORE_3) from compiler-vector-arithmetic.wat,
 * against the same arithmetic in Java, rounded at the same steps: the same results and traps in both
 * modes.
 */
class CompiledVectorArithmeticTest {
    private static final int P = 1024;
    private static final int Q = 2048;
    private static final double[] BODY_P = {1.5, -2.25, 0.125, 0.5, -0.75, 1.0, 3.0};
    private static final double[] BODY_Q = {-0.5, 1.0, 2.0, 0.0, 0.25, -0.5, 0.7};

    @BeforeAll
    static void everyFunctionIsCompiled() {
        CompiledCode code = Modes.compile("compiler-vector-arithmetic");
        assertEquals(code.functionCount(), code.compiledCount());
    }

    private static WasmInstance start(Mode mode) {
        return Modes.start("compiler-vector-arithmetic", mode, InstanceOptions.defaults());
    }

    private static void store(WasmInstance instance, int at, double... values) {
        for (int i = 0; i < values.length; i++) instance.call("store_f64", List.of(at + 8 * i, values[i]));
    }

    private static double load(WasmInstance instance, int at) {
        return (double) instance.call("load_f64", List.of(at)).getFirst();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPairOfBodiesPullsEachOtherAsJavaComputesIt(Mode mode) {
        double dt = 0.01;
        double dx = BODY_P[0] - BODY_Q[0];
        double dy = BODY_P[1] - BODY_Q[1];
        double dz = BODY_P[2] - BODY_Q[2];
        double d2 = dx * dx + dy * dy + dz * dz;
        double mag = dt / (d2 * Math.sqrt(d2));
        double[] d = {dx, dy, dz};
        try (WasmInstance instance = start(mode)) {
            store(instance, P, BODY_P);
            store(instance, Q, BODY_Q);
            assertEquals(List.of(mag), instance.call("pair", List.<Number>of(P, Q, dt)));
            for (int k = 0; k < 3; k++) {
                assertEquals(BODY_P[3 + k] - d[k] * BODY_Q[6] * mag, load(instance, P + 24 + 8 * k), "p.v" + k);
                assertEquals(BODY_Q[3 + k] + d[k] * BODY_P[6] * mag, load(instance, Q + 24 + 8 * k), "q.v" + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void threeUpdatesRunInOrderAndOneOutOfBoundsTrapsAfterTheOnesBeforeIt(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            store(instance, P + 8, 10.0, 20.0, 30.0);
            instance.call("push", List.<Number>of(P, 1.0, 2.0, 3.0, 0.5, 4.0));
            assertEquals(List.of(8.0, 16.0, 24.0), List.of(load(instance, P + 8), load(instance, P + 16), load(instance, P + 24)));
            // 1e308 * 10 overflows before the multiplication by 0.1.
            instance.call("push", List.<Number>of(P, 1e308, 0.0, 0.0, 10.0, 0.1));
            assertEquals(Double.NEGATIVE_INFINITY, load(instance, P + 8));
            // The third f64 is the last one out of bounds: the first two are updated before the trap.
            int end = 65536 - 24;
            store(instance, end + 8, 1.0, 2.0);
            assertOutOfBounds(() -> instance.call("push", List.<Number>of(end, 1.0, 1.0, 1.0, 1.0, 1.0)));
            assertEquals(List.of(0.0, 1.0), List.of(load(instance, end + 8), load(instance, end + 16)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachOfThreeUpdatesFormsItsOwnAddressAsAnI32SumThatWraps(Mode mode) {
        try (WasmInstance instance = start(mode)) {
            store(instance, 0, 1.0, 2.0, 3.0);
            // p = -8: the sums are 0, 8 and 16.
            instance.call("pull_wrapping", List.<Number>of(-8, 1.0, 2.0, 3.0, 2.0, 0.25));
            assertEquals(List.of(1.5, 3.0, 4.5), List.of(load(instance, 0), load(instance, 8), load(instance, 16)));
            int end = 65536 - 24;
            store(instance, end + 8, 1.0, 2.0);
            assertOutOfBounds(() -> instance.call("pull_wrapping", List.<Number>of(end, 1.0, 1.0, 1.0, 1.0, 1.0)));
            assertEquals(List.of(2.0, 3.0), List.of(load(instance, end + 8), load(instance, end + 16)));
        }
    }
}
