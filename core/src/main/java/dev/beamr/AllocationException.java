package dev.beamr;

/** Memory could not be allocated: the module's {@code malloc} returned 0, or the host heap is full. */
public final class AllocationException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message how much was asked for and what refused it
     */
    public AllocationException(String message) {
        super(message);
    }
}
