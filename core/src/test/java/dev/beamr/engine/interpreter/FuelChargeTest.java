package dev.beamr.engine.interpreter;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.CallAbortedException;
import dev.beamr.InstanceOptions;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fuel charges the dispatch loop makes after a branch: a run falling into a label is charged
 * together with the label's run, exactly, and either charge can exhaust the fuel.
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
}
