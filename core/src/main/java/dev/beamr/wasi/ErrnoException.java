package dev.beamr.wasi;

/**
 * Ends a WASI call early with an error number, from however deep in its helpers the problem is
 * found. It never leaves the provider: the dispatcher returns the number to the module.
 */
final class ErrnoException extends RuntimeException {
    private final int errno;

    ErrnoException(int errno, String detail) {
        // Errors are ordinary results for the guest, so no stack trace is recorded.
        super(detail, null, false, false);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
