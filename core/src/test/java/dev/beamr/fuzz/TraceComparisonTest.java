package dev.beamr.fuzz;

import dev.beamr.TrapKind;
import dev.beamr.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.beamr.fuzz.TraceComparison.Kind.AGREED;
import static dev.beamr.fuzz.TraceComparison.Kind.BOTH_REJECTED;
import static dev.beamr.fuzz.TraceComparison.Kind.DIVERGED;
import static dev.beamr.fuzz.TraceComparison.Kind.INCONCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceComparisonTest {
    private static TraceComparison.Kind compare(List<String> beamr, List<String> v8) {
        return TraceComparison.compare(beamr, v8).kind();
    }

    @Test
    void identicalTracesAgreeAndMessagesAreIgnored() {
        assertEquals(AGREED, compare(List.of("call f", "log i32:1", "trap memory-oob | out of bounds memory access (in f)"),
                List.of("call f", "log i32:1", "trap memory-oob | memory access out of bounds")));
        assertEquals(BOTH_REJECTED, compare(List.of("invalid | type mismatch"), List.of("invalid | WebAssembly.Module(): ...")));
    }

    @Test
    void differentValuesLogsOrOutcomesDiverge() {
        assertEquals(DIVERGED, compare(List.of("call f", "return i32:1"), List.of("call f", "return i32:2")));
        assertEquals(DIVERGED, compare(List.of("call f", "log f64:0", "return"), List.of("call f", "return")));
        assertEquals(DIVERGED, compare(List.of("call f", "return"), List.of("call f", "trap unreachable | unreachable")));
        assertEquals(DIVERGED, compare(List.of("invalid | x"), List.of("call f", "return")));
        assertEquals(DIVERGED, compare(List.of("call f", "trap div-zero | a"), List.of("call f", "trap unreachable | b")));
    }

    @Test
    void trapKindsMatchThroughAlternativesAndUnclassifiedMessages() {
        assertEquals(AGREED, compare(List.of("call f", "trap int-overflow | x"), List.of("call f", "trap invalid-conversion/int-overflow | y")));
        assertEquals(AGREED, compare(List.of("call f", "trap table-oob | x"), List.of("call f", "trap other | y")));
    }

    @Test
    void stackExhaustionOrTimeoutEndsTheComparisonButEarlierCallsCount() {
        assertEquals(INCONCLUSIVE, compare(List.of("call f", "log i32:1", "exhausted"), List.of("call f", "log i32:1", "log i32:1", "exhausted")));
        assertEquals(INCONCLUSIVE, compare(List.of("call f", "return", "call g", "timeout"), List.of("call f", "return", "call g", "return")));
        assertEquals(DIVERGED, compare(List.of("call f", "return i32:0", "call g", "timeout"), List.of("call f", "return i32:1", "call g", "return")));
    }

    @Test
    void valuesAreWrittenAsTheJsHarnessWritesThem() {
        assertEquals("i32:4294967295", BeamrTrace.format(ValType.I32, -1, null));
        assertEquals("i64:18446744073709551615", BeamrTrace.format(ValType.I64, -1, null));
        assertEquals("f32:80000000", BeamrTrace.format(ValType.F32, Float.floatToRawIntBits(-0f), null));
        assertEquals("f32:nan", BeamrTrace.format(ValType.F32, 0x7FA0_0001L, null));
        assertEquals("f64:3ff8000000000000", BeamrTrace.format(ValType.F64, Double.doubleToRawLongBits(1.5), null));
        assertEquals("f64:nan", BeamrTrace.format(ValType.F64, 0xFFF8_0000_0000_0000L, null));
        assertEquals("ref:null", BeamrTrace.format(ValType.FUNCREF, 0, null));
        assertEquals("indirect-call", BeamrTrace.trapKind(TrapKind.INDIRECT_CALL_TYPE_MISMATCH));
    }
}
