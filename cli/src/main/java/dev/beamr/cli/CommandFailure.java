package dev.beamr.cli;

import dev.beamr.BeamrException;
import dev.beamr.CallAbortedException;
import dev.beamr.ImportHandlerException;
import dev.beamr.InvalidModuleException;
import dev.beamr.LinkException;
import dev.beamr.MalformedModuleException;
import dev.beamr.TrapException;
import dev.beamr.ao.AoProtocolException;

import java.nio.file.Path;

/** A command could not do its job for a reason the user can act on; the message is the whole story. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Reports an engine error about {@code file}, naming which stage of loading or running failed. */
    static CommandFailure of(Path file, BeamrException error) {
        // An import the command line refused to answer explains itself.
        if (error instanceof ImportHandlerException && error.getCause() instanceof CommandFailure refused) return refused;
        String stage = switch (error) {
            case MalformedModuleException _ -> "malformed module: ";
            case InvalidModuleException _ -> "invalid module: ";
            case LinkException _ -> "cannot link: ";
            case TrapException _ -> "trap: ";
            case CallAbortedException _ -> "stopped: ";
            case AoProtocolException _ -> "not an AO process: ";
            default -> "";
        };
        return new CommandFailure(file + ": " + stage + error.getMessage(), error);
    }
}
