package dev.beamr.bench;

import dev.beamr.Mode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs each kernel in a fresh JVM with this one's options and class path (see {@link KernelProcess}). */
final class ForkedRunner {
    private final Path module;
    private final Mode mode;

    ForkedRunner(Path module, Mode mode) {
        this.module = module;
        this.mode = mode;
    }

    Outcome run(Kernel kernel, int warmup, int runs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelProcess.class.getName(),
                module.toString(), mode.name(), kernel.export(), Integer.toString(warmup), Integer.toString(runs)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            String last = output.lines().reduce((first, second) -> second).orElse("");
            String[] fields = last.split(" ", 3);
            if (fields[0].equals(KernelProcess.TIMED) && fields.length == 3) {
                return new Outcome.Timed(Double.parseDouble(fields[1]), Long.parseLong(fields[2]));
            }
            if (fields[0].equals(KernelProcess.FAILED)) return new Outcome.Failed(last.substring(KernelProcess.FAILED.length() + 1));
            return new Outcome.Failed("the kernel's JVM exited with status " + status + ": " + output.strip());
        } catch (IOException e) {
            return new Outcome.Failed("cannot start a JVM for the kernel: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        }
    }
}
