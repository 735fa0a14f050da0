package dev.beamr;

/**
 * A host-side memory operation was refused before touching memory: the range is outside the
 * memory, a length or offset is negative, the memory cannot grow, or the module has no memory.
 */
public final class MemoryAccessException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message the refused range or operation
     */
    public MemoryAccessException(String message) {
        super(message);
    }
}
