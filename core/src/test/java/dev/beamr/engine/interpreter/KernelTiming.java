package dev.beamr.engine.interpreter;

import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the shared benchmark kernels under the interpreter, for tuning the dispatch loop:
 * {@code KernelTiming [wasm32|wasm64] [kernel[,kernel...]] [runs]}. Each run prints the kernel's
 * checksum and wall time; compare with {@code node} running the same export.
 */
public final class KernelTiming {
    private KernelTiming() {}

    public static void main(String[] args) throws Exception {
        String bits = args.length > 0 ? args[0] : "wasm32";
        String[] kernels = (args.length > 1 ? args[1] : String.join(",", Kernels.NAMES)).split(",");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path shared = Path.of(System.getProperty("beamr.shared", "../shared"));
        byte[] bytes = Files.readAllBytes(shared.resolve("bench/kernels-" + bits + ".wasm"));
        Instance instance = new Engine().instantiate(bytes, ImportResolver.NONE);
        for (String kernel : kernels) {
            FunctionInstance function = instance.exportedFunction(kernel);
            long best = Long.MAX_VALUE;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                long result = function.call(Kernels.argument(kernel))[0];
                long millis = (System.nanoTime() - start) / 1_000_000;
                best = Math.min(best, millis);
                System.out.printf("%s %s run %d: %d ms, result %s%n", bits, kernel, run, millis, Kernels.format(kernel, result));
            }
            // Other processes may share the machine: the best run is the steadier figure.
            System.out.printf("%s %s best: %d ms%n", bits, kernel, best);
        }
    }
}
