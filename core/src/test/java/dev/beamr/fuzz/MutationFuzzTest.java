package dev.beamr.fuzz;

import dev.beamr.engine.Engine;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates valid modules (the project's, plus the shared spec suite and fixtures when present) for a
 * bounded time and requires every stage to end in a typed error or normally, within its bound.
 * The campaign runs in a separate JVM ({@link MutationFuzzer}) so a module that loops forever can
 * be stopped; a call or start function that outlives its bound is reported but not failed, since a
 * module may legitimately loop and calls cannot be interrupted yet.
 *
 * <p>System properties: {@code beamr.fuzz.seconds} (default 40), {@code beamr.fuzz.seed} (default:
 * a fixed seed, so that a test run is reproducible; pass another to explore), {@code beamr.fuzz.case} (hex case seed: replay one case).
 */
class MutationFuzzTest {
    private static final Pattern HANG = Pattern.compile("HANG case=(\\d+) seed=(\\w+) stage=(\\w+).*");
    private static final Pattern DONE = Pattern.compile("DONE cases=(\\d+).*");
    /** At least this many cases must run, so that a broken campaign cannot pass by doing nothing. */
    private static final long MINIMUM_CASES = 200;

    @Test
    void mutatedModulesFailOnlyWithTypedErrorsAndWithinBounds() throws Exception {
        long seconds = Long.getLong("beamr.fuzz.seconds", 40);
        long seed = Long.getLong("beamr.fuzz.seed", 20251122L);
        String replay = System.getProperty("beamr.fuzz.case");
        long deadline = System.currentTimeMillis() + seconds * 1000;
        System.out.println("mutation fuzzing: seed " + seed + ", " + seconds + " s, corpus " + corpusRoots());

        List<String> failures = new ArrayList<>();
        List<String> runaways = new ArrayList<>();
        long cases = 0;
        long from = 0;
        while (true) {
            List<String> arguments = replay != null
                    ? List.of("--case", replay)
                    : List.of("--seed", Long.toString(seed), "--from", Long.toString(from), "--until", Long.toString(deadline));
            Campaign campaign = runWorker(arguments, seconds + 60);
            failures.addAll(campaign.failures);
            if (campaign.hang == null) {
                cases += campaign.cases;
                break;
            }
            Matcher hang = HANG.matcher(campaign.hang);
            if (!hang.matches()) fail("unreadable hang report: " + campaign.hang);
            String stage = hang.group(3);
            boolean mayLoop = stage.equals("CALL") || stage.equals("START");
            (mayLoop ? runaways : failures).add(campaign.hang);
            long hungCase = Long.parseLong(hang.group(1));
            cases += hungCase - from + 1;
            if (replay != null || System.currentTimeMillis() >= deadline) break;
            from = hungCase + 1;
        }
        System.out.println("mutation fuzzing: " + cases + " cases, " + failures.size() + " failures, "
                + runaways.size() + " runaway calls (stopped by ending the worker)");
        runaways.forEach(r -> System.out.println("  " + r));
        if (!failures.isEmpty()) {
            fail(failures.size() + " mutated modules escaped with untyped errors or hung (replay one with -Dbeamr.fuzz.case=SEED):\n"
                    + String.join("\n", failures));
        }
        assertTrue(replay != null || cases >= MINIMUM_CASES, "only " + cases + " cases ran");
    }

    private record Campaign(long cases, List<String> failures, String hang) {}

    private static Campaign runWorker(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(), MutationFuzzer.class.getName(),
                "--save", Path.of(location(MutationFuzzer.class)).resolveSibling("fuzz-failures").toString()));
        command.addAll(arguments);
        corpusRoots().forEach(root -> command.add(root.toString()));
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> failures = new ArrayList<>();
        String hang = null;
        long cases = 0;
        StringBuilder current = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("  ") && current != null) {
                    current.append('\n').append(line);
                    continue;
                }
                if (current != null) failures.add(current.toString());
                current = null;
                Matcher done = DONE.matcher(line);
                if (line.startsWith("FAIL ")) current = new StringBuilder(line);
                else if (line.startsWith("HANG ")) hang = line;
                else if (done.matches()) {
                    cases = Long.parseLong(done.group(1));
                    System.out.println("  worker: " + line);
                }
                else System.out.println("  worker: " + line);
            }
        }
        if (current != null) failures.add(current.toString());
        if (!worker.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            worker.destroyForcibly();
            fail("the fuzzing worker did not finish in " + timeoutSeconds + " s");
        }
        int status = worker.exitValue();
        if (status != 0 && !(status == MutationFuzzer.HALT_STATUS && hang != null)) {
            failures.add("the fuzzing worker exited with status " + status);
        }
        return new Campaign(cases, failures, hang);
    }

    /** The engine's classes and the test classes, wherever this build put them. */
    private static String classPath() {
        return location(Engine.class) + java.io.File.pathSeparator + location(MutationFuzzer.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's own modules, and the shared spec suite and fixtures when they are present. */
    static List<Path> corpusRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of(location(MutationFuzzer.class), "wasm"));
        for (Path examples : List.of(Path.of("examples"), Path.of("..", "examples"))) {
            if (Files.isDirectory(examples)) roots.add(examples.toAbsolutePath().normalize());
        }
        String shared = System.getProperty("beamr.shared");
        if (shared != null) {
            for (String folder : List.of("spec/json", "fixtures/hyperbeam")) {
                Path root = Path.of(shared, folder);
                if (Files.isDirectory(root)) roots.add(root);
            }
        }
        return roots;
    }
}
