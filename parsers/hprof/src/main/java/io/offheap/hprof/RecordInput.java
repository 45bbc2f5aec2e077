package io.offheap.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian primitive reads over a stream with our own buffer, tracking the absolute offset for
 * error messages. Hand-written instead of DataInputStream: the read loop touches every byte of
 * multi-gigabyte dumps and must not pay a virtual call and a bounds check per byte.
 */
final class RecordInput {
    /** Thrown when the stream ends inside a record: the dump is truncated there. */
    static final class EndOfInput extends EOFException {
        final long offset;

        EndOfInput(long offset) {
            super("input ends at byte " + offset);
            this.offset = offset;
        }
    }

    private static final int FAR = 1 << 16;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long bufferStart;
    private int idSize = 8;

    RecordInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    void idSize(int size) {
        this.idSize = size;
    }

    long offset() {
        return bufferStart + pos;
    }

    /** Bytes taken from the stream so far (read ahead of {@link #offset()}): where a gzip error surfaced. */
    long decoded() {
        return bufferStart + limit;
    }

    int capacity() {
        return buf.length;
    }

    /** True at a clean end of input (no further byte). */
    boolean atEnd() throws IOException {
        return pos == limit && fill(1) == 0;
    }

    /** Makes n bytes (n <= capacity) available at {@link #pos()}; throws EndOfInput if the stream ends first. */
    void require(int n) throws IOException {
        if (limit - pos < n && fill(n) < n) {
            throw new EndOfInput(bufferStart + limit);
        }
    }

    /** Fills the buffer so that at least n bytes are available if the stream has them; returns how many are. */
    private int fill(int n) throws IOException {
        if (pos > 0) {
            int remaining = limit - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            bufferStart += pos;
            pos = 0;
            limit = remaining;
        }
        while (limit < n) {
            int r;
            try {
                r = in.read(buf, limit, buf.length - limit);
            } catch (EOFException e) {
                // GZIPInputStream reports a cut-off member this way: the dump is truncated.
                r = -1;
            }
            if (r < 0) {
                break;
            }
            limit += r;
        }
        return limit - pos;
    }

    byte[] buffer() {
        return buf;
    }

    int pos() {
        return pos;
    }

    void advance(int n) {
        pos += n;
    }

    int u1() throws IOException {
        require(1);
        return buf[pos++] & 0xFF;
    }

    int u2() throws IOException {
        require(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int i4() throws IOException {
        require(4);
        int v = readInt(buf, pos);
        pos += 4;
        return v;
    }

    long u4() throws IOException {
        return i4() & 0xFFFF_FFFFL;
    }

    long i8() throws IOException {
        require(8);
        long v = readLong(buf, pos);
        pos += 8;
        return v;
    }

    long id() throws IOException {
        return idSize == 8 ? i8() : u4();
    }

    /** Reads a value of the given basic type as a long (object references as identifiers). */
    long value(BasicType type) throws IOException {
        return switch (type) {
            case OBJECT -> id();
            case BOOLEAN, BYTE -> (byte) u1();
            case CHAR -> u2();
            case SHORT -> (short) u2();
            case INT, FLOAT -> i4();
            case LONG, DOUBLE -> i8();
        };
    }

    /**
     * Skips n bytes. Past what the buffer holds, a skip of {@link #FAR} or more is the stream's own: a seek on
     * a file, where filling the buffer would read the bytes for nothing. Shorter ones fill it: the records
     * after them are read next anyway.
     */
    void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int available = limit - pos;
            if (available > 0) {
                int step = (int) Math.min(available, left);
                pos += step;
                left -= step;
                continue;
            }
            if (left >= FAR) {
                bufferStart += limit;
                pos = 0;
                limit = 0;
                long skipped;
                try {
                    skipped = in.skip(left);
                } catch (EOFException e) {
                    skipped = 0; // a cut-off gzip member, as in fill: the read below ends the input
                }
                if (skipped > 0) {
                    bufferStart += skipped;
                    left -= skipped;
                    continue;
                }
            }
            if (fill(1) == 0) { // the stream skipped nothing: at its end, or it only reads
                throw new EndOfInput(bufferStart + limit);
            }
        }
    }

    /**
     * A field value of type {@code type} stored at {@code b[p]}: identifiers for references, sign-extended
     * integers, IEEE bits for floating point (what {@link HeapGraph#value} returns).
     */
    static long value(byte[] b, int p, BasicType type, int idSize) {
        return switch (type) {
            case OBJECT -> idSize == 8 ? readLong(b, p) : readInt(b, p) & 0xFFFF_FFFFL;
            case BOOLEAN, BYTE -> b[p];
            case CHAR -> ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            case SHORT -> (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
            case INT, FLOAT -> readInt(b, p);
            case LONG, DOUBLE -> readLong(b, p);
        };
    }

    /** Big-endian views of a byte array: the JIT turns each read into one load and a byte swap. */
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static int readInt(byte[] b, int p) {
        return (int) INT.get(b, p);
    }

    static long readLong(byte[] b, int p) {
        return (long) LONG.get(b, p);
    }
}
