package io.offheap.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JDKs installed on this machine, so tests can make dumps with each of them. */
public final class Jdks {

    /** Where Debian, Ubuntu and the Temurin packages install JDKs. */
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"]+)\"?\\s*$", Pattern.MULTILINE);

    private Jdks() {
    }

    /**
     * JDKs under /usr/lib/jvm plus the one running this code: directories with an executable bin/java
     * and a release file, deduplicated by real path (symlinked aliases count once), sorted by feature.
     */
    public static List<Jdk> installed() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        if (Files.isDirectory(JVM_DIR)) {
            try (Stream<Path> children = Files.list(JVM_DIR)) {
                children.forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TreeSet<Jdk> jdks = new TreeSet<>();
        for (Path candidate : candidates) {
            jdk(candidate).ifPresent(jdks::add);
        }
        return List.copyOf(jdks);
    }

    /** The feature releases this project's machines have (17 and 25): tests report any that is missing. */
    public static List<Integer> expected() {
        return List.of(17, 25);
    }

    /** The first installed JDK of a feature release. */
    public static Optional<Jdk> find(int feature) {
        return installed().stream().filter(jdk -> jdk.feature() == feature).findFirst();
    }

    private static Optional<Jdk> jdk(Path candidate) {
        try {
            Path home = candidate.toRealPath();
            Path release = home.resolve("release");
            if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
                return Optional.empty();
            }
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(new Jdk(home, feature(version.group(1)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "17.0.15" -> 17, "25" -> 25, "21-ea" -> 21, and the old scheme "1.8.0_452" -> 8. */
    static int feature(String javaVersion) {
        String[] parts = javaVersion.split("[.\\-+_]");
        return parts[0].equals("1") ? Integer.parseInt(parts[1]) : Integer.parseInt(parts[0]);
    }
}
