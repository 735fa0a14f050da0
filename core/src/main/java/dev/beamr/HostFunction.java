package dev.beamr;

import java.util.List;

/**
 * A Java implementation of an imported function, bound to an instance by (module, name) through
 * {@link InstanceOptions.Builder#hostFunction}. It takes precedence over the import handler of the
 * call in progress. It may call back into {@link ImportCall#instance()} (memory I/O, calls).
 *
 * <p>Results are checked against {@link ImportCall#signature()}; throwing, or answering with
 * values that do not fit, traps the WebAssembly call ({@link TrapKind#HOST_ERROR}).
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * Runs the import.
     *
     * @param call the import being called, with its arguments and the calling instance
     * @return one number per result of the signature
     */
    List<? extends Number> call(ImportCall call);
}
