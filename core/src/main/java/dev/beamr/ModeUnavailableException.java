package dev.beamr;

/** The requested {@link Mode} cannot run modules in this version of Beamr. */
public final class ModeUnavailableException extends BeamrException {
    /** The mode asked for. */
    private final Mode mode;

    /**
     * Creates the exception.
     *
     * @param mode    the mode asked for
     * @param message what is unavailable and what to use instead
     */
    public ModeUnavailableException(Mode mode, String message) {
        super(message);
        this.mode = mode;
    }

    /** {@return the mode that was asked for} */
    public Mode mode() {
        return mode;
    }
}
