package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real dumps cut short at many points: inside the fixed header (rejected, naming the file), inside and
 * between UTF8, LOAD CLASS and stack records, inside a record's 9-byte header, at heap dump sub-record
 * boundaries and in the middle of sub-records, between segments, and at random. Everything past the
 * fixed header must be read as far as it goes, marked truncated, with a warning saying how much was
 * read, and hold exactly the objects that the cut left whole (an array whose header survived may count).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TruncatedDumpTest {
    @TempDir
    Path tmp;

    /** Uncompressed HotSpot dumps of both formats and identifier sizes; the bigger ones get fewer cuts. */
    @ParameterizedTest
    @CsvSource({"eclipse-mat/oracle_jdk8_05_x64.hprof, 30", "hprof-cpp/test1.hprof, 12", "eclipse-mat/HeapDumpSample.hprof, 8"})
    void hotSpotDumpCutAnywhere(String name, int spread) throws IOException {
        byte[] data = Corpus.uncompressed(name);
        HprofMap map = new HprofMap(data);
        TreeSet<Long> cuts = new TreeSet<>();
        for (long c = 0; c <= map.headerEnd; c++) {
            cuts.add(c);
        }
        addRecordCuts(map, cuts, true);
        addSubRecordCuts(map, cuts, spread);
        addRandomCuts(data.length, cuts, spread);
        cuts.remove((long) data.length);
        checkCuts(name, data, map, cuts);
    }

    /**
     * The old hprof agent's file: two dumps and records after each. Between two of its records outside a
     * dump the file looks complete (the agent writes no closing record and may write no dump at all), so
     * only cuts inside records and inside the dumps are taken here.
     */
    @Test
    void hprofAgentDumpCutInsideRecordsAndDumps() throws IOException {
        String name = "eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof";
        byte[] data = Corpus.uncompressed(name);
        HprofMap map = new HprofMap(data);
        TreeSet<Long> cuts = new TreeSet<>();
        addRecordCuts(map, cuts, false);
        addSubRecordCuts(map, cuts, 20);
        checkCuts(name, data, map, cuts);
    }

    @Test
    void gzipDumpCutAnywhere() throws IOException, DataFormatException {
        String name = "generated/jdk17-live.hprof.gz";
        byte[] gz = Files.readAllBytes(Corpus.dump(name));
        TreeSet<Long> cuts = new TreeSet<>();
        for (long c = 0; c < 40; c++) {
            cuts.add(c);
        }
        List<Long> members = GzipTest.inflateMembers(gz).starts();
        for (long m : members) {
            for (long d = -9; d <= 12; d++) {
                cuts.add(m + d);
            }
        }
        addRandomCuts(gz.length, cuts, 25);
        cuts.removeIf(c -> c <= 0 || c >= gz.length);
        Path file = tmp.resolve("cut.hprof.gz");
        List<String> failures = new ArrayList<>();
        for (long cut : cuts) {
            write(file, gz, cut);
            try {
                String outcome = Reading.rejectedOrTruncated(file);
                if (cut < 10 && !outcome.equals("rejected") || cut >= 1024 && !outcome.equals("truncated")) {
                    failures.add("cut at " + cut + ": " + outcome);
                }
            } catch (AssertionError | Exception e) {
                failures.add("cut at " + cut + ": " + e);
            }
        }
        assertTrue(members.size() > 1, "multi-member gzip expected");
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + cuts.size() + " cuts failed:\n"
                + String.join("\n", failures));
    }

    private void checkCuts(String name, byte[] data, HprofMap map, TreeSet<Long> cuts) throws IOException {
        Path file = tmp.resolve(Path.of(name).getFileName() + ".cut");
        List<String> failures = new ArrayList<>();
        for (long cut : cuts) {
            write(file, data, cut);
            try {
                if (cut < map.headerEnd) {
                    Reading.rejected(file, cut == 0 ? "empty" : "ends inside the HPROF header");
                    continue;
                }
                HeapGraph g = Reading.truncated(file);
                assertEquals(cut, g.outcome().bytesDecoded(), "bytes decoded");
                long whole = map.objectsBefore(cut);
                int objects = g.objectCount();
                if (objects < whole || objects > whole + 1) {
                    fail(objects + " objects read, the cut leaves " + whole + " whole");
                }
            } catch (AssertionError | Exception e) {
                failures.add("cut at " + cut + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + cuts.size() + " cuts failed:\n"
                + String.join("\n", failures));
    }

    /** The first records of each kind and the first of the heap dump: at, inside the header, in the body. */
    private static void addRecordCuts(HprofMap map, TreeSet<Long> cuts, boolean boundaries) {
        List<HprofMap.Record> picked = new ArrayList<>();
        int[] seen = new int[256];
        for (HprofMap.Record r : map.records) {
            if (seen[r.tag()]++ < 3) {
                picked.add(r);
            }
        }
        for (HprofMap.Record r : picked) {
            if (boundaries) {
                cuts.add(r.at());
            }
            cuts.add(r.at() + 1);
            cuts.add(r.at() + 6);
            cuts.add(r.at() + 8);
            if (r.end() - r.at() > 9) {
                cuts.add(r.at() + 9);
                cuts.add((r.at() + 9 + r.end()) / 2);
                cuts.add(r.end() - 1);
            }
        }
    }

    /** Every kind of sub-record's first occurrence, and {@code spread} more spread over the dump. */
    private static void addSubRecordCuts(HprofMap map, TreeSet<Long> cuts, int spread) {
        List<HprofMap.Sub> picked = new ArrayList<>();
        boolean[] seen = new boolean[256];
        for (HprofMap.Sub s : map.subs) {
            if (!seen[s.tag()]) {
                seen[s.tag()] = true;
                picked.add(s);
            }
        }
        for (int i = 0; i < spread; i++) {
            picked.add(map.subs.get((int) ((long) i * map.subs.size() / spread)));
        }
        for (HprofMap.Sub s : picked) {
            cuts.add(s.at());
            cuts.add(s.at() + 1);
            cuts.add((s.at() + s.end()) / 2);
            cuts.add(s.end() - 1);
            if (s.sizeField() >= 0) {
                cuts.add(s.sizeField() + 2);
            }
        }
    }

    private static void addRandomCuts(long length, TreeSet<Long> cuts, int n) {
        Random random = new Random(length);
        for (int i = 0; i < n; i++) {
            cuts.add((long) (random.nextDouble() * length));
        }
    }

    private static void write(Path file, byte[] data, long length) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(data, 0, (int) length);
        }
    }
}
