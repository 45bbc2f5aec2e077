package io.offheap.samples;

import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * Every installed JDK, plus each expected one that is missing, whose run is aborted with a visible message.
 * Used by the tests of every module that runs samples.
 */
public final class JdkTargets {

    /** A JDK to run a sample on; {@code jdk} is empty when an expected feature release is not installed. */
    public record Target(int feature, Optional<Jdk> jdk) {

        /** The JDK, or a test abort with a visible message when it is missing. */
        public Jdk require() {
            return jdk.orElseThrow(() -> {
                String message = "JDK " + feature + " is expected on this machine but not installed: "
                        + "its sample runs are skipped";
                System.err.println("WARNING: " + message);
                return new TestAbortedException(message);
            });
        }

        @Override
        public String toString() {
            return jdk.map(Jdk::toString).orElse("JDK " + feature + " (missing)");
        }
    }

    private JdkTargets() {
    }

    public static Stream<Target> all() {
        TreeSet<Integer> missing = new TreeSet<>(Jdks.expected());
        Stream.Builder<Target> targets = Stream.builder();
        for (Jdk jdk : Jdks.installed()) {
            missing.remove(jdk.feature());
            targets.add(new Target(jdk.feature(), Optional.of(jdk)));
        }
        missing.forEach(feature -> targets.add(new Target(feature, Optional.empty())));
        return targets.build();
    }
}
