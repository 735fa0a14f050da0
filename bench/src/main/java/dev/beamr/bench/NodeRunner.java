package dev.beamr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs kernels in Node.js through the {@code run-kernels.mjs} script, one process per module. */
final class NodeRunner {
    private static final String SCRIPT = "run-kernels.mjs";

    private final String node;
    private final Path script;

    NodeRunner(String node) {
        this.node = node;
        this.script = extractScript();
    }

    /** Every kernel's outcome; all fail with the same reason if node itself fails. */
    Map<Kernel, Outcome> run(Path module, int bits, Set<Kernel> kernels, int warmup, int runs) {
        List<String> command = new ArrayList<>(List.of(node));
        if (bits == 64) command.add("--experimental-wasm-memory64");
        command.addAll(List.of(script.toString(), module.toString(), Integer.toString(warmup), Integer.toString(runs)));
        for (Kernel kernel : kernels) command.add(kernel.export() + "=" + kernel.argument());

        Map<Kernel, Outcome> outcomes = new EnumMap<>(Kernel.class);
        String failure;
        try {
            // node's own messages go straight to our stderr, where they explain a failure best.
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = process.waitFor();
            failure = status == 0 ? "node printed no result" : "node exited with status " + status;
            for (String line : output.lines().toList()) {
                if (!parseLine(line, outcomes)) failure = "unexpected output from node: " + line;
            }
        } catch (IOException e) {
            failure = "cannot run '" + node + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        for (Kernel kernel : kernels) outcomes.putIfAbsent(kernel, new Outcome.Failed(failure));
        return outcomes;
    }

    /** Records a line {@code EXPORT BEST_MS RESULT}; false if the line is not one. */
    private static boolean parseLine(String line, Map<Kernel, Outcome> outcomes) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 3) return false;
        try {
            Kernel kernel = Kernel.byExport(fields[0]);
            outcomes.put(kernel, new Outcome.Timed(Double.parseDouble(fields[1]), Kernel.parseResult(kernel.resultType(), fields[2])));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Path extractScript() {
        try (InputStream in = NodeRunner.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException(SCRIPT + " is missing from the class path");
            Path file = Files.createTempFile("beamr-run-kernels", ".mjs");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SCRIPT + " to a temporary file", e);
        }
    }
}
