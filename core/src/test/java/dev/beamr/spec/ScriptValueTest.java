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

    @Test
    void numbersAreUnsignedBitPatterns() {
        assertEquals(0xffff_ffffL, value("i32", "4294967295").bits());
        assertEquals(-1L, value("i64", "18446744073709551615").bits());
        assertEquals(0x7fc0_0000L, value("f32", "2143289344").bits());
        assertThrows(ScriptFormatException.class, () -> value("i32", "4294967296").bits());
    }

    @Test
    void i32ResultsCompareOnlyTheLowBits() {
        assertTrue(value("i32", "4294967295").matches(-1L, null));
        assertFalse(value("i32", "1").matches(2L, null));
    }

    @Test
    void canonicalNanIsOnlyTheQuietBitEitherSign() {
        ScriptValue f32 = value("f32", ScriptValue.CANONICAL_NAN);
        assertTrue(f32.matches(0x7fc0_0000L, null));
        assertTrue(f32.matches(0xffc0_0000L, null));
        assertFalse(f32.matches(0x7fc0_0001L, null));
        assertFalse(f32.matches(0x7f80_0000L, null));
        ScriptValue f64 = value("f64", ScriptValue.CANONICAL_NAN);
        assertTrue(f64.matches(0xfff8_0000_0000_0000L, null));
        assertFalse(f64.matches(0x7ff8_0000_0000_0001L, null));
    }

    @Test
    void arithmeticNanNeedsTheQuietBit() {
        ScriptValue f32 = value("f32", ScriptValue.ARITHMETIC_NAN);
        assertTrue(f32.matches(0x7fc0_0001L, null));
        assertTrue(f32.matches(0xffc0_0000L, null));
        assertFalse(f32.matches(0x7f80_0001L, null));
        ScriptValue f64 = value("f64", ScriptValue.ARITHMETIC_NAN);
        assertTrue(f64.matches(0x7ffc_0000_0000_0000L, null));
        assertFalse(f64.matches(0x7ff0_0000_0000_0001L, null));
    }

    @Test
    void floatsOtherwiseCompareByBits() {
        assertTrue(value("f64", "9223372036854775808").matches(0x8000_0000_0000_0000L, null));
        assertFalse(value("f64", "0").matches(0x8000_0000_0000_0000L, null));
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
