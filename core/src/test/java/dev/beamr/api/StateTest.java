package dev.beamr.api;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.InstanceOptions;
import dev.beamr.SnapshotException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.WasmInstance;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and restoring state: BEAMR's serialize/deserialize, and full-state snapshots. */
class StateTest {
    static Stream<TestModules.Source> memoryModules() {
        return Stream.of(TestModules.own("api-memory"), TestModules.own("api-memory64"),
                TestModules.hyperbeam("test-print.wasm"), TestModules.hyperbeam("aos-2-pure-xs.wasm"));
    }

    @ParameterizedTest
    @MethodSource("memoryModules")
    void serializedSizeEqualsMemorySize(TestModules.Source source) {
        try (WasmInstance instance = Beamr.start(source.bytes())) {
            assertEquals(instance.memory().size(), instance.serialize().length);
        }
    }

    @ParameterizedTest
    @MethodSource("memoryModules")
    void deserializeRestoresTheSerializedData(TestModules.Source source) {
        byte[] bytes = source.bytes();
        try (WasmInstance original = Beamr.start(bytes); WasmInstance fresh = Beamr.start(bytes)) {
            original.memory().write(100, "saved data".getBytes(StandardCharsets.UTF_8));
            byte[] image = original.serialize();
            original.memory().write(100, "overwritten".getBytes(StandardCharsets.UTF_8));
            original.deserialize(image);
            assertEquals("saved data", new String(original.memory().read(100, 10), StandardCharsets.UTF_8));
            fresh.deserialize(image);
            assertArrayEquals(image, fresh.serialize());
        }
    }

    @Test
    void deserializeGrowsMemoryToHoldALargerImage() {
        byte[] bytes = TestFiles.module("api-memory");
        try (WasmInstance grown = Beamr.start(bytes); WasmInstance fresh = Beamr.start(bytes)) {
            grown.memory().growPages(2);
            grown.memory().write(2 * 65536 + 5, new byte[]{9});
            fresh.deserialize(grown.serialize());
            assertEquals(3 * 65536, fresh.memory().size());
            assertArrayEquals(new byte[]{9}, fresh.memory().read(2 * 65536 + 5, 1));
        }
    }

    @Test
    void aSnapshotRestoresTheWholeStateIntoAFreshInstance() {
        BeamrModule module = Beamr.compile(TestFiles.module("api-calls"));
        try (WasmInstance original = module.start(); WasmInstance restored = module.start()) {
            for (int i = 0; i < 3; i++) original.call("increment", List.of(5L));
            original.call("install_double", List.of(2));
            original.call("drop_passive", List.of());
            original.memory().growPages(2);
            original.memory().write(3 * 65536 - 4, new byte[]{1, 2, 3, 4});
            byte[] snapshot = original.snapshot();

            restored.restore(snapshot);
            assertArrayEquals(snapshot, restored.snapshot(), "the restored state is the original state");
            assertEquals(List.of(15L), restored.call("total", List.of()));
            assertEquals(List.of(4), restored.call("increment", List.of(1L)));
            assertEquals(List.of(14), restored.call(2, List.of(7)), "the table slot filled before the snapshot");
            assertEquals(List.of(1), restored.call("last_is_set", List.of()));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    assertThrows(TrapException.class, () -> restored.call("load_passive", List.of(0))).kind(),
                    "the dropped segment stays dropped");
            assertEquals(3 * 65536, restored.memory().size());
            assertArrayEquals(new byte[]{1, 2, 3, 4}, restored.memory().read(3 * 65536 - 4, 4));
        }
    }

    @Test
    void aSnapshotCarriesTheWamrHostHeapsBookkeeping() {
        BeamrModule module = Beamr.compile(TestFiles.module("api-calls"));
        InstanceOptions wamr = InstanceOptions.builder().wamrHostHeap(true).build();
        try (WasmInstance original = module.start(wamr); WasmInstance restored = module.start(wamr)) {
            long kept = original.memory().writeString("kept");
            restored.restore(original.snapshot());
            assertEquals("kept", restored.memory().readString(kept));
            assertTrue(restored.memory().malloc(8) != kept, "the restored heap knows the block is in use");
        }
    }

    @Test
    void aFixtureSnapshotRoundTrips() {
        BeamrModule module = Beamr.compile(TestFiles.readHyperbeamFixture("aos-2-pure-xs.wasm"));
        try (WasmInstance original = module.start(); WasmInstance restored = module.start()) {
            original.memory().write(1 << 20, "state".getBytes(StandardCharsets.UTF_8));
            byte[] snapshot = original.snapshot();
            restored.restore(snapshot);
            assertArrayEquals(snapshot, restored.snapshot());
        }
    }

    @Test
    void aCorruptSnapshotIsRejectedBeforeAnythingChanges() {
        BeamrModule module = Beamr.compile(TestFiles.module("api-calls"));
        try (WasmInstance original = module.start(); WasmInstance target = module.start()) {
            original.call("increment", List.of(9L));
            byte[] snapshot = original.snapshot();
            byte[] flipped = snapshot.clone();
            flipped[100] ^= 1;
            assertThrows(SnapshotException.class, () -> target.restore(flipped));
            assertThrows(SnapshotException.class, () -> target.restore(new byte[10]));
            assertThrows(SnapshotException.class, () -> target.restore(java.util.Arrays.copyOf(snapshot, snapshot.length - 1)));
            assertEquals(List.of(0L), target.call("total", List.of()), "nothing was applied");
        }
    }

    @Test
    void aSnapshotOfAnotherModuleIsRejected() {
        try (WasmInstance calls = Beamr.start(TestFiles.module("api-calls"));
             WasmInstance memory = Beamr.start(TestFiles.module("api-memory"))) {
            SnapshotException error = assertThrows(SnapshotException.class, () -> memory.restore(calls.snapshot()));
            assertTrue(error.getMessage().contains("different module"), error.getMessage());
        }
    }

    @Test
    void aSnapshotCannotUndoWhatTheTargetAlreadyDid() {
        BeamrModule module = Beamr.compile(TestFiles.module("api-calls"));
        try (WasmInstance original = module.start(); WasmInstance advanced = module.start()) {
            byte[] snapshot = original.snapshot();
            advanced.call("drop_passive", List.of());
            assertThrows(SnapshotException.class, () -> advanced.restore(snapshot));
            advanced.memory().growPages(1);
            assertThrows(SnapshotException.class, () -> advanced.restore(snapshot));
        }
    }
}
