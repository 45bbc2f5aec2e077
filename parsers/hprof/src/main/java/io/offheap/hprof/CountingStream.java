package io.offheap.hprof;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the file bytes consumed (before decompression): for progress, and for where gzip members begin. */
final class CountingStream extends FilterInputStream {
    private static final long STEP = 8L << 20;
    private final long total;
    private final HprofReader.Progress progress;
    private long count;
    private long nextReport = STEP;

    CountingStream(InputStream in, long total, HprofReader.Progress progress) {
        super(in);
        this.total = total;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        } else if (n < 0 && progress != null) {
            progress.bytesRead(count, total);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    /** File bytes taken so far. */
    long count() {
        return count;
    }

    private void counted(long n) {
        count += n;
        if (progress != null && count >= nextReport) {
            nextReport = count + STEP;
            progress.bytesRead(count, total);
        }
    }
}
