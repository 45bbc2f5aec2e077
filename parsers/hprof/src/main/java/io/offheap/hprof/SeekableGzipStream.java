package io.offheap.hprof;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A gzip dump read a second time from its start, whose {@link #skip} starts inflating again at the last member
 * noted in the first pass ({@link GzipMembers}) before where it is going, when that saves inflating a member or
 * more: the second pass of a {@code jcmd -gz} dump then inflates the few megabytes around the records it wants,
 * not everything before them. A member found not to begin with the bytes the first pass saw (the file changed,
 * or a JDK's GZIPInputStream noted it wrongly) is not trusted, nor any after it: the stream goes back to the
 * file's start and inflates through, as without an index. Eight bytes cannot tell apart two members that both
 * begin inside one run of equal bytes (a large zeroed array), but the uncompressed offset is right with any JDK
 * (no read returns bytes of two members: an inflater stops at its stream's end); what a JDK could get wrong is
 * the start in the file, and there no deflate data begins. Read on the caller's thread: when most members are
 * wanted, inflating and parsing take turns instead of running side by side as on the first pass.
 */
final class SeekableGzipStream extends InputStream {
    private final FileChannel file;
    private final GzipMembers members;
    private boolean trusted = true;
    /** Inflates from {@link #offset}: a member's raw deflate data, then a GZIPInputStream for the members after it. */
    private InputStream current;
    private Inflater first;
    private long firstDataStart;
    private long offset;
    /** Bytes inflated, whether read or skipped: the cost of the reading. */
    private long inflated;

    SeekableGzipStream(Path path, GzipMembers members) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.READ);
        this.members = members;
        try {
            current = fromStart();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = current.read(b, off, len);
        if (n < 0 && first != null) {
            n = nextMembers() ? current.read(b, off, len) : -1;
        }
        if (n > 0) {
            offset += n;
            inflated += n;
        }
        return n;
    }

    long inflated() {
        return inflated;
    }

    @Override
    public long skip(long n) throws IOException {
        long start = offset;
        long target = offset + n;
        int m = trusted ? members.floor(target - Long.BYTES) : -1;
        if (m >= 0 && members.offset(m) >= offset + GzipMembers.SPACING) {
            seek(m);
        }
        byte[] scratch = new byte[8192];
        while (offset < target) {
            if (read(scratch, 0, (int) Math.min(scratch.length, target - offset)) < 0) {
                break;
            }
        }
        return Math.max(0, offset - start); // less only at the end of a file cut since the first pass: none then
    }

    /** Inflates from member {@code m}, after checking that it begins as the first pass saw. */
    private void seek(int m) throws IOException {
        closeCurrent();
        firstDataStart = members.dataStart(m);
        first = new Inflater(true);
        current = new InflaterInputStream(at(firstDataStart), first, 1 << 16);
        offset = members.offset(m);
        byte[] start = new byte[Long.BYTES];
        boolean same;
        try {
            same = current.readNBytes(start, 0, start.length) == start.length
                    && RecordInput.readLong(start, 0) == members.firstBytes(m);
        } catch (IOException e) {
            same = false; // not deflate data there, or it ends too soon
        }
        inflated += start.length;
        if (same) {
            offset += start.length;
            return;
        }
        trusted = false;
        closeCurrent();
        current = fromStart();
        offset = 0;
    }

    /** After the raw member {@link #seek} started in: the members that follow it, as the first pass read them. */
    private boolean nextMembers() throws IOException {
        long next = firstDataStart + first.getBytesRead() + 8; // the member's CRC-32 and ISIZE trailer
        closeCurrent();
        current = InputStream.nullInputStream(); // the end, unless another member follows
        if (next >= file.size()) {
            return false;
        }
        try {
            current = new GZIPInputStream(at(next), 1 << 16);
            return true;
        } catch (EOFException | ZipException e) {
            return false; // not another member: GZIPInputStream ends the stream there too
        }
    }

    private InputStream fromStart() throws IOException {
        return new GZIPInputStream(at(0), 1 << 16);
    }

    /** The file from {@code position}; closing it leaves the file open. */
    private InputStream at(long position) throws IOException {
        file.position(position);
        return new FilterInputStream(Channels.newInputStream(file)) {
            @Override
            public void close() {
            }
        };
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (first != null) {
            first.end();
            first = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
        } finally {
            file.close();
        }
    }
}
