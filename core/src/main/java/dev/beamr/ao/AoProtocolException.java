package dev.beamr.ao;

import dev.beamr.BeamrException;

/** An AO process broke the message protocol: it is not an AO module, or its answer is not the JSON AO expects. */
public final class AoProtocolException extends BeamrException {
    /**
     * Creates the exception.
     *
     * @param message what the process did that the protocol does not allow
     */
    public AoProtocolException(String message) {
        super(message);
    }
}
