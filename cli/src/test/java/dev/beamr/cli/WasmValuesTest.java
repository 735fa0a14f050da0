package dev.beamr.cli;

import dev.beamr.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasmValuesTest {
    @ParameterizedTest
    @CsvSource({
            "120, 120",
            "12582399.625, 12582399.625",
            "0.3587824711040494, 0.3587824711040494",
            "0.1, 0.1",
            "-2.5, -2.5",
            "1e21, 1e+21",
            "123456789012345680000, 123456789012345680000",
            "1e-7, 1e-7",
            "1.5e-6, 0.0000015",
            "-0.0, -0",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "4.9e-324, 5e-324",
    })
    void f64IsShortestRoundTripWithoutTrailingFraction(double value, String expected) {
        assertEquals(expected, WasmValues.formatF64(value));
        if (!expected.contains("e")) assertEquals(value, Double.parseDouble(expected));
    }

    @Test
    void f32UsesTheShortestDigitsOfTheFloat() {
        assertEquals("0.1", WasmValues.formatF32(0.1f));
        assertEquals("16777216", WasmValues.formatF32(16777216f));
        assertEquals("3.4028235e+38", WasmValues.formatF32(Float.MAX_VALUE));
    }

    @Test
    void specialValuesUseTheTextFormatNames() {
        assertEquals("inf", WasmValues.formatF64(Double.POSITIVE_INFINITY));
        assertEquals("-inf", WasmValues.formatF32(Float.NEGATIVE_INFINITY));
        assertEquals("nan", WasmValues.format(ValueType.F64, 0x7FF8_0000_0000_0000L));
        assertEquals("-nan", WasmValues.format(ValueType.F32, 0xFFC0_0000L));
        assertEquals("nan:0x1", WasmValues.format(ValueType.F64, 0x7FF0_0000_0000_0001L));
        assertEquals("-nan:0x200001", WasmValues.format(ValueType.F32, 0xFFA0_0001L));
    }

    @Test
    void integersPrintSigned() {
        assertEquals("-1", WasmValues.format(ValueType.I32, 0xFFFF_FFFFL));
        assertEquals("-1858846410", WasmValues.format(ValueType.I32, -1858846410));
        assertEquals("-9223372036854775808", WasmValues.format(ValueType.I64, Long.MIN_VALUE));
    }

    @Test
    void integerArgumentsAcceptSignedAndUnsignedRanges() {
        assertEquals(-1, (int) WasmValues.parse(ValueType.I32, "4294967295"));
        assertEquals(-1, (int) WasmValues.parse(ValueType.I32, "-1"));
        assertEquals(Integer.MIN_VALUE, (int) WasmValues.parse(ValueType.I32, "-2147483648"));
        assertEquals(-1L, WasmValues.parse(ValueType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, WasmValues.parse(ValueType.I64, "-9223372036854775808"));
        assertEquals(42L, WasmValues.parse(ValueType.I64, "+42"));
    }

    @ParameterizedTest
    @CsvSource({"I32, 4294967296", "I32, -2147483649", "I64, 18446744073709551616", "I32, 0x10", "I32, 1.0", "I64, ''"})
    void badIntegersAreRejectedWithTheText(ValueType type, String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> WasmValues.parse(type, text));
        assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
    }

    @Test
    void floatArgumentsKeepTheirExactBits() {
        assertEquals(Double.doubleToRawLongBits(0.1), WasmValues.parse(ValueType.F64, "0.1"));
        assertEquals(Float.floatToRawIntBits(0.1f), (int) WasmValues.parse(ValueType.F32, "0.1"));
        assertEquals(Double.doubleToRawLongBits(-0.0), WasmValues.parse(ValueType.F64, "-0"));
        assertEquals(Double.doubleToRawLongBits(1e-3), WasmValues.parse(ValueType.F64, ".001"));
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), WasmValues.parse(ValueType.F64, "-inf"));
        assertEquals(0xFFF8_0000_0000_0000L, WasmValues.parse(ValueType.F64, "-nan"));
        assertEquals(0x7FC0_0000L, WasmValues.parse(ValueType.F32, "nan"));
    }

    @ParameterizedTest
    @CsvSource({"F64, 1.5d", "F64, 0x1p3", "F32, NaN(1)", "F64, 1e", "F64, ."})
    void nonDecimalFloatsAreRejected(ValueType type, String text) {
        assertThrows(IllegalArgumentException.class, () -> WasmValues.parse(type, text));
    }

    @Test
    void referenceTypesCannotBeParsed() {
        assertThrows(IllegalArgumentException.class, () -> WasmValues.parse(ValueType.FUNCREF, "0"));
    }
}
