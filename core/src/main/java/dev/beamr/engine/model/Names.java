package dev.beamr.engine.model;

import java.util.Map;

/** What the {@code name} custom section says; every part may be empty. */
public record Names(String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
    public static final Names NONE = new Names(null, Map.of(), Map.of());
}
