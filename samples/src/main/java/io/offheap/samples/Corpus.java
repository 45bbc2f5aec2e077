package io.offheap.samples;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus of real dumps and GC logs, used in place: {@code ../shared/corpus} beside the
 * project root. Surefire passes the root as {@code offheap.root}; otherwise it is found by walking up.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        String configured = System.getProperty("offheap.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path corpus = p.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(corpus.resolve("hprof"))) {
                return corpus;
            }
        }
        throw new IllegalStateException("../shared/corpus not found above " + start);
    }

    public static Path hprof(String relative) {
        return root().resolve("hprof").resolve(relative);
    }

    public static Path gclogs(String relative) {
        return root().resolve("gclogs").resolve(relative);
    }
}
