package dev.beamr.spec;

import dev.beamr.engine.model.ValType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptValueTest {
    private static ScriptValue value(String type, String value) {
        return ScriptValue.parse(Map.of("type", type, "value", value));
    }

    /** Asserts that a numeric result of each of the bit patterns {@code bits} matches {@code expected}. */
    private static void assertMatchesAll(ScriptValue expected, long... bits) {
        for (long pattern : bits) {
            assertTrue(expected.matches(pattern, null), () -> expected + " should match 0x" + Long.toHexString(pattern));
        }
    }

    /** Asserts that a numeric result of each of the bit patterns {@code bits} does not match {@code expected}. */
    private static void assertMatchesNone(ScriptValue expected, long... bits) {
        for (long pattern : bits) {
            assertFalse(expected.matches(pattern, null), () -> expected + " should not match 0x" + Long.toHexString(pattern));
        }
    }

    @Test
    void numbersAreUnsignedBitPatterns() {
        assertEquals(0xffff_ffffL, value("i32", "4294967295").bits());
        assertEquals(-1L, value("i64", "18446744073709551615").bits());
        assertEquals(0x7fc0_0000L, value("f32", "2143289344").bits());
        assertThrows(ScriptFormatException.class, () -> value("i32", "4294967296").bits());
    }

    @Test
    void i32ResultsCompareOnlyTheLowBits() {
        assertMatchesAll(value("i32", "4294967295"), -1L);
        assertMatchesNone(value("i32", "1"), 2L);
    }

    @Test
    void canonicalNanIsOnlyTheQuietBitEitherSign() {
        assertMatchesAll(value("f32", ScriptValue.CANONICAL_NAN), 0x7fc0_0000L, 0xffc0_0000L);
        assertMatchesNone(value("f32", ScriptValue.CANONICAL_NAN), 0x7fc0_0001L, 0x7f80_0000L);
        assertMatchesAll(value("f64", ScriptValue.CANONICAL_NAN), 0xfff8_0000_0000_0000L);
        assertMatchesNone(value("f64", ScriptValue.CANONICAL_NAN), 0x7ff8_0000_0000_0001L);
    }

    @Test
    void arithmeticNanNeedsTheQuietBit() {
        assertMatchesAll(value("f32", ScriptValue.ARITHMETIC_NAN), 0x7fc0_0001L, 0xffc0_0000L);
        assertMatchesNone(value("f32", ScriptValue.ARITHMETIC_NAN), 0x7f80_0001L);
        assertMatchesAll(value("f64", ScriptValue.ARITHMETIC_NAN), 0x7ffc_0000_0000_0000L);
        assertMatchesNone(value("f64", ScriptValue.ARITHMETIC_NAN), 0x7ff0_0000_0000_0001L);
    }

    @Test
    void floatsOtherwiseCompareByBits() {
        assertMatchesAll(value("f64", "9223372036854775808"), 0x8000_0000_0000_0000L);
        assertMatchesNone(value("f64", "0"), 0x8000_0000_0000_0000L);
    }

    @Test
    void externrefsAreHostObjectsEqualByNumber() {
        ScriptValue one = value("externref", "1");
        assertEquals(new ScriptValue.HostRef(1), one.ref());
        assertTrue(one.matches(0, new ScriptValue.HostRef(1)));
        assertFalse(one.matches(0, new ScriptValue.HostRef(2)));
        assertFalse(one.matches(0, null));
        assertNull(value("externref", "null").ref());
        assertTrue(value("funcref", "null").matches(0, null));
        assertTrue(value("funcref", "0").matches(0, new Object()));
    }

    @Test
    void v128CannotCrossTheBoundary() {
        ScriptValue v = ScriptValue.parse(Map.of("type", "v128", "lane_type", "i32", "value", java.util.List.of("0", "0", "0", "0")));
        assertEquals(ValType.V128, v.type());
        assertThrows(ScriptValue.UnsupportedValueException.class, v::requireSupported);
    }
}
