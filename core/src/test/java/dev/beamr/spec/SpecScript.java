package dev.beamr.spec;

import java.nio.file.Path;

/**
 * One script of the suite: its JSON command file (beside which lie the modules it names) and the
 * suite it is reported under.
 */
record SpecScript(String suite, String name, Path json) {
    /** {@code suite/name}, how reports and the command-line filter refer to the script. */
    String id() {
        return suite + "/" + name;
    }
}
