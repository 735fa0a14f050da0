package dev.beamr.cli;

import dev.beamr.BeamrException;
import dev.beamr.engine.Engine;
import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads module files through the engine, turning every failure into a {@link CommandFailure} naming the file. */
final class Modules {
    private static final Engine ENGINE = new Engine();

    private Modules() {}

    /** Decodes and validates. */
    static CompiledModule compile(Path file) {
        byte[] bytes = read(file);
        try {
            return Engine.compile(bytes);
        } catch (BeamrException e) {
            throw CommandFailure.of(file, e);
        }
    }

    /** Decodes only, so that modules the validator rejects can still be inspected. */
    static WasmModule decode(Path file) {
        byte[] bytes = read(file);
        try {
            return ModuleDecoder.decode(bytes);
        } catch (BeamrException e) {
            throw CommandFailure.of(file, e);
        }
    }

    /** Instantiates {@code module} without imports: the command line has nothing to offer them. */
    static Instance instantiate(Path file, CompiledModule module) {
        try {
            return ENGINE.instantiate(module, ImportResolver.NONE);
        } catch (BeamrException e) {
            throw CommandFailure.of(file, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(file + ": no such file", e);
        } catch (IOException e) {
            throw new CommandFailure(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
