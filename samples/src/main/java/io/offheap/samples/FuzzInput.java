package io.offheap.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file a fuzz test hands its reader: one temporary file per test, made on first use and rewritten with
 * each input (the readers take paths, and a new file per input would fill the disk over a long run). Used by
 * the readers' fuzz tests.
 */
public final class FuzzInput {
    private final String prefix;
    private final String suffix;
    private Path file;

    public FuzzInput(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** The file, now holding {@code input}. */
    public synchronized Path write(byte[] input) throws IOException {
        if (file == null) {
            file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
        }
        return Files.write(file, input);
    }
}
