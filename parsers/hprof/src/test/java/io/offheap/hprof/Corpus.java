package io.offheap.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared dump corpus, used in place: {@code ../shared/corpus/hprof} beside the project root, which
 * surefire passes as {@code offheap.root}; otherwise found by walking up from the working directory.
 * Derived files (cut, patched, recompressed) go to each test's temporary directory, never here.
 */
final class Corpus {
    private Corpus() {
    }

    static Path hprof() {
        String root = System.getProperty("offheap.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/corpus/hprof").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/corpus/hprof");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("../shared/corpus/hprof not found: set -Doffheap.root to the project root");
    }

    static Path dump(String relative) {
        return hprof().resolve(relative);
    }

    static Path gcLog(String relative) {
        return hprof().resolve("../gclogs").resolve(relative).normalize();
    }

    /** The dump's bytes, inflated in memory if it is gzip (test data only: a few megabytes). */
    static byte[] uncompressed(String relative) throws IOException {
        Path p = dump(relative);
        try (InputStream in = Files.newInputStream(p)) {
            return relative.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        }
    }
}
