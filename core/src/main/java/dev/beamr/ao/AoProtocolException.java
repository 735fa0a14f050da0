package dev.beamr.ao;

import dev.beamr.BeamrException;

/** An AO process broke the message protocol: it is not an AO module, or its answer is not the JSON AO expects. */
public final class AoProtocolException extends BeamrException {
    public AoProtocolException(String message) {
        super(message);
    }
}
