package dev.beamr.api;

import dev.beamr.testing.TestFiles;

import java.util.function.Supplier;

/** Names the modules the API tests run on, for parameterized tests: the project's own, and BEAMR's fixtures when present. */
final class TestModules {
    private TestModules() {}

    /** A module under a readable name; loading a missing shared fixture skips the test. */
    record Source(String name, Supplier<byte[]> loader) {
        byte[] bytes() {
            return loader.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A module built from {@code core/src/test/resources/wat/NAME.wat}. */
    static Source own(String name) {
        return new Source(name + ".wat", () -> TestFiles.module(name));
    }

    /** A module of {@code ../shared/fixtures/hyperbeam/}. */
    static Source hyperbeam(String file) {
        return new Source("hyperbeam " + file, () -> TestFiles.readHyperbeamFixture(file));
    }
}
