package io.offheap.hprof;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a HotSpot {@code .hprof} (or {@code .hprof.gz}) heap dump into a {@link HeapGraph} in one
 * sequential pass. Hand-written rather than a library: see DESIGN.md (the published readers were
 * 7-17x slower and none reads the multi-member gzip of {@code jcmd GC.heap_dump -gz}).
 *
 * <p>Formats: JAVA PROFILE 1.0.1 and 1.0.2, identifier size 4 or 8, HEAP DUMP and HEAP DUMP SEGMENT.
 * Gzip is detected by its magic bytes and inflated as a stream ({@link GZIPInputStream} reads
 * concatenated members). A file cut short is read as far as it goes and marked truncated, also when it
 * ends between two records where HotSpot would have written more (a segmented dump without HEAP DUMP
 * END, a file without any heap dump); a corrupt one fails with an {@link HprofFormatException} whose
 * one-line message names the file and the byte offset. No length field is trusted for an allocation:
 * memory grows with the data actually read.
 */
public final class HprofReader {
    private static final int UTF8 = 0x01;
    private static final int LOAD_CLASS = 0x02;
    private static final int HEAP_DUMP = 0x0C;
    private static final int HEAP_DUMP_SEGMENT = 0x1C;
    private static final int HEAP_DUMP_END = 0x2C;
    private static final int CONTROL_SETTINGS = 0x0E;
    private static final String FORMAT_PREFIX = "JAVA PROFILE 1.0.";
    /** Top-level records we do not need and skip by their length (heapDumper.cpp, hprof agent). */
    private static final Set<Integer> SKIPPED = Set.of(0x03, 0x04, 0x05, 0x06, 0x07, 0x0A, 0x0B, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12);
    private static final int MAX_NAME_BYTES = 1 << 20;
    private static final int BUFFER = 1 << 20;

    /**
     * What to read besides the graph. {@code keepFieldsOf}: dotted class names whose instances (and
     * their subclasses' instances) keep their field values; an entry starting with {@code *} names every
     * class whose name ends with the rest (e.g. {@code *.netty.buffer.PoolChunk}: shaded copies of a library
     * rename its packages). {@code progress}: told the bytes of the
     * file read so far (compressed bytes for gzip), or null.
     */
    public record Options(Set<String> keepFieldsOf, Progress progress) {
    }

    /** Progress callback while reading; called every few megabytes. */
    @FunctionalInterface
    public interface Progress {
        void bytesRead(long done, long total);
    }

    private final String file;
    private final RecordInput in;
    private final Options options;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, String> normalizedNames = new HashMap<>();
    private final Map<Long, String> loadedClassNames = new HashMap<>();
    private final long fileSize;
    /** Filled while the first pass inflates a gzip dump (on the {@link ReadAhead} thread); null for a plain one. */
    private final GzipMembers members;

    private HprofReader(String file, RecordInput in, Options options, long fileSize, GzipMembers members) {
        this.file = file;
        this.members = members;
        this.in = in;
        this.options = options;
        this.fileSize = fileSize;
    }

    /** Reads the whole dump. Throws {@link HprofFormatException} if it is not a dump or is corrupt. */
    public static HeapGraph read(Path path, Options options) throws IOException {
        long size = Files.size(path);
        GzipMembers members = new GzipMembers();
        try (InputStream raw = new BufferedInputStream(new CountingStream(
                Files.newInputStream(path, StandardOpenOption.READ), size, options.progress()), 1 << 16);
             InputStream source = isGzip(raw) ? new ReadAhead(gunzip(path, raw, members), path.toString()) : raw) {
            boolean gzip = source != raw;
            RecordInput in = new RecordInput(source, BUFFER);
            try {
                return new HprofReader(path.toString(), in, options, size, gzip ? members : null).readAll(path, gzip);
            } catch (ZipException e) {
                throw new HprofFormatException(String.format("%s: corrupt gzip data after %,d uncompressed bytes (%s)",
                        path, in.decoded(), e.getMessage() != null ? e.getMessage() : "invalid deflate data"));
            } catch (GraphLimit e) {
                throw new HprofFormatException(String.format("%s: holds %s (read to byte %,d%s), more than one graph "
                        + "of this version of Offheap can number", path, e.getMessage(), in.offset(), gzip ? " of uncompressed data" : ""));
            }
        }
    }

    /**
     * The field bytes of the requested instances and the elements of the requested primitive arrays of a
     * dump already read with {@link #read}, in one more pass over the file (cost: {@link ObjectContents}).
     */
    public static ObjectContents readContents(HeapGraph graph, Collection<Long> ids) throws IOException {
        return ObjectContents.read(graph.outcome().file(), graph.segments(), ids);
    }

    /** True if the stream starts with gzip's magic number; the stream is left where it was. */
    static boolean isGzip(InputStream raw) throws IOException {
        raw.mark(2);
        boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
        raw.reset();
        return gzip;
    }

    /** GZIPInputStream reads the first member's header at once: a file cut inside it is not a dump we can read. */
    private static InputStream gunzip(Path path, InputStream raw, GzipMembers members) throws IOException {
        try {
            return new IndexingGzipStream(new CountingStream(raw, 0, null), members);
        } catch (EOFException e) {
            throw new HprofFormatException(path + ": the file ends inside its gzip header");
        } catch (ZipException e) {
            throw new HprofFormatException(path + ": corrupt gzip header (" + e.getMessage() + ")");
        }
    }

    private HeapGraph readAll(Path path, boolean gzip) throws IOException {
        HprofHeader header = header(gzip);
        in.idSize(header.idSize());
        GraphBuilder builder = newBuilder(header, gzip);
        int dumps = 0;
        boolean dumpEnded = true;
        boolean agent = false;
        long recordAt = in.offset();
        long recordLength = -1;
        String truncation = null;
        long decoded;
        try {
            while (!in.atEnd()) {
                recordAt = in.offset();
                recordLength = -1;
                int tag = in.u1();
                in.i4(); // microseconds since the header's timestamp
                recordLength = in.u4();
                long end = in.offset() + recordLength;
                switch (tag) {
                    case UTF8 -> utf8(recordAt, recordLength, header.idSize());
                    case LOAD_CLASS -> loadClass(recordAt, recordLength, header.idSize());
                    case HEAP_DUMP, HEAP_DUMP_SEGMENT -> {
                        if (dumpEnded && dumps > 0) {
                            builder = newBuilder(header, gzip); // the hprof agent writes a second, later dump: keep the last
                        }
                        if (dumpEnded) {
                            dumps++;
                        }
                        new HeapDumpReader(in, builder, names, file).read(end);
                        dumpEnded = tag == HEAP_DUMP;
                    }
                    case HEAP_DUMP_END -> {
                        dumpEnded = true;
                        in.skip(recordLength);
                    }
                    default -> {
                        if (!SKIPPED.contains(tag)) {
                            throw corrupt(file, recordAt, String.format("unknown record tag 0x%02x", tag));
                        }
                        agent |= tag == CONTROL_SETTINGS;
                        in.skip(recordLength);
                    }
                }
            }
            decoded = in.offset();
            // A file that ends between two records may still be cut short: HotSpot ends every dump
            // written in segments with HEAP DUMP END, and always writes a heap dump.
            if (!dumpEnded) {
                truncation = String.format("it ends at byte %,d after a heap dump segment, without the HEAP DUMP END "
                        + "record that closes every segmented dump", decoded);
            } else if (dumps == 0 && !agent) {
                truncation = String.format("it ends at byte %,d before any heap dump record, which HotSpot always "
                        + "writes (only the old hprof agent, whose files start with CONTROL SETTINGS, may omit it)", decoded);
            }
        } catch (RecordInput.EndOfInput e) {
            decoded = e.offset;
            truncation = recordLength < 0
                    ? String.format("it ends at byte %,d inside the 9-byte header of a record that starts at byte %,d",
                            e.offset, recordAt)
                    : String.format("it ends at byte %,d inside a record that starts at byte %,d and claims %,d bytes",
                            e.offset, recordAt, recordLength);
        }
        String unit = gzip ? " of uncompressed data" : "";
        if (truncation != null) {
            builder.warnings.add(String.format("the dump is truncated: %s; analysed the %,d bytes%s read", truncation,
                    decoded, unit));
        } else if (dumps == 0) {
            builder.warnings.add("the file holds no heap dump records (an hprof agent file written with heap=sites)");
        }
        if (dumps > 1) {
            builder.warnings.add("the file holds " + dumps + " heap dumps (old hprof agent); analysed the last one");
        }
        ReadOutcome outcome = new ReadOutcome(path, fileSize, gzip, decoded, truncation != null, dumps);
        return builder.build(header, outcome);
    }

    /**
     * The builder sizes its lists from the dump's size. Gzip does not say how big a multi-member file is
     * uncompressed, so take HotSpot's {@code -gz=1} ratio (5.3 for the benchmark dump): starting from the
     * compressed size, the lists grew through a dozen copies whose garbage doubled the peak memory.
     */
    private GraphBuilder newBuilder(HprofHeader header, boolean gzip) {
        long expected = gzip ? fileSize * 5 : fileSize;
        return new GraphBuilder(header.idSize(), loadedClassNames, options.keepFieldsOf(), expected, members);
    }

    private HprofHeader header(boolean gzip) throws IOException {
        byte[] start = new byte[32];
        int n = 0;
        boolean terminated = false;
        try {
            while (n < start.length && !terminated) {
                int b = in.u1();
                terminated = b == 0;
                if (!terminated) {
                    start[n++] = (byte) b;
                }
            }
        } catch (RecordInput.EndOfInput e) {
            // too short: said below
        }
        String format = new String(start, 0, n, StandardCharsets.ISO_8859_1);
        if (gzip && n >= 2 && (start[0] & 0xFF) == 0x1F && (start[1] & 0xFF) == 0x8B) {
            throw new HprofFormatException(file + ": compressed twice (gzip inside gzip); decompress it once first");
        }
        if (!terminated) {
            if (n == 0) {
                throw new HprofFormatException(file + (gzip ? ": decompresses to nothing" : ": the file is empty"));
            }
            if (n < start.length && (FORMAT_PREFIX.startsWith(format) || format.startsWith(FORMAT_PREFIX))) {
                throw new HprofFormatException(String.format("%s: the file ends inside the HPROF header at byte %,d", file, n));
            }
            throw notADump(format);
        }
        if (!format.startsWith(FORMAT_PREFIX)) {
            throw notADump(format);
        }
        if (format.equals("JAVA PROFILE 1.0.3")) {
            throw new HprofFormatException(file + ": an Android heap dump (JAVA PROFILE 1.0.3); convert it with the "
                    + "Android SDK's hprof-conv first");
        }
        if (!format.equals("JAVA PROFILE 1.0.1") && !format.equals("JAVA PROFILE 1.0.2")) {
            throw new HprofFormatException(file + ": unsupported HPROF version \"" + printable(format, 20) + "\"");
        }
        try {
            long at = in.offset();
            int idSize = in.i4();
            if (idSize != 4 && idSize != 8) {
                throw corrupt(file, at, "identifier size " + idSize + " (HotSpot writes 4 or 8)");
            }
            long millis = in.i8();
            return new HprofHeader(format, idSize, Instant.ofEpochMilli(millis));
        } catch (RecordInput.EndOfInput e) {
            throw new HprofFormatException(String.format("%s: the file ends inside the HPROF header at byte %,d", file, e.offset));
        }
    }

    private HprofFormatException notADump(String start) {
        return new HprofFormatException(file + ": not an HPROF heap dump (" + (start.isEmpty()
                ? "it starts with a NUL byte" : "it starts with \"" + printable(start, 20) + "\"") + ")");
    }

    private void utf8(long at, long length, int idSize) throws IOException {
        if (length < idSize || length - idSize > MAX_NAME_BYTES) {
            throw corrupt(file, at, "UTF8 record claims " + length + " bytes");
        }
        long id = in.id();
        int n = (int) (length - idSize);
        in.require(n);
        names.put(id, ModifiedUtf8.decode(in.buffer(), in.pos(), n));
        in.advance(n);
    }

    private void loadClass(long at, long length, int idSize) throws IOException {
        if (length != 8L + 2L * idSize) {
            throw corrupt(file, at, "LOAD CLASS record has length " + length + ", expected " + (8 + 2 * idSize));
        }
        in.i4();
        long classId = in.id();
        in.i4();
        long nameId = in.id();
        String raw = names.get(nameId);
        // Once per name, not per class: a hostile dump can point thousands of classes at one huge name.
        loadedClassNames.put(classId, raw == null || raw.isEmpty() ? null
                : normalizedNames.computeIfAbsent(nameId, k -> ClassNames.normalize(raw)));
    }

    static HprofFormatException corrupt(String file, long offset, String what) {
        return new HprofFormatException(String.format("%s: corrupt at byte %,d: %s", file, offset, what));
    }

    /**
     * Dump-supplied text (a format string, a class name) made safe for a one-line message: control and
     * line-separator characters become '.', and at most {@code max} characters are kept.
     */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            boolean breaks = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            b.append(breaks ? '.' : c);
        }
        return s.length() > max ? b + "..." : b.toString();
    }
}
