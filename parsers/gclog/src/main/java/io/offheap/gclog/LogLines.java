package io.offheap.gclog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A log file as lines, plain or gzip (detected by its magic bytes and read as a stream, rotated
 * {@code .gz} members included). Lines longer than {@link #MAX_LINE} bytes are cut there, so memory
 * never depends on what the file claims or contains. A gzip stream that is cut or corrupt after its header
 * (a log taken while it was being compressed or copied) ends where it breaks: what decoded before is
 * still read, and {@link #damage()} says why the rest is missing.
 */
final class LogLines implements Closeable {
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[MAX_LINE];
    private long number;
    private long cut;
    private String damage;

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

    /** Up to {@code max} bytes from the start of the (decompressed) file, fewer where a gzip stream breaks. */
    static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = openStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n = 0; out.size() < max && n >= 0; n = in.read(chunk, 0, Math.min(chunk.length, max - out.size()))) {
                    out.write(chunk, 0, n);
                }
            } catch (EOFException | ZipException e) {
                // damaged gzip: the head is what decoded
            }
            return out.toByteArray();
        }
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        int length = 0;
        boolean overflow = false;
        int b = read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (length < MAX_LINE) {
                buffer[length++] = (byte) b;
            } else {
                overflow = true;
            }
            b = read();
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

    /** The next byte, or -1 at the end of the file or where its gzip stream breaks. */
    private int read() throws IOException {
        if (damage == null) {
            try {
                return in.read();
            } catch (EOFException | ZipException e) {
                damage = e.getMessage() == null ? "cut short" : e.getMessage();
            }
        }
        return -1;
    }

    /** Why a gzip stream ended before its end ({@code cut short}, {@code invalid block type} ...), or null. */
    String damage() {
        return damage;
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
