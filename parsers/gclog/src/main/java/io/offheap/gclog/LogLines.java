package io.offheap.gclog;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A log file as lines, plain or gzip (detected by its magic bytes and read as a stream, rotated
 * {@code .gz} members included). Lines longer than {@link #MAX_LINE} bytes are cut there, so memory
 * never depends on what the file claims or contains.
 */
final class LogLines implements Closeable {
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[MAX_LINE];
    private long number;
    private long cut;

    private LogLines(InputStream in) {
        this.in = in;
    }

    static LogLines open(Path file) throws IOException {
        return new LogLines(openStream(file));
    }

    /** The file's bytes, decompressed when it is gzip. */
    static InputStream openStream(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Up to {@code max} bytes from the start of the (decompressed) file. */
    static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = openStream(file)) {
            return in.readNBytes(max);
        }
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        int length = 0;
        boolean overflow = false;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (length < MAX_LINE) {
                buffer[length++] = (byte) b;
            } else {
                overflow = true;
            }
            b = in.read();
        }
        number++;
        if (overflow) {
            cut++;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** 1-based number of the line last returned. */
    long number() {
        return number;
    }

    /** How many lines were cut at {@link #MAX_LINE}. */
    long cutLines() {
        return cut;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
