import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's baseline: one sequential pass that decodes every HPROF record and heap-dump sub-record
 * (headers, class dumps, object array elements; instance field bytes and primitive array contents are
 * stepped over) and builds nothing: the least any reader of the whole file does. What `offheap analyze`
 * costs beyond it is the analysis. Run as a single-file program, {@code java bench/SequentialDecode.java
 * <dump[.gz]>}; prints what it decoded. Written by hand because the point is to measure nothing but decoding.
 */
public class SequentialDecode {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private int idSize;

    SequentialDecode(InputStream in) {
        this.in = in;
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            new SequentialDecode(in).decode();
        }
    }

    private void decode() throws IOException {
        while (u1() != 0) {
            // the format name, up to its terminating zero
        }
        idSize = i4();
        skip(8);
        long records = 0;
        long objects = 0;
        long references = 0;
        while (more()) {
            int tag = u1();
            skip(4);
            long length = i4() & 0xFFFF_FFFFL;
            records++;
            if (tag != 0x0C && tag != 0x1C) {
                skip(length);
                continue;
            }
            long end = offset + pos + length;
            while (offset + pos < end) {
                int sub = u1();
                switch (sub) {
                    case 0xFF, 0x05, 0x07 -> skip(idSize);
                    case 0x01 -> skip(2L * idSize);
                    case 0x02, 0x03, 0x08 -> skip(idSize + 8L);
                    case 0x04, 0x06 -> skip(idSize + 4L);
                    case 0x20 -> classDump();
                    case 0x21 -> {
                        id();
                        skip(4);
                        id();
                        skip(i4() & 0xFFFF_FFFFL);
                        objects++;
                    }
                    case 0x22 -> {
                        id();
                        skip(4);
                        long n = i4() & 0xFFFF_FFFFL;
                        id();
                        for (long i = 0; i < n; i++) {
                            references += id() != 0 ? 1 : 0;
                        }
                        objects++;
                    }
                    case 0x23 -> {
                        id();
                        skip(4);
                        long n = i4() & 0xFFFF_FFFFL;
                        skip(n * size(u1()));
                        objects++;
                    }
                    default -> throw new IOException("unknown sub-record 0x" + Integer.toHexString(sub) + " at " + (offset + pos));
                }
            }
        }
        System.out.printf("%d records, %d objects, %d array references%n", records, objects, references);
    }

    private void classDump() throws IOException {
        skip(idSize + 4L + 6L * idSize + 4L);
        int constants = u2();
        for (int i = 0; i < constants; i++) {
            skip(2);
            skip(size(u1()));
        }
        int statics = u2();
        for (int i = 0; i < statics; i++) {
            skip(idSize);
            skip(size(u1()));
        }
        skip(u2() * (idSize + 1L));
    }

    private int size(int type) {
        return switch (type) {
            case 2 -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("unknown basic type " + type);
        };
    }

    // ---- buffered big-endian reads ----

    private long offset; // file offset of buf[0]

    private boolean more() throws IOException {
        return pos < limit || fill(1);
    }

    private boolean fill(int n) throws IOException {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        offset += pos;
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    private void need(int n) throws IOException {
        if (limit - pos < n && !fill(n)) {
            throw new EOFException("truncated at " + (offset + pos));
        }
    }

    private int u1() throws IOException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private int u2() throws IOException {
        need(2);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    private int i4() throws IOException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    private long id() throws IOException {
        return idSize == 4 ? i4() & 0xFFFF_FFFFL : (long) i4() << 32 | i4() & 0xFFFF_FFFFL;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == limit && !fill(1)) {
                throw new EOFException("truncated at " + (offset + pos));
            }
            int step = (int) Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
    }
}
