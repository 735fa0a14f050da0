package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import dev.beamr.engine.model.Names;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code name} custom section: the module name (subsection 0), function names (1) and
 * local names (2); other subsections are skipped. The section is only a debugging aid, so a
 * malformed one yields {@link Names#NONE} instead of failing the module.
 */
final class NameSectionParser {
    private static final int MODULE_NAME = 0;
    private static final int FUNCTION_NAMES = 1;
    private static final int LOCAL_NAMES = 2;

    private NameSectionParser() {}

    /** Parses the contents of a name section (after the section's own name). */
    static Names parse(BinaryReader reader) {
        try {
            return parseSubsections(reader);
        } catch (MalformedModuleException e) {
            return Names.NONE;
        }
    }

    private static Names parseSubsections(BinaryReader reader) {
        String moduleName = null;
        Map<Integer, String> functionNames = Map.of();
        Map<Integer, Map<Integer, String>> localNames = Map.of();
        while (!reader.atEnd()) {
            int id = reader.readByte();
            BinaryReader subsection = reader.readSized("name subsection");
            switch (id) {
                case MODULE_NAME -> moduleName = subsection.readName();
                case FUNCTION_NAMES -> functionNames = readNameMap(subsection);
                case LOCAL_NAMES -> localNames = readIndirectNameMap(subsection);
                default -> subsection.skip(subsection.remaining());
            }
            if (!subsection.atEnd()) {
                throw subsection.malformed("name subsection size mismatch");
            }
        }
        return new Names(moduleName, functionNames, localNames);
    }

    private static Map<Integer, String> readNameMap(BinaryReader reader) {
        int count = reader.readVectorCount(2, "name map entries");
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = reader.readIndex();
            names.put(index, reader.readName());
        }
        return Map.copyOf(names);
    }

    private static Map<Integer, Map<Integer, String>> readIndirectNameMap(BinaryReader reader) {
        int count = reader.readVectorCount(2, "indirect name map entries");
        Map<Integer, Map<Integer, String>> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = reader.readIndex();
            names.put(index, readNameMap(reader));
        }
        return Map.copyOf(names);
    }
}
