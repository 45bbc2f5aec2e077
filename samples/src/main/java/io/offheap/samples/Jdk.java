package io.offheap.samples;

import java.nio.file.Path;

/**
 * An installed JDK (or JRE): its home directory (a real path) and its feature release, e.g. 17 or 25.
 *
 * @param home    the directory holding bin/java and the release file
 * @param feature the feature release from JAVA_VERSION in {@code <home>/release}
 */
public record Jdk(Path home, int feature) implements Comparable<Jdk> {

    /** The launcher, {@code <home>/bin/java}. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public int compareTo(Jdk other) {
        int byFeature = Integer.compare(feature, other.feature);
        return byFeature != 0 ? byFeature : home.compareTo(other.home);
    }

    @Override
    public String toString() {
        return "JDK " + feature + " (" + home + ")";
    }
}
