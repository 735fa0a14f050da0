package dev.beamr.engine.runtime;

/**
 * A WebAssembly exception in flight (legacy exception handling): its tag and payload. Thrown as a
 * Java exception without a stack trace, since wasm code catches it by tag, not by Java type.
 */
public final class WasmExceptionPayload extends RuntimeException {
    private final Tag tag;
    private final long[] values;
    private final Object[] refs;

    public WasmExceptionPayload(Tag tag, long[] values, Object[] refs) {
        super("uncaught wasm exception", null, false, false);
        this.tag = tag;
        this.values = values;
        this.refs = refs;
    }

    public Tag tag() {
        return tag;
    }

    /** Payload numbers, one slot per tag parameter (unused for reference parameters). */
    public long[] values() {
        return values;
    }

    /** Payload references, one slot per tag parameter (null for numbers). */
    public Object[] refs() {
        return refs;
    }
}
