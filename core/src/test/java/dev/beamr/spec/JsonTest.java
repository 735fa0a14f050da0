package dev.beamr.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object parsed = Json.parse(" {\"a\": [1, -2.5e1, \"x\\u00e9\\n\", true, false, null], \"b\": {}} ");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, -25.0, "x\u00e9\n", true, false, null), "b", Map.of()), parsed);
    }

    @Test
    void keepsMemberOrder() {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(parsed.keySet()));
    }

    @Test
    void rejectsWhatJsonDoesNotAllow() {
        for (String bad : List.of("", "{\"a\": 1,}", "[1 2]", "{\"a\": 1} x", "01", "1.", "'a'", "\"tab\there\"",
                "\"\\x\"", "{\"a\": 1, \"a\": 2}", "[tru]", "\"open")) {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void saysWhereTheInputGoesWrong() {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse("{\n  \"a\": ?}"));
        assertTrue(e.getMessage().endsWith("at line 2, column 8"), e.getMessage());
    }
}
