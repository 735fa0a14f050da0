package dev.beamr;

/** The bytes are not a well-formed WebAssembly binary; {@link #offset()} is where decoding failed. */
public final class MalformedModuleException extends BeamrException {
    private final long offset;

    public MalformedModuleException(String message, long offset) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset into the module where the problem was found. */
    public long offset() {
        return offset;
    }
}
