package dev.beamr.spec;

import java.util.List;
import java.util.Map;

/**
 * The tally of one script: how many commands passed, failed and were skipped, a line per failure
 * ({@code script:line: command: what was expected, what happened}) and how many skips had each reason.
 */
record ScriptResult(SpecScript script, int passed, int failed, int skipped, List<String> failures,
                    Map<String, Integer> skipReasons) {
    /** Every failure, one per line, under a heading that names the script. */
    String report() {
        return script.id() + ": " + failed + " of " + (passed + failed + skipped) + " commands failed\n"
                + String.join("\n", failures);
    }
}
