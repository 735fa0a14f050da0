package dev.beamr.ao;

import dev.beamr.Beamr;
import dev.beamr.BeamrModule;
import dev.beamr.Mode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * AO messages per second on a warm process: {@code Eval} messages running {@code return 1+1},
 * each answer checked. Run by {@code scripts/ao-bench.sh}; options:
 * {@code --module FILE} (default: aos-2-pure-xs.wasm of the shared fixtures),
 * {@code --warmup MESSAGES} (default 50), {@code --seconds SECONDS} of measurement (default 30),
 * {@code --mode wasm|aot} (default wasm).
 */
public final class AoBenchmark {
    private AoBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path module = Path.of(System.getProperty("beamr.shared", "../shared"), "fixtures", "hyperbeam", "aos-2-pure-xs.wasm");
        int warmup = 50;
        double seconds = 30;
        Mode mode = Mode.WASM;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--module" -> module = Path.of(required(args[i], value));
                case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
                case "--seconds" -> seconds = Double.parseDouble(required(args[i], value));
                case "--mode" -> mode = Mode.valueOf(required(args[i], value).toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options are --module FILE, --warmup MESSAGES, --seconds SECONDS, --mode wasm|aot");
            }
            i++;
        }
        if (!Files.isRegularFile(module)) {
            System.err.println("error: no AO module at " + module + " (give one with --module FILE)");
            System.exit(2);
        }

        long started = System.nanoTime();
        BeamrModule compiled = Beamr.compile(Files.readAllBytes(module), mode);
        try (AoProcess process = AoProcess.builder().deterministic(1).start(compiled)) {
            double startMillis = millisSince(started);
            long first = System.nanoTime();
            send(process);
            double firstMillis = millisSince(first);
            for (int i = 1; i < warmup; i++) send(process);

            long measured = System.nanoTime();
            long deadline = measured + (long) (seconds * 1e9);
            long messages = 0;
            do {
                send(process);
                messages++;
            } while (System.nanoTime() < deadline);
            double elapsed = (System.nanoTime() - measured) / 1e9;

            System.out.printf(Locale.ROOT, "module %s, %s mode%n", module.getFileName(), mode.name().toLowerCase(Locale.ROOT));
            System.out.printf(Locale.ROOT, "compile and start: %.0f ms; first message: %.0f ms; warm-up: %d messages%n",
                    startMillis, firstMillis, warmup);
            System.out.printf(Locale.ROOT, "warm: %d messages in %.1f s = %.2f messages/s (%.1f ms per message)%n",
                    messages, elapsed, messages / elapsed, elapsed * 1000 / messages);
        }
    }

    private static void send(AoProcess process) {
        AoResult result = process.eval("return 1+1");
        if (!"2".equals(result.output())) throw new IllegalStateException("unexpected answer: " + result.json());
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private static String required(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }
}
