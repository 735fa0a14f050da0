package dev.beamr.fuzz;

import dev.beamr.Mode;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Differential testing against V8: generates modules with binaryen's {@code wasm-opt
 * --translate-to-fuzz} from seeded random bytes, runs each in Beamr ({@link BeamrTrace}) and in
 * node ({@code scripts/difftest-node.mjs}), and compares the traces ({@link TraceComparison}).
 * Module {@code i} of a run with seed {@code S} is made from seed {@code S + i}, so
 * {@code DiffRunner 1 SEED} reproduces any one module. Beamr runs each module in every mode asked
 * for ({@code --mode wasm}, {@code --mode aot}, or both when given twice; wasm by default), each
 * compared with the same V8 trace.
 *
 * <pre>
 *   DiffRunner N [SEED] [--mode M]... [--work DIR]      prints each divergence, then per mode "M: N modules, D divergences"
 *   DiffRunner --file MODULE [--mode M]... [--work DIR]   compares one existing module, printing the traces
 * </pre>
 * Both exit with status 1 when there is a divergence (so that {@code wasm-reduce} can use the second).
 */
public final class DiffRunner {
    /** Features Beamr implements that binaryen's fuzzer (version 108) generates valid code for; its reference types need GC's anyref. */
    static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue",
            "--enable-exception-handling", "--enable-tail-call", "--enable-extended-const");
    /** Added for one module in three, so both memory index types are covered. */
    static final String MEMORY64 = "--enable-memory64";
    static final List<String> NODE_FLAGS = List.of("--experimental-wasm-memory64", "--experimental-wasm-extended-const",
            "--experimental-wasm-type-reflection");
    static final long MODULE_TIMEOUT_MILLIS = 10_000;

    /** What a run found in one mode; {@code reports} holds one text per divergence. */
    record Summary(Mode mode, int modules, Map<TraceComparison.Kind, Integer> counts, List<String> reports) {
        int divergences() {
            return counts.getOrDefault(TraceComparison.Kind.DIVERGED, 0);
        }

        String line() {
            return modeName(mode) + ": " + modules + " modules, " + divergences() + " divergences (agreed " + counts.getOrDefault(TraceComparison.Kind.AGREED, 0)
                    + ", rejected by both " + counts.getOrDefault(TraceComparison.Kind.BOTH_REJECTED, 0)
                    + ", inconclusive " + counts.getOrDefault(TraceComparison.Kind.INCONCLUSIVE, 0)
                    + ", differing only in NaN bits " + counts.getOrDefault(TraceComparison.Kind.NAN_DEPENDENT, 0) + ")";
        }
    }

    private record Generated(long seed, List<String> features, Path wasm) {}

    private final Path work;
    private final Path nodeHarness;
    private final PrintStream out;
    private final List<Mode> modes;
    private ExecutorService beamrThread = newBeamrThread();

    /** A runner comparing Beamr in each of {@code modes} with V8. */
    DiffRunner(Path work, Path nodeHarness, PrintStream out, List<Mode> modes) {
        if (modes.isEmpty()) throw new IllegalArgumentException("no mode to run Beamr in");
        this.work = work;
        this.nodeHarness = nodeHarness;
        this.out = out;
        this.modes = List.copyOf(modes);
    }

    static String modeName(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Path work = Path.of("target", "difftest");
        Path file = null;
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--mode" -> {
                    Mode mode = Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    if (!modes.contains(mode)) modes.add(mode);
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.isEmpty() && file == null) {
            System.err.println("usage: DiffRunner N [SEED] [--mode wasm|aot]... [--work DIR]  |  DiffRunner --file MODULE [--mode wasm|aot]... [--work DIR]");
            System.exit(2);
        }
        if (modes.isEmpty()) modes.add(Mode.WASM);
        Optional<String> missing = missingTool();
        if (missing.isPresent()) {
            System.err.println("error: " + missing.get());
            System.exit(2);
        }
        Path harness = nodeHarness().orElseThrow(() -> new IllegalStateException("scripts/difftest-node.mjs not found"));
        DiffRunner runner = new DiffRunner(work, harness, System.out, modes);
        List<Summary> summaries;
        if (file != null) {
            summaries = runner.compareOne(file);
        } else {
            int count = Integer.parseInt(positional.get(0));
            long seed = positional.size() > 1 ? Long.parseLong(positional.get(1)) : System.currentTimeMillis();
            summaries = runner.run(count, seed);
        }
        summaries.forEach(summary -> System.out.println(summary.line()));
        System.exit(summaries.stream().allMatch(summary -> summary.divergences() == 0) ? 0 : 1);
    }

    /** Why the differential test cannot run here, if it cannot: {@code wasm-opt} or {@code node} is not on the PATH. */
    static Optional<String> missingTool() {
        for (String tool : List.of("wasm-opt", "node")) {
            if (onPath(tool).isEmpty()) return Optional.of(tool + " is not on the PATH (Debian packages binaryen and nodejs)");
        }
        return Optional.empty();
    }

    /** The JS harness, looked up from the repository root or from a module folder beneath it. */
    static Optional<Path> nodeHarness() {
        for (Path candidate : List.of(Path.of("scripts", "difftest-node.mjs"), Path.of("..", "scripts", "difftest-node.mjs"))) {
            if (Files.isRegularFile(candidate)) return Optional.of(candidate.toAbsolutePath().normalize());
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    /** Compares {@code count} modules generated from {@code seed} on; returns one summary per mode. */
    List<Summary> run(int count, long seed) throws IOException, InterruptedException {
        Files.createDirectories(work);
        out.println("difftest: " + count + " modules from seed " + seed + " in " + work.toAbsolutePath());
        List<Generated> modules = new ArrayList<>();
        for (int i = 0; i < count; i++) modules.add(generate(seed + i));
        return compare(modules, false);
    }

    /** Compares one existing module, printing the traces. */
    List<Summary> compareOne(Path module) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> features = new ArrayList<>(FEATURES);
        features.add(MEMORY64);
        return compare(List.of(new Generated(-1, features, module)), true);
    }

    private List<Summary> compare(List<Generated> modules, boolean printTraces) throws IOException, InterruptedException {
        Map<Integer, List<String>> v8 = runNode(modules, "modules");
        Map<Mode, Map<TraceComparison.Kind, Integer>> counts = new LinkedHashMap<>();
        Map<Mode, List<String>> reports = new LinkedHashMap<>();
        for (Mode mode : modes) {
            counts.put(mode, new EnumMap<>(TraceComparison.Kind.class));
            reports.put(mode, new ArrayList<>());
        }
        for (int i = 0; i < modules.size(); i++) {
            Generated module = modules.get(i);
            List<String> v8Trace = v8.getOrDefault(i, List.of("(no output from node)"));
            if (printTraces) out.println("v8:\n  " + String.join("\n  ", v8Trace));
            for (Mode mode : modes) {
                List<String> beamr = runBeamr(Files.readAllBytes(module.wasm()), mode);
                if (printTraces) out.println("beamr " + modeName(mode) + ":\n  " + String.join("\n  ", beamr));
                TraceComparison.Verdict verdict = TraceComparison.compare(beamr, v8Trace);
                if (verdict.kind() == TraceComparison.Kind.DIVERGED && agreesWithoutNans(module, mode)) {
                    verdict = new TraceComparison.Verdict(TraceComparison.Kind.NAN_DEPENDENT, verdict.detail());
                    out.println("NaN bits differ (allowed by the spec) in " + modeName(mode) + " mode for seed=" + module.seed()
                            + " at " + verdict.detail().lines().findFirst().orElse(""));
                }
                counts.get(mode).merge(verdict.kind(), 1, Integer::sum);
                if (verdict.kind() == TraceComparison.Kind.DIVERGED) {
                    String report = "DIVERGENCE in " + modeName(mode) + " mode seed=" + module.seed()
                            + " features=" + String.join(" ", module.features())
                            + "\n  module: " + module.wasm() + "\n  at " + verdict.detail();
                    reports.get(mode).add(report);
                    out.println(report);
                }
            }
        }
        beamrThread.shutdownNow();
        return modes.stream().map(mode -> new Summary(mode, modules.size(), counts.get(mode), reports.get(mode))).toList();
    }

    /**
     * Whether the module still diverges once {@code wasm-opt --denan} has replaced every NaN a float
     * operation could produce: if not, the divergence lies in NaN sign or payload bits, which the
     * spec lets engines choose (made observable by reinterpret or store/load), not in a bug.
     */
    private boolean agreesWithoutNans(Generated module, Mode mode) throws IOException, InterruptedException {
        Path denanned = Path.of(module.wasm().toString().replaceFirst("\\.wasm$", "") + ".denan.wasm");
        List<String> command = new ArrayList<>(List.of("wasm-opt", module.wasm().toString(), "--denan"));
        command.addAll(module.features());
        command.addAll(List.of("-o", denanned.toString()));
        runTool(command);
        Generated variant = new Generated(module.seed(), module.features(), denanned);
        List<String> v8 = runNode(List.of(variant), denanned.getFileName().toString()).getOrDefault(0, List.of("(no output from node)"));
        return TraceComparison.compare(runBeamr(Files.readAllBytes(denanned), mode), v8).kind() == TraceComparison.Kind.AGREED;
    }

    /** Makes the module for {@code seed}: random input bytes, turned into a valid module by wasm-opt. */
    private Generated generate(long seed) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] input = new byte[1024 + random.nextInt(24 * 1024)];
        random.nextBytes(input);
        List<String> features = new ArrayList<>(FEATURES);
        if (random.nextInt(3) == 0) features.add(MEMORY64);
        Path inputFile = work.resolve(seed + ".input");
        Path wasm = work.resolve(seed + ".wasm");
        Files.write(inputFile, input);
        List<String> command = new ArrayList<>(List.of("wasm-opt", inputFile.toString(), "--translate-to-fuzz"));
        command.addAll(features);
        command.addAll(List.of("-o", wasm.toString()));
        runTool(command);
        Files.delete(inputFile);
        return new Generated(seed, features, wasm);
    }

    private static void runTool(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    /** Runs every module in one node process, keeping its output as {@code NAME.v8.txt}; returns each module's trace by index. */
    private Map<Integer, List<String>> runNode(List<Generated> modules, String name) throws IOException, InterruptedException {
        Path list = work.resolve(name + ".list.txt");
        Files.write(list, modules.stream().map(m -> m.wasm().toAbsolutePath().toString()).toList());
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(NODE_FLAGS);
        command.addAll(List.of(nodeHarness.toString(), list.toString(), Long.toString(MODULE_TIMEOUT_MILLIS)));
        Path output = work.resolve(name + ".v8.txt");
        Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long bound = MODULE_TIMEOUT_MILLIS * (modules.size() + 1) + 60_000;
        if (!node.waitFor(bound, TimeUnit.MILLISECONDS)) {
            node.destroyForcibly();
            throw new IOException("node did not finish within " + bound + " ms");
        }
        Map<Integer, List<String>> traces = new HashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.startsWith("module ")) {
                current = new ArrayList<>();
                traces.put(Integer.parseInt(line.substring("module ".length())), current);
            } else if (line.startsWith("end ")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            } else {
                out.println("node: " + line);
            }
        }
        return traces;
    }

    /** Beamr's trace of one module in {@code mode}; a run that outlives the bound is abandoned (calls cannot be interrupted yet) and ends in "timeout". */
    private List<String> runBeamr(byte[] module, Mode mode) throws InterruptedException {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Future<?> run = beamrThread.submit(() -> BeamrTrace.run(module, mode, trace::add));
        try {
            run.get(MODULE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            beamrThread.shutdownNow();
            beamrThread = newBeamrThread();
            trace.add("timeout");
        } catch (java.util.concurrent.ExecutionException e) {
            trace.add("crash | " + BeamrTrace.oneLine(e.getCause().toString()));
        }
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    private static ExecutorService newBeamrThread() {
        return Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon().name("difftest-beamr").unstarted(task));
    }
}
