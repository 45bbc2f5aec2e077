package io.offheap.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of the reader. Used for gzip dumps: inflating
 * costs about as much as decoding the records (bench/results), so the two run side by side on two cores
 * instead of one after the other. Whatever the source throws reaches the reader unchanged, at the point
 * of the stream where it happened, so truncation and corrupt data read exactly as without this thread.
 */
final class ReadAhead extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;

    /** A filled buffer, or the end of the source ({@code length} -1, with what reading it threw, if it did). */
    private record Chunk(byte[] data, int length, Throwable failure) {
    }

    private static final byte[] NONE = new byte[0];

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS);
    private final InputStream source;
    private final Thread pump;
    /** What stopped the pump where it could not even hand the failure over (an OutOfMemoryError making a chunk). */
    private volatile Throwable pumpFailure;
    private volatile boolean closed;
    private Chunk current;
    private int pos;

    ReadAhead(InputStream source, String name) {
        this.source = source;
        for (int i = 0; i < CHUNKS; i++) {
            empty.add(new byte[CHUNK]);
        }
        pump = new Thread(this::pump, "offheap-read-ahead " + name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        try {
            while (true) {
                byte[] buffer = empty.take();
                int n = 0;
                int r = 0;
                Throwable failure = null;
                try {
                    while (n < buffer.length && (r = source.read(buffer, n, buffer.length - n)) >= 0) {
                        n += r;
                    }
                } catch (Throwable t) { // rethrown on the reader's thread after the bytes read before it
                    failure = t;
                }
                filled.put(new Chunk(buffer, n, null));
                if (failure != null || r < 0) {
                    filled.put(new Chunk(NONE, -1, failure));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader
        } catch (Throwable t) {
            pumpFailure = t;
        }
    }

    @Override
    public int read() throws IOException {
        requireOpen();
        return available() > 0 || fill() ? current.data()[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        requireOpen();
        if (len == 0) {
            return 0;
        }
        if (available() == 0 && !fill()) {
            return -1;
        }
        int n = Math.min(len, available());
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    /** Skips within the current chunk (or the next one) without copying; 0 at the end. */
    @Override
    public long skip(long n) throws IOException {
        requireOpen();
        if (n <= 0 || available() == 0 && !fill()) {
            return 0;
        }
        int step = (int) Math.min(n, available());
        pos += step;
        return step;
    }

    @Override
    public int available() {
        return current == null ? 0 : Math.max(0, current.length() - pos);
    }

    /** Moves to the next chunk with bytes in it; false at the end of the source, which stays the end. */
    private boolean fill() throws IOException {
        while (true) {
            if (current != null) {
                if (current.failure() != null) {
                    throw rethrow(current.failure()); // and again on every later read
                }
                if (current.length() < 0) {
                    return false;
                }
                if (pos < current.length()) {
                    return true;
                }
                empty.add(current.data());
            }
            current = next();
            pos = 0;
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("read after close");
        }
    }

    /** The next chunk; if the pump stopped without handing one over, the end, with what stopped it. */
    private Chunk next() throws IOException {
        try {
            while (true) {
                Chunk c = filled.poll(100, TimeUnit.MILLISECONDS);
                if (c != null) {
                    return c;
                }
                if (!pump.isAlive() && filled.isEmpty()) {
                    Throwable t = pumpFailure;
                    return new Chunk(NONE, -1, t != null ? t : new IOException("the read-ahead thread stopped"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading ahead");
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return (IOException) t;
    }

    /** Stops the pump, waits for it to let go of the source, and closes the source (an Inflater's native memory). */
    @Override
    public void close() throws IOException {
        closed = true;
        pump.interrupt();
        try {
            pump.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
