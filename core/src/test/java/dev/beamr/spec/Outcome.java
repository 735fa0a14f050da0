package dev.beamr.spec;

/** How one command of a script went; {@code detail} says why for failures and skips. */
record Outcome(Status status, String detail) {
    enum Status { PASSED, FAILED, SKIPPED }

    private static final Outcome PASSED = new Outcome(Status.PASSED, null);

    static Outcome passed() {
        return PASSED;
    }

    static Outcome failed(String why) {
        return new Outcome(Status.FAILED, why);
    }

    static Outcome skipped(String why) {
        return new Outcome(Status.SKIPPED, why);
    }
}
