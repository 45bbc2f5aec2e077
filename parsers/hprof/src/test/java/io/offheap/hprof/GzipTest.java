package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Compressed dumps: plain single-member gzip and the multi-member gzip of {@code jcmd GC.heap_dump -gz}. */
class GzipTest {
    @TempDir
    Path tmp;

    @Test
    void singleMemberGzipGivesTheSameGraphAsTheUncompressedDump() throws IOException {
        Path plain = Corpus.dump("hprof-cpp/test1.hprof");
        Path gz = tmp.resolve("test1.hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        HeapGraph expected = Reading.read(plain);
        HeapGraph actual = Reading.read(gz);
        Reading.assertSameGraph(expected, actual);
        assertTrue(actual.outcome().compressed());
        assertFalse(actual.outcome().truncated());
        assertEquals(Files.size(plain), actual.outcome().bytesDecoded());
        assertEquals(expected.header(), actual.header());
    }

    /**
     * The generated dumps were written by {@code jcmd GC.heap_dump -gz=1}: many gzip members, one per
     * block. The uncompressed length is counted here member by member with a raw {@link Inflater} and
     * checked against every member's own ISIZE trailer, without the reader's GZIPInputStream.
     */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void multiMemberGzipIsReadToItsEnd(String file) throws IOException, DataFormatException {
        byte[] gz = Files.readAllBytes(Corpus.dump(file));
        Members counted = inflateMembers(gz);
        assertTrue(counted.starts().size() > 1, "jcmd -gz writes more than one gzip member; found " + counted.starts());
        HeapGraph g = Reading.read(Corpus.dump(file));
        assertEquals(counted.uncompressed(), g.outcome().bytesDecoded());
        assertFalse(g.outcome().truncated());
        assertEquals(gz.length, g.outcome().fileSize());
    }

    @Test
    void eclipseMatGzipDecodesToTheLengthSourcesMdStates() throws IOException, DataFormatException {
        Path file = Corpus.dump("eclipse-mat/openjdk_jdk11_04_x64.hprof.gz");
        assertEquals(14_080_024L, inflateMembers(Files.readAllBytes(file)).uncompressed());
        assertEquals(14_080_024L, Reading.read(file).outcome().bytesDecoded());
    }

    /**
     * The uncompressed length of a gzip file and, for each of its members, where it starts, where its deflate
     * data starts (after the header) and the uncompressed offset of its first byte.
     */
    record Members(long uncompressed, List<Long> starts, List<Long> dataStarts, List<Long> offsets) {
    }

    /** Inflates member by member, parsing each member header (RFC 1952) here. */
    static Members inflateMembers(byte[] gz) throws DataFormatException {
        long total = 0;
        List<Long> starts = new ArrayList<>();
        List<Long> dataStarts = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        int p = 0;
        byte[] out = new byte[1 << 16];
        while (p < gz.length) {
            starts.add((long) p);
            assertEquals(0x1f, gz[p] & 0xFF);
            assertEquals(0x8b, gz[p + 1] & 0xFF);
            assertEquals(8, gz[p + 2]);
            int flags = gz[p + 3];
            p += 10;
            if ((flags & 4) != 0) { // FEXTRA
                p += 2 + ((gz[p] & 0xFF) | (gz[p + 1] & 0xFF) << 8);
            }
            if ((flags & 8) != 0) { // FNAME
                while (gz[p++] != 0) { }
            }
            if ((flags & 16) != 0) { // FCOMMENT
                while (gz[p++] != 0) { }
            }
            if ((flags & 2) != 0) { // FHCRC
                p += 2;
            }
            dataStarts.add((long) p);
            offsets.add(total);
            Inflater inflater = new Inflater(true);
            inflater.setInput(gz, p, gz.length - p);
            long member = 0;
            while (!inflater.finished()) {
                member += inflater.inflate(out);
            }
            p = gz.length - inflater.getRemaining();
            inflater.end();
            long isize = (gz[p + 4] & 0xFFL) | (gz[p + 5] & 0xFFL) << 8 | (gz[p + 6] & 0xFFL) << 16 | (gz[p + 7] & 0xFFL) << 24;
            assertEquals(isize, member & 0xFFFF_FFFFL, "ISIZE of the member at " + starts.get(starts.size() - 1));
            p += 8;
            total += member;
        }
        return new Members(total, starts, dataStarts, offsets);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
