package io.offheap.hprof;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The contents of a few objects, read in a second pass over a dump whose {@link HeapGraph} is already
 * built: the field bytes of requested instances and the elements of requested primitive arrays. The first
 * pass keeps field values only for the classes the analysis names and skips every primitive array, because
 * keeping strings for all objects would double its memory; names that matter (a thread's, a file's) are
 * read here instead, only when the analysis found something to name.
 *
 * <p>Cost: one more pass over the file that reads only the heap dump records whose id range
 * ({@link DumpSegments}) may hold a requested object, seeking past the others, and stops as soon as every
 * requested object was seen: on a HotSpot dump, a few megabytes per requested object at most, whether or
 * not the file is still in the page cache. A {@code .hprof.gz} of {@code jcmd -gz} is inflated from the member
 * (1 MiB of dump) that holds each record needed ({@link SeekableGzipStream}); one of a single member (gzip(1))
 * cannot seek and is decompressed a second time (on its own thread, {@link ReadAhead}) up to the last record
 * needed, which costs up to as long as inflating it did in the first pass. Memory: the requested instances'
 * field bytes plus at most {@link #MAX_ARRAY_BYTES} per requested array. Nothing is allocated from a length the file claims
 * before that length is checked against its segment and capped. Object ids are what the graph holds, so
 * a String and its value array are requested together and one pass suffices whatever their order.
 */
public final class ObjectContents {
    /** Elements kept of one requested array: enough for any name; longer ones are cut ({@link PrimitiveArray#cut}). */
    public static final int MAX_ARRAY_BYTES = 1 << 16;

    /** A requested primitive array: {@code length} elements in the dump, the first {@code data.length} bytes kept. */
    public record PrimitiveArray(BasicType type, long length, byte[] data) {
        public boolean cut() {
            return (long) data.length < length * type.size(0);
        }
    }

    private final int idSize;
    private final Map<Long, byte[]> instances;
    private final Map<Long, PrimitiveArray> arrays;

    private ObjectContents(int idSize, Map<Long, byte[]> instances, Map<Long, PrimitiveArray> arrays) {
        this.idSize = idSize;
        this.instances = instances;
        this.arrays = arrays;
    }

    /** The field bytes of a requested instance (the layout of {@link HeapGraph#field}), or null if not read. */
    public byte[] fields(long id) {
        return instances.get(id);
    }

    /** A requested primitive array, or null if not read. */
    public PrimitiveArray array(long id) {
        return arrays.get(id);
    }

    /**
     * The raw value of a field of a requested instance, as {@link HeapGraph#value} gives it; 0 when the
     * instance was not read or the field is null.
     */
    public long value(long id, Field f) {
        byte[] b = instances.get(id);
        if (b == null || f == null || f.offset() + f.type().size(idSize) > b.length) {
            return 0;
        }
        return RecordInput.value(b, f.offset(), f.type(), idSize);
    }

    /** Reads the requested objects (see the class comment for the cost); a truncated dump yields what it holds. */
    static ObjectContents read(Path path, DumpSegments segments, Collection<Long> ids) throws IOException {
        long[] wanted = ids.stream().mapToLong(Long::longValue).filter(id -> id != 0).sorted().distinct().toArray();
        Map<Long, byte[]> instances = new HashMap<>();
        Map<Long, PrimitiveArray> arrays = new HashMap<>();
        int idSize = 8;
        if (wanted.length == 0) {
            return new ObjectContents(idSize, instances, arrays);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             InputStream source = HprofReader.isGzip(raw) ? gunzip(path, raw, segments.members()) : raw) {
            RecordInput in = new RecordInput(source, 1 << 20);
            Scan scan = new Scan(path.toString(), in, segments, wanted, instances, arrays);
            try {
                idSize = scan.header();
                scan.records();
            } catch (RecordInput.EndOfInput e) {
                // truncated: the first pass said so already; keep what was found
            }
        }
        return new ObjectContents(idSize, instances, arrays);
    }

    /**
     * A gzip dump whose first pass noted several members is read without a thread of its own, seeking from member
     * to member; one of a single member (gzip(1)) is inflated through on its {@link ReadAhead} thread.
     */
    private static InputStream gunzip(Path path, InputStream raw, GzipMembers members) throws IOException {
        if (members != null && members.count() > 1) {
            return new SeekableGzipStream(path, members);
        }
        return new ReadAhead(new GZIPInputStream(raw, 1 << 16), path.toString());
    }

    /**
     * One pass over the segments that may hold requested objects, in file order, skipping everything else.
     * Lengths are checked as in {@link HeapDumpReader}.
     */
    private static final class Scan {
        private final String file;
        private final RecordInput in;
        private final DumpSegments segments;
        private final long[] wanted;
        private final Map<Long, byte[]> instances;
        private final Map<Long, PrimitiveArray> arrays;
        private int idSize;

        Scan(String file, RecordInput in, DumpSegments segments, long[] wanted, Map<Long, byte[]> instances,
             Map<Long, PrimitiveArray> arrays) {
            this.file = file;
            this.in = in;
            this.segments = segments;
            this.wanted = wanted;
            this.instances = instances;
            this.arrays = arrays;
        }

        int header() throws IOException {
            for (int n = 0; in.u1() != 0; n++) {
                if (n > 32) {
                    throw HprofReader.corrupt(file, n, "no HPROF header");
                }
            }
            idSize = in.i4();
            if (idSize != 4 && idSize != 8) {
                throw HprofReader.corrupt(file, in.offset() - 4, "identifier size " + idSize);
            }
            in.idSize(idSize);
            in.i8();
            return idSize;
        }

        private boolean done() {
            return instances.size() + arrays.size() >= wanted.length;
        }

        private boolean wanted(long id) {
            return Arrays.binarySearch(wanted, id) >= 0;
        }

        /**
         * Goes from one heap dump record that may hold a requested object to the next, skipping (seeking past)
         * everything between, and those of an earlier dump in an hprof agent file, whose objects are not the
         * graph's.
         */
        void records() throws IOException {
            for (int s = 0; s < segments.count() && !done(); s++) {
                if (segments.mayHold(s, wanted)) {
                    in.skip(segments.start(s) - in.offset());
                    segment(segments.end(s));
                }
            }
        }

        private void segment(long end) throws IOException {
            while (in.offset() < end && !done()) {
                long at = in.offset();
                int tag = in.u1();
                switch (tag) {
                    case 0xFF, 0x05, 0x07 -> in.skip(idSize);
                    case 0x01 -> in.skip(2L * idSize);
                    case 0x02, 0x03, 0x08 -> in.skip(idSize + 8L);
                    case 0x04, 0x06 -> in.skip(idSize + 4L);
                    case 0x20 -> classDump(at);
                    case 0x21 -> instance(at, end);
                    case 0x22 -> objectArray(at, end);
                    case 0x23 -> primitiveArray(at, end);
                    default -> throw HprofReader.corrupt(file, at, String.format("unknown heap dump sub-record tag 0x%02x", tag));
                }
            }
            if (in.offset() < end) {
                in.skip(end - in.offset()); // everything wanted was found: skip the rest of the segment
            }
        }

        private void classDump(long at) throws IOException {
            in.skip(idSize + 4L + 6L * idSize + 4L);
            int constants = in.u2();
            for (int i = 0; i < constants; i++) {
                in.u2();
                in.skip(type(at).size(idSize));
            }
            int statics = in.u2();
            for (int i = 0; i < statics; i++) {
                in.skip(idSize);
                in.skip(type(at).size(idSize));
            }
            int fields = in.u2();
            in.skip(fields * (idSize + 1L));
        }

        private void instance(long at, long end) throws IOException {
            long id = in.id();
            in.i4();
            in.id();
            long length = in.u4();
            if (length > end - in.offset() || length > in.capacity()) {
                throw HprofReader.corrupt(file, at, "instance claims " + length + " bytes of fields");
            }
            if (wanted(id)) {
                int n = (int) length;
                in.require(n);
                instances.putIfAbsent(id, Arrays.copyOfRange(in.buffer(), in.pos(), in.pos() + n));
                in.advance(n);
            } else {
                in.skip(length);
            }
        }

        private void objectArray(long at, long end) throws IOException {
            in.id();
            in.i4();
            long length = in.u4();
            in.id();
            if (length * idSize > end - in.offset()) {
                throw HprofReader.corrupt(file, at, "object array claims " + length + " elements");
            }
            in.skip(length * idSize);
        }

        private void primitiveArray(long at, long end) throws IOException {
            long id = in.id();
            in.i4();
            long length = in.u4();
            BasicType type = type(at);
            long bytes = length * type.size(idSize);
            if (type == BasicType.OBJECT || bytes > end - in.offset()) {
                throw HprofReader.corrupt(file, at, "primitive array claims " + bytes + " bytes");
            }
            if (wanted(id) && !arrays.containsKey(id)) {
                int kept = (int) Math.min(bytes, MAX_ARRAY_BYTES);
                in.require(kept);
                arrays.put(id, new PrimitiveArray(type, length, Arrays.copyOfRange(in.buffer(), in.pos(), in.pos() + kept)));
                in.advance(kept);
                in.skip(bytes - kept);
            } else {
                in.skip(bytes);
            }
        }

        private BasicType type(long at) throws IOException {
            int code = in.u1();
            BasicType t = BasicType.of(code);
            if (t == null) {
                throw HprofReader.corrupt(file, at, "invalid basic type " + code);
            }
            return t;
        }
    }
}
