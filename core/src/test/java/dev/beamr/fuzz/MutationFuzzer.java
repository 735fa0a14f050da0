package dev.beamr.fuzz;

import dev.beamr.engine.Engine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The mutation fuzzer's worker, run in a JVM of its own so that a runaway module can be stopped by
 * ending the process. Case {@code i} of a campaign with base seed {@code S} uses the case seed
 * {@link #caseSeed(long, long) caseSeed(S, i)}, which alone reproduces it (given the same corpus).
 *
 * <pre>
 *   MutationFuzzer --seed S --from I --until EPOCH_MILLIS [--save DIR] CORPUS_DIR...
 *   MutationFuzzer --case CASE_SEED [--save DIR] CORPUS_DIR...
 * </pre>
 *
 * Prints one line per event: {@code FAIL case=I seed=X stage=STAGE detail} (with {@code  at}
 * frame lines after it) for anything but a typed error, {@code HANG case=I seed=X stage=STAGE ms=N}
 * just before halting when a stage outlives its bound, and a final
 * {@code DONE cases=N compiled=N instantiated=N called=N}.
 */
public final class MutationFuzzer {
    /** Longest a stage may run; calls and start functions may loop legitimately, so their bound is short. */
    static final Map<ModuleExerciser.Stage, Long> STAGE_BOUND_MILLIS = Map.of(
            ModuleExerciser.Stage.COMPILE, 10_000L,
            ModuleExerciser.Stage.INSTANTIATE, 10_000L,
            ModuleExerciser.Stage.START, 2_000L,
            ModuleExerciser.Stage.CALL, 2_000L);
    static final int HALT_STATUS = 3;

    private final List<Path> corpus;
    private final Map<Path, byte[]> validModules = new HashMap<>();
    private final Map<Path, Boolean> validity = new HashMap<>();
    private final Path saveDirectory;
    private final PrintStream out;
    private final EnumMap<ModuleExerciser.Stage, Integer> reached = new EnumMap<>(ModuleExerciser.Stage.class);

    private volatile long currentCase;
    private volatile long currentSeed;
    private volatile ModuleExerciser.Stage currentStage;
    private volatile String currentDetail;
    private volatile long stageStartNanos;

    MutationFuzzer(List<Path> corpus, Path saveDirectory, PrintStream out) {
        this.corpus = corpus;
        this.saveDirectory = saveDirectory;
        this.out = out;
    }

    static long caseSeed(long campaignSeed, long caseIndex) {
        // A 64-bit mix so that neighbouring cases get unrelated seeds.
        long z = campaignSeed + (caseIndex + 1) * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** Every {@code .wasm} file under {@code roots}, in a fixed order. */
    static List<Path> corpus(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".wasm") && Files.isRegularFile(p)).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort(null);
        return files;
    }

    public static void main(String[] args) {
        long seed = 0;
        long from = 0;
        long until = Long.MAX_VALUE;
        Long single = null;
        Path save = null;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--from" -> from = Long.parseLong(args[++i]);
                case "--until" -> until = Long.parseLong(args[++i]);
                case "--case" -> single = Long.parseUnsignedLong(args[++i], 16);
                case "--save" -> save = Path.of(args[++i]);
                default -> roots.add(Path.of(args[i]));
            }
        }
        MutationFuzzer fuzzer = new MutationFuzzer(corpus(roots), save, System.out);
        if (fuzzer.corpus.isEmpty()) {
            System.out.println("FAIL case=0 seed=0 stage=CORPUS no .wasm files under " + roots);
            return;
        }
        fuzzer.startWatchdog();
        if (single != null) {
            fuzzer.runCase(0, single);
            fuzzer.printSummary(1);
        } else {
            long cases = 0;
            for (long i = from; System.currentTimeMillis() < until; i++, cases++) {
                fuzzer.runCase(i, caseSeed(seed, i));
            }
            fuzzer.printSummary(cases);
        }
        System.out.flush();
    }

    void runCase(long index, long seed) {
        currentCase = index;
        currentSeed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] base = pickValidModule(random);
        byte[] donor = pickValidModule(random);
        byte[] mutated = new Mutator(random).mutate(base, donor);
        try {
            ModuleExerciser.Progress progress = ModuleExerciser.exercise(mutated, this::entering);
            reached.merge(progress.lastStage(), 1, Integer::sum);
        } catch (ModuleExerciser.UntypedFailure failure) {
            report(index, seed, failure, mutated);
        } finally {
            currentStage = null;
        }
    }

    private void entering(ModuleExerciser.Stage stage, String detail) {
        currentDetail = detail;
        stageStartNanos = System.nanoTime();
        currentStage = stage;
    }

    /** A corpus module that the engine accepts unmodified (tries a few picks before settling for any). */
    private byte[] pickValidModule(SplittableRandom random) {
        byte[] fallback = null;
        for (int attempt = 0; attempt < 32; attempt++) {
            Path path = corpus.get(random.nextInt(corpus.size()));
            byte[] bytes = read(path);
            if (fallback == null) fallback = bytes;
            if (validity.computeIfAbsent(path, p -> compiles(bytes))) return bytes;
        }
        return fallback;
    }

    private byte[] read(Path path) {
        byte[] cached = validModules.get(path);
        if (cached != null) return cached;
        try {
            byte[] bytes = Files.readAllBytes(path);
            validModules.put(path, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean compiles(byte[] bytes) {
        try {
            Engine.compile(bytes);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private void report(long index, long seed, ModuleExerciser.UntypedFailure failure, byte[] module) {
        StringBuilder line = new StringBuilder()
                .append("FAIL case=").append(index).append(" seed=").append(Long.toHexString(seed))
                .append(" stage=").append(failure.stage).append(' ').append(failure.getMessage());
        StackTraceElement[] frames = failure.getCause().getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) line.append("\n  at ").append(frames[i]);
        Path saved = save(seed, module);
        if (saved != null) line.append("\n  module saved to ").append(saved);
        out.println(line);
    }

    private Path save(long seed, byte[] module) {
        if (saveDirectory == null) return null;
        try {
            Files.createDirectories(saveDirectory);
            return Files.write(saveDirectory.resolve(Long.toHexString(seed) + ".wasm"), module);
        } catch (IOException e) {
            return null;
        }
    }

    private void printSummary(long cases) {
        int compiled = cases == 0 ? 0 : (int) cases - reached.getOrDefault(ModuleExerciser.Stage.COMPILE, 0);
        int called = reached.getOrDefault(ModuleExerciser.Stage.CALL, 0);
        int instantiated = called + reached.getOrDefault(ModuleExerciser.Stage.INSTANTIATE, 0)
                + reached.getOrDefault(ModuleExerciser.Stage.START, 0);
        out.println("DONE cases=" + cases + " compiled=" + compiled + " instantiated=" + instantiated + " called=" + called);
    }

    /** Halts the JVM when a stage outlives its bound: a hang in compile or instantiate is a bug. */
    private void startWatchdog() {
        Thread watchdog = Thread.ofPlatform().daemon().name("fuzz-watchdog").start(() -> {
            while (true) {
                ModuleExerciser.Stage stage = currentStage;
                if (stage != null) {
                    long elapsed = (System.nanoTime() - stageStartNanos) / 1_000_000;
                    if (elapsed > STAGE_BOUND_MILLIS.get(stage) && stage == currentStage) {
                        out.println("HANG case=" + currentCase + " seed=" + Long.toHexString(currentSeed)
                                + " stage=" + stage + " ms=" + elapsed + (currentDetail == null ? "" : " export=" + currentDetail));
                        out.flush();
                        Runtime.getRuntime().halt(HALT_STATUS);
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watchdog.setPriority(Thread.MAX_PRIORITY);
    }
}
