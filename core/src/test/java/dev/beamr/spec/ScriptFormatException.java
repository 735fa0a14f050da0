package dev.beamr.spec;

/** A script says something the runner cannot read: a missing field, an unknown value type, a bad number. */
final class ScriptFormatException extends RuntimeException {
    ScriptFormatException(String message) {
        super(message);
    }
}
