package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not heap dumps, or not only: each is rejected with a one-line message naming the file,
 * quickly and without inflating more than the reader's buffers hold.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotADumpTest {
    private static final byte[] HPROF_HEADER = header("JAVA PROFILE 1.0.2", 8);

    @TempDir
    Path tmp;

    @Test
    void emptyFile() throws IOException {
        Reading.rejected(write("empty.hprof", new byte[0]), "the file is empty");
    }

    @Test
    void textFile() throws IOException {
        Reading.rejected(write("notes.hprof", "heap dump goes here\nline two\n".getBytes(StandardCharsets.UTF_8)),
                "not an HPROF heap dump", "heap dump goes here");
    }

    @Test
    void pngImage() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        Reading.rejected(write("image.hprof", png), "not an HPROF heap dump", ".PNG");
    }

    @Test
    void zipArchive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("heap.hprof"));
            zip.write(Files.readAllBytes(Corpus.dump("openjdk-jdk8u-jhat/minimal.bin")));
        }
        Reading.rejected(write("dump.zip", bytes.toByteArray()), "not an HPROF heap dump", "PK");
    }

    @Test
    void gcLogPassedAsDump() throws IOException {
        Path log = Corpus.gcLog("generated/jdk25/g1-churn.gc.default-deco.log");
        assertTrue(Files.size(log) > 0);
        Reading.rejected(log, "not an HPROF heap dump");
    }

    @Test
    void gzippedGcLog() throws IOException {
        byte[] log = Files.readAllBytes(Corpus.gcLog("generated/jdk25/g1-churn.gc.default-deco.log"));
        Reading.rejected(write("gc.log.gz", GzipTest.gzip(log)), "not an HPROF heap dump");
    }

    @Test
    void androidDump() throws IOException {
        Reading.rejected(write("android.hprof", header("JAVA PROFILE 1.0.3", 4)), "Android", "hprof-conv");
    }

    @Test
    void unknownHprofVersion() throws IOException {
        Reading.rejected(write("future.hprof", header("JAVA PROFILE 1.0.9", 8)), "unsupported HPROF version");
    }

    @Test
    void formatStringWithoutTerminator() throws IOException {
        byte[] b = "JAVA PROFILE 1.0.2 and then no NUL byte for a long while".getBytes(StandardCharsets.ISO_8859_1);
        Reading.rejected(write("unterminated.hprof", b), "not an HPROF heap dump");
    }

    @Test
    void startsWithNul() throws IOException {
        Reading.rejected(write("zeros.hprof", new byte[4096]), "NUL byte");
    }

    @Test
    void gzipInsideGzip() throws IOException {
        byte[] once = GzipTest.gzip(Files.readAllBytes(Corpus.dump("openjdk-jdk8u-jhat/minimal.bin")));
        Reading.rejected(write("twice.hprof.gz", GzipTest.gzip(once)), "compressed twice");
    }

    @Test
    void gzipCutInItsHeader() throws IOException {
        byte[] gz = GzipTest.gzip(Files.readAllBytes(Corpus.dump("openjdk-jdk8u-jhat/minimal.bin")));
        Reading.rejected(write("cut.hprof.gz", Arrays.copyOf(gz, 6)), "gzip header");
    }

    @Test
    void gzipWithUnknownCompressionMethod() throws IOException {
        byte[] gz = GzipTest.gzip(Files.readAllBytes(Corpus.dump("openjdk-jdk8u-jhat/minimal.bin")));
        gz[2] = 7;
        Reading.rejected(write("method.hprof.gz", gz), "gzip");
    }

    /** A flipped byte inside the compressed data: a corrupt deflate stream or a CRC that no longer matches. */
    @Test
    void corruptGzipData() throws IOException {
        byte[] gz = Files.readAllBytes(Corpus.dump("generated/jdk17-live.hprof.gz"));
        for (int at : new int[] {5_000, 400_000, gz.length - 6}) {
            byte[] bad = gz.clone();
            bad[at] ^= 0x5A;
            Reading.rejected(write("corrupt.hprof.gz", bad));
        }
    }

    /** 128 MB of zeros in ~130 kB: fails on the first decoded bytes, long before they are all inflated. */
    @Test
    void gzipBombOfZeros() throws IOException {
        Path bomb = write("zeros.hprof.gz", zerosGzip(new byte[0], 128));
        long start = System.nanoTime();
        Reading.rejected(bomb, "not an HPROF heap dump", "NUL byte");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "took more than 2 s");
    }

    /** The same zeros after a valid HPROF header: record tag 0 at the first record, byte 31. */
    @Test
    void gzipBombOfZerosAfterHeader() throws IOException {
        Reading.rejected(write("header-zeros.hprof.gz", zerosGzip(HPROF_HEADER, 128)), "corrupt at byte 31:",
                "unknown record tag 0x00");
    }

    /**
     * A header, then a record we skip that claims 4 GB, then 128 MB of zeros: the file really holds that
     * much data, so the honest answer is to stream through it (memory bounded by the buffers) and report
     * the dump truncated where the data ends.
     */
    @Test
    void gzipOfZerosInsideOneSkippedRecord() throws IOException {
        byte[] start = Arrays.copyOf(HPROF_HEADER, HPROF_HEADER.length + 9);
        start[HPROF_HEADER.length] = 0x05; // STACK TRACE
        Arrays.fill(start, HPROF_HEADER.length + 5, start.length, (byte) 0xFF);
        HeapGraph g = Reading.truncated(write("skip-zeros.hprof.gz", zerosGzip(start, 128)));
        assertTrue(g.outcome().bytesDecoded() > 128L << 20);
        assertTrue(Reading.lastAllocated() < Reading.ALLOWANCE, "streamed, not held: " + Reading.lastAllocated());
    }

    private Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    private static byte[] zerosGzip(byte[] prefix, int megabytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(prefix);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] header(String format, int idSize) {
        byte[] f = format.getBytes(StandardCharsets.ISO_8859_1);
        byte[] h = new byte[f.length + 1 + 4 + 8];
        System.arraycopy(f, 0, h, 0, f.length);
        h[f.length + 4] = (byte) idSize;
        return h;
    }
}
