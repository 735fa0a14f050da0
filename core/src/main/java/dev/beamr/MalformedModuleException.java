package dev.beamr;

/** The bytes are not a well-formed WebAssembly binary; {@link #offset()} is where decoding failed. */
public final class MalformedModuleException extends BeamrException {
    /** Where decoding failed. */
    private final long offset;

    /**
     * Creates the exception; the message gets the offset appended.
     *
     * @param message what is malformed
     * @param offset  the byte offset into the module where decoding failed
     */
    public MalformedModuleException(String message, long offset) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** {@return byte offset into the module where the problem was found} */
    public long offset() {
        return offset;
    }
}
