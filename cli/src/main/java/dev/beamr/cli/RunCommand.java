package dev.beamr.cli;

import dev.beamr.BeamrModule;
import dev.beamr.Signature;
import dev.beamr.WasmInstance;
import dev.beamr.wasi.WasiExitException;
import dev.beamr.wasi.WasiPreview1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code beamr run FILE [ARGS...]}: runs a WASI command on this terminal and passes its exit code through. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a WASI command and exits with its exit code.",
                "Calls the module's _start with stdin, stdout and stderr on this terminal. Options go before "
                        + "FILE: everything after FILE is the program's own command line (its argv[0] is FILE)."})
final class RunCommand implements Callable<Integer> {
    private static final String ENTRY_POINT = "_start";

    @ParentCommand
    BeamrCommand beamr;

    @Parameters(index = "0", paramLabel = "FILE", description = "The WASI command module (.wasm).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The program's arguments.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Sets an environment variable of the program (repeatable).")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--dir", paramLabel = "HOST_DIR[:GUEST_DIR]",
            description = "Copies a host directory into the program's in-memory file system, under GUEST_DIR "
                    + "(default: HOST_DIR as written); the program's changes are not written back (repeatable).")
    List<String> directories = new ArrayList<>();

    @Override
    public Integer call() {
        BeamrModule module = Modules.compile(file, beamr.mode);
        Signature entry = Modules.exportedFunction(file, module, ENTRY_POINT);
        if (!entry.params().isEmpty() || !entry.results().isEmpty()) {
            throw new CommandFailure(file + ": " + ENTRY_POINT + " has the signature " + entry
                    + ", but a WASI command's takes and returns nothing");
        }
        List<String> argv = new ArrayList<>();
        argv.add(file.toString());
        argv.addAll(arguments);
        WasiPreview1.Builder wasi = beamr.wasiOnTerminal().args(argv).env(environment);
        for (String spec : directories) {
            HostDirectory directory = HostDirectory.parse(spec);
            wasi.preopen(directory.guest(), directory.load());
        }
        try (WasmInstance instance = Modules.attempt(file, () -> module.start(beamr.instanceOptions(wasi.build())))) {
            return Modules.call(file, instance, ENTRY_POINT, List.of()).exitCode().orElse(0);
        } catch (WasiExitException exit) {
            // The start function exited before _start.
            return exit.exitCode();
        }
    }
}
