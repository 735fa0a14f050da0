package dev.beamr.engine.interpreter;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.CallAbortedException;
import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fuel charges the dispatch loop makes after a branch: a run falling into a label is charged
 * together with the label's run, exactly, and either charge can exhaust the fuel. A jump replaced
 * by a copy of the code it went to charges what the jump and that code did, in both modes.
 */
class FuelChargeTest {
    private static final BeamrModule MODULE = Beamr.compile(TestFiles.module("interpreter-fuel"));

    private static WasmInstance metered(long fuel) {
        return MODULE.start(InstanceOptions.builder().fuel(fuel).build());
    }

    @Test
    void fallingIntoALabelChargesBothRunsExactly() {
        try (WasmInstance instance = metered(7)) {
            assertEquals(List.of(7), instance.call("fall_into_label", List.of(0)));
            assertEquals(OptionalLong.of(0), instance.remainingFuel());
        }
        try (WasmInstance instance = metered(6)) {
            assertEquals(List.of(7), instance.call("fall_into_label", List.of(1)));
            assertEquals(OptionalLong.of(0), instance.remainingFuel());
        }
    }

    @Test
    void theLabelsChargeCanExhaustTheFuel() {
        // 6 pays for the runs before the label but not for the label's run of 3.
        try (WasmInstance instance = metered(6)) {
            CallAbortedException e = assertThrows(CallAbortedException.class,
                    () -> instance.call("fall_into_label", List.of(0)));
            assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, e.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCopiedEndChargesTheInstructionsOfTheJumpAndTheEndExactly(Mode mode) {
        BeamrModule module = Beamr.compile(TestFiles.module("interpreter-fuel"), mode);
        for (long[] call : new long[][] {{1, 5, 10, 15, 9}, {1, -5, 10, 5, 9}, {0, 5, 10, 13, 8}}) {
            long fuel = call[4];
            List<Number> arguments = List.of((int) call[0], (int) call[1], call[2]);
            try (WasmInstance instance = module.start(InstanceOptions.builder().fuel(fuel).build())) {
                assertEquals(List.of(call[3]), instance.call("early_result", arguments));
                assertEquals(OptionalLong.of(0), instance.remainingFuel());
            }
            try (WasmInstance instance = module.start(InstanceOptions.builder().fuel(fuel - 1).build())) {
                CallAbortedException e = assertThrows(CallAbortedException.class,
                        () -> instance.call("early_result", arguments));
                assertEquals(CallAbortedException.Reason.FUEL_EXHAUSTED, e.reason());
            }
        }
    }
}
