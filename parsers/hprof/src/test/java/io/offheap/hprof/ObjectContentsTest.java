package io.offheap.hprof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second pass reads the records whose ids may hold a requested object and no others. Shown from outside:
 * after the first pass, the bytes of one segment are overwritten with an unknown sub-record tag; a pass
 * that reads that segment fails on it, one that skips it does not notice.
 */
class ObjectContentsTest {
    private static final long CLASS = 0x100;
    private static final long FIELD_NAME = 0x10;
    @TempDir
    Path tmp;

    /** Segment bodies in file order: classes and roots; 0x1000 and 0x5000; 0x2000; arrays 0x3000 and 0x3100; none. */
    private long[] bodies;
    private byte[] file;

    private Path dump(boolean gzip) throws IOException {
        DumpWriter w = new DumpWriter(8).utf8(FIELD_NAME, "v").utf8(0x11, "Holder").loadClass(1, CLASS, 0x11);
        w.classDump(CLASS, 0, new long[] {FIELD_NAME}, new int[] {DumpWriter.INT});
        w.root(DumpWriter.ROOT_STICKY_CLASS, CLASS);
        long classes = w.endSegment();
        w.instance(0x1000, CLASS, new byte[] {0, 0, 0, 1}).instance(0x5000, CLASS, new byte[] {0, 0, 0, 5});
        long wide = w.endSegment();
        w.instance(0x2000, CLASS, new byte[] {0, 0, 0, 2});
        long middle = w.endSegment();
        w.byteArray(0x3000, "first".getBytes()).byteArray(0x3100, "second".getBytes());
        long arrays = w.endSegment();
        file = w.finish();
        bodies = new long[] {classes, wide, middle, arrays, file.length - 9};
        Path p = tmp.resolve(gzip ? "d.hprof.gz" : "d.hprof");
        write(p, file, gzip);
        return p;
    }

    /** Overwrites the body of segment {@code s} (file order) with a sub-record tag no dump has. */
    private void spoil(Path p, int s, boolean gzip) throws IOException {
        byte[] b = file.clone();
        Arrays.fill(b, (int) bodies[s], (int) bodies[s + 1] - 9, (byte) 0xEE);
        write(p, b, gzip);
    }

    private static void write(Path p, byte[] b, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(b);
        }
    }

    @Test
    void readsOnlyTheSegmentsWhoseIdsMayHoldWhatIsWanted() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            String how = gzip ? "gzip" : "plain";
            Path p = dump(gzip);
            HeapGraph g = HprofReader.read(p, new HprofReader.Options(Set.of(), null));
            assertEquals(5, g.segments().count(), how);

            spoil(p, 2, gzip); // 0x2000 only: not read
            ObjectContents c = HprofReader.readContents(g, List.of(0x5000L, 0x3100L));
            assertArrayEquals(new byte[] {0, 0, 0, 5}, c.fields(0x5000), how);
            assertArrayEquals("second".getBytes(), c.array(0x3100).data(), how);
            assertNull(c.fields(0x1000), "not asked for");

            spoil(p, 3, gzip); // the arrays: read, and found spoilt
            HprofFormatException e = assertThrows(HprofFormatException.class,
                    () -> HprofReader.readContents(g, List.of(0x3000L)), how);
            assertTrue(e.getMessage().contains("unknown heap dump sub-record tag 0xee"), e.getMessage());

            // 0x2000 lies within the ids of the segment that holds 0x1000 and 0x5000: that one is read too
            spoil(p, 1, gzip);
            assertThrows(HprofFormatException.class, () -> HprofReader.readContents(g, List.of(0x2000L)), how);
            spoil(p, 3, gzip);
            assertArrayEquals(new byte[] {0, 0, 0, 2}, HprofReader.readContents(g, List.of(0x2000L)).fields(0x2000), how);

            spoil(p, 0, gzip); // classes and roots: never needed
            assertNull(HprofReader.readContents(g, List.of(0x9000L)).fields(0x9000), "in no segment's ids");
            assertArrayEquals("first".getBytes(), HprofReader.readContents(g, List.of(0x3000L)).array(0x3000).data(), how);
        }
    }

    /**
     * A {@code jcmd -gz} dump, read member by member from where each wanted record lies ({@link SeekableGzipStream}),
     * gives what its uncompressed copy gives: asked for every 40th instance and primitive array (most segments are
     * read), then for seven far apart (members between them are skipped).
     */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void aJcmdGzipDumpGivesWhatItsUncompressedCopyGives(String name) throws IOException {
        Path gz = Corpus.dump(name);
        Path plain = tmp.resolve("plain.hprof");
        Files.write(plain, Corpus.uncompressed(name));
        HeapGraph zipped = Reading.read(gz);
        HeapGraph unzipped = Reading.read(plain);
        assertTrue(zipped.segments().members().count() > 1, "jcmd -gz members noted: " + zipped.segments().members().count());
        List<Long> many = new ArrayList<>();
        List<Long> few = new ArrayList<>();
        for (int o = 0; o < unzipped.objectCount(); o++) {
            if (unzipped.kind(o) == ObjectKind.INSTANCE || unzipped.kind(o) == ObjectKind.PRIMITIVE_ARRAY) {
                if (o % 40 == 0) {
                    many.add(unzipped.id(o));
                }
                if (few.size() * unzipped.objectCount() <= 7L * o) {
                    few.add(unzipped.id(o));
                }
            }
        }
        assertEquals(7, few.size());
        for (List<Long> ids : List.of(many, few)) {
            sameContents(unzipped, zipped, ids);
        }
    }

    /**
     * Cut (as a full disk leaves it) and with bytes after its last member (gzip ignores them), a {@code jcmd -gz}
     * dump still gives in its second pass what the uncompressed bytes it holds give: the seeks stay inside what
     * the first pass could read, and the members end where the file does.
     */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void aCutOrPaddedJcmdGzipDumpGivesWhatItsUncompressedBytesGive(String name) throws IOException {
        byte[] gz = Files.readAllBytes(Corpus.dump(name));
        byte[] padded = Arrays.copyOf(gz, gz.length + 100);
        byte[] text = "not gzip: trailing bytes".getBytes();
        System.arraycopy(text, 0, padded, gz.length, text.length);
        for (byte[] bytes : List.of(Arrays.copyOf(gz, gz.length * 4 / 5), padded)) {
            Path zippedFile = tmp.resolve("d.hprof.gz");
            Files.write(zippedFile, bytes);
            byte[] held = inflatable(bytes);
            Path plain = tmp.resolve("d.hprof");
            Files.write(plain, held);
            HeapGraph zipped = Reading.read(zippedFile);
            HeapGraph unzipped = Reading.read(plain);
            assertEquals(held.length, zipped.outcome().bytesDecoded());
            assertTrue(zipped.segments().members().count() > 1, "members noted: " + zipped.segments().members().count());
            assertEquals(unzipped.objectCount(), zipped.objectCount());
            List<Long> ids = new ArrayList<>();
            for (int o = 0; o < unzipped.objectCount(); o += 25) {
                if (unzipped.kind(o) == ObjectKind.INSTANCE || unzipped.kind(o) == ObjectKind.PRIMITIVE_ARRAY) {
                    ids.add(unzipped.id(o));
                }
            }
            sameContents(unzipped, zipped, List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1)));
            sameContents(unzipped, zipped, ids);
        }
    }

    /** What GZIPInputStream inflates of {@code gz} before it ends or breaks off. */
    private static byte[] inflatable(byte[] gz) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                out.write(b, 0, n);
            }
        } catch (java.io.EOFException e) {
            // cut: what came before is what a reader has
        }
        return out.toByteArray();
    }

    private static void sameContents(HeapGraph unzipped, HeapGraph zipped, List<Long> ids) throws IOException {
        ObjectContents expected = HprofReader.readContents(unzipped, ids);
        ObjectContents actual = HprofReader.readContents(zipped, ids);
        for (long id : ids) {
            assertArrayEquals(expected.fields(id), actual.fields(id), "fields of 0x" + Long.toHexString(id));
            assertEquals(expected.array(id) == null, actual.array(id) == null, "array 0x" + Long.toHexString(id));
            if (expected.array(id) != null) {
                assertEquals(expected.array(id).length(), actual.array(id).length());
                assertArrayEquals(expected.array(id).data(), actual.array(id).data(), "array 0x" + Long.toHexString(id));
            }
            assertTrue(expected.fields(id) != null || expected.array(id) != null, "0x" + Long.toHexString(id) + " not read");
        }
    }
}
