package dev.beamr.ao;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5, 1e3, true, false, null], \"b\": {\"c\": \"d\"}, \"big\": 18446744073709551616} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2.5, 1000.0, true, false, null));
        expected.put("b", Map.of("c", "d"));
        expected.put("big", 1.8446744073709552E19);
        assertEquals(expected, parsed);
    }

    @Test
    void decodesStringEscapes() {
        assertEquals("q\"b\\s/\b\f\n\r\t\u00e9\ud83d\ude00", Json.parse("\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""));
    }

    @Test
    void writesWhatItParses() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "line\nbreak \"quoted\" \u0001");
        value.put("list", Arrays.asList(1L, 2.5, null, false));
        value.put("empty", Map.of());
        String written = Json.write(value);
        assertEquals("{\"text\":\"line\\nbreak \\\"quoted\\\" \\u0001\",\"list\":[1,2.5,null,false],\"empty\":{}}", written);
        assertEquals(value, Json.parse(written));
    }

    @Test
    void rejectsMalformedTextSayingWhere() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"open", "01", "1.", "tru", "{} x", "\"\\x\"", "\"\u0001\"")) {
            AoProtocolException error = assertThrows(AoProtocolException.class, () -> Json.parse(bad), bad);
            assertTrue(error.getMessage().startsWith("invalid JSON at offset "), error.getMessage());
        }
    }

    @Test
    void refusesNestingDeepEnoughToExhaustTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(AoProtocolException.class, () -> Json.parse(deep));
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
    }
}
