package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The member index of {@code jcmd -gz} dumps: the first pass notes where members begin, the second pass starts
 * inflating at the member before what it wants. Checked against the members parsed by hand (RFC 1952) in
 * {@link GzipTest#inflateMembers} and the dump's bytes inflated in one piece.
 */
class SeekableGzipStreamTest {
    /** Reads the whole file as the first pass does, and returns the members it noted. */
    private static GzipMembers index(Path gz, byte[] expected) throws IOException {
        GzipMembers members = new GzipMembers();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(gz), 1 << 16);
             InputStream in = new IndexingGzipStream(new CountingStream(raw, 0, null), members)) {
            assertArrayEquals(expected, in.readAllBytes(), "the indexing stream inflates what GZIPInputStream does");
        }
        return members;
    }

    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void notesTheMembersWhereTheyBegin(String file) throws IOException, DataFormatException {
        Path gz = Corpus.dump(file);
        GzipMembers members = index(gz, Corpus.uncompressed(file));
        GzipTest.Members byHand = GzipTest.inflateMembers(Files.readAllBytes(gz));
        byte[] plain = Corpus.uncompressed(file);
        assertTrue(members.count() >= plain.length / GzipMembers.SPACING - 1 && members.count() > 1,
                members.count() + " members noted of " + byHand.starts().size() + " in " + plain.length + " bytes");
        long last = -GzipMembers.SPACING;
        for (int m = 0; m < members.count(); m++) {
            int k = byHand.dataStarts().indexOf(members.dataStart(m));
            assertTrue(k >= 0, "member " + m + " noted at " + members.dataStart(m) + ", where no member's data begins");
            assertEquals(byHand.offsets().get(k), members.offset(m), "uncompressed offset of member " + m);
            assertEquals(RecordInput.readLong(plain, (int) members.offset(m)), members.firstBytes(m), "first bytes of member " + m);
            assertTrue(members.offset(m) >= last + GzipMembers.SPACING, "members closer than the spacing: " + m);
            last = members.offset(m);
        }
    }

    /** Skips forward as the second pass does, by random steps, and reads a little after each: what the file holds there. */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void skipsLandOnTheBytesTheDumpHoldsThere(String file) throws IOException {
        Path gz = Corpus.dump(file);
        byte[] plain = Corpus.uncompressed(file);
        GzipMembers members = index(gz, plain);
        Random random = new Random(file.hashCode());
        for (int round = 0; round < 20; round++) {
            try (SeekableGzipStream in = new SeekableGzipStream(gz, members)) {
                long at = 0;
                while (true) {
                    long step = random.nextInt(3) == 0 ? random.nextInt(100) : (long) (random.nextDouble() * 3 * GzipMembers.SPACING);
                    if (at + step >= plain.length) {
                        assertEquals(plain.length - at, in.skip(step), "a skip past the end stops there");
                        assertEquals(-1, in.read());
                        break;
                    }
                    assertEquals(step, in.skip(step));
                    at += step;
                    int n = (int) Math.min(plain.length - at, random.nextInt(5000));
                    byte[] got = in.readNBytes(n);
                    assertArrayEquals(Arrays.copyOfRange(plain, (int) at, (int) at + n), got, file + " at " + at);
                    at += n;
                }
            }
        }
    }

    /** The point of the index: bytes near the end cost a member or two of inflating, not the whole dump. */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void aSkipToTheEndInflatesLittle(String file) throws IOException {
        Path gz = Corpus.dump(file);
        byte[] plain = Corpus.uncompressed(file);
        GzipMembers members = index(gz, plain);
        long target = plain.length - 100;
        try (SeekableGzipStream in = new SeekableGzipStream(gz, members)) {
            assertEquals(target, in.skip(target));
            assertArrayEquals(Arrays.copyOfRange(plain, (int) target, plain.length), in.readAllBytes());
            assertTrue(in.inflated() < 3 * GzipMembers.SPACING, in.inflated() + " bytes inflated to read the last 100 of " + plain.length);
        }
    }

    /** Bytes after the last member that are not another one end the stream there, as they end GZIPInputStream. */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void bytesAfterTheLastMemberEndTheStream(String file, @TempDir Path tmp) throws IOException {
        byte[] gz = Files.readAllBytes(Corpus.dump(file));
        byte[] padded = Arrays.copyOf(gz, gz.length + 64);
        padded[gz.length] = 'x';
        Path p = tmp.resolve("padded.hprof.gz");
        Files.write(p, padded);
        byte[] plain = Corpus.uncompressed(file);
        GzipMembers members = index(p, plain);
        try (SeekableGzipStream in = new SeekableGzipStream(p, members)) {
            long target = plain.length - 100;
            assertEquals(target, in.skip(target));
            assertArrayEquals(Arrays.copyOfRange(plain, (int) target, plain.length), in.readAllBytes());
            assertTrue(in.inflated() < 3 * GzipMembers.SPACING, "seeked: " + in.inflated());
        }
    }

    /**
     * A member that does not begin with the bytes the first pass saw there (here: noted one byte off, or with
     * other first bytes) is not used, nor any member after it: the stream inflates from the start instead.
     */
    @ParameterizedTest
    @MethodSource("io.offheap.hprof.CorpusTest#generated")
    void aMemberThatDoesNotBeginAsNotedIsNotTrusted(String file) throws IOException {
        Path gz = Corpus.dump(file);
        byte[] plain = Corpus.uncompressed(file);
        GzipMembers good = index(gz, plain);
        int m = good.count() - 1;
        GzipMembers[] spoilt = {new GzipMembers(), new GzipMembers()};
        spoilt[0].note(good.dataStart(0), 0, good.firstBytes(0));
        spoilt[0].note(good.dataStart(m) + 1, good.offset(m), good.firstBytes(m));
        spoilt[1].note(good.dataStart(0), 0, good.firstBytes(0));
        spoilt[1].note(good.dataStart(m), good.offset(m), ~good.firstBytes(m));
        for (GzipMembers members : spoilt) {
            try (SeekableGzipStream in = new SeekableGzipStream(gz, members)) {
                long target = good.offset(m) + 10;
                assertEquals(target, in.skip(target));
                assertArrayEquals(Arrays.copyOfRange(plain, (int) target, (int) target + 1000), in.readNBytes(1000));
                assertTrue(in.inflated() >= target, "inflated from the start: " + in.inflated());
            }
        }
    }
}
