package io.offheap.analyzer;

import io.offheap.gclog.GcHistory;
import io.offheap.gclog.GcLogReader;
import io.offheap.hprof.HprofReader;
import io.offheap.samples.Corpus;
import io.offheap.samples.DelayedReclamation;
import io.offheap.samples.GcLog;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.LiveGrowth;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dump and GC log of the same JVM together: the samples run with their GC log on stdout next to the
 * flags that -XX:+PrintCommandLineFlags prints there (JDK 17's unified logging has no line with them).
 */
class GcJoinTest {

    /**
     * The classic failure (DOMAIN.md 3.5): Parallel GC, tenuring threshold 1, -XX:+DisableExplicitGC, a direct
     * memory limit; buffers promoted, dropped, young collections go on, the dump is taken without a GC.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void promotedDroppedBuffersWaitInTheOldGeneration(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), DelayedReclamation.class, out, withLogOnStdout(DelayedReclamation.jvmArgs(out), out));
        Diagnosis d = analyze(run.dump(), out.resolve("stdout.txt"));

        assertNotNull(d.gc());
        assertEquals("PARALLEL", d.gc().collector());
        assertEquals(run.number("full.collections"), d.gc().fullCollections(), "no full collection ran");
        assertEquals(run.number("young.collections"), d.gc().youngCollections(), "young collections the JVM counted");
        assertNull(d.gc().lastOldCollectionBeforeDump());
        assertNotNull(d.gc().dumpUptime(), "time and uptime decorations place the dump on the log");
        assertNotNull(d.gc().layoutSource());

        Finding delayed = finding(d, "delayed-reclamation");
        assertEquals(run.bytes("dropped.bytes"), delayed.evidence().get("awaitingGcBytes"));
        assertEquals(run.bytes("dropped.bytes"), delayed.evidence().get("oldGenerationBytes"), "all of it promoted");
        assertEquals(0L, delayed.evidence().get("fullCollections"));
        assertTrue(d.buffers().stream().filter(b -> b.state() == BufferState.AWAITING_GC)
                .allMatch(b -> b.generation() == Generation.OLD));
        assertEquals(Severity.CRITICAL, finding(d, "explicit-gc-disabled").severity());
        assertTrue(d.verdict().contains("DisableExplicitGC"), d.verdict());
    }

    /** The true leak: the buffers stay strongly held and the holding class is named. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void heldBuffersAreALeakNotAMissingGc(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), LiveGrowth.class, out, withLogOnStdout(LiveGrowth.jvmArgs(out), out));
        Diagnosis d = analyze(run.dump(), out.resolve("stdout.txt"));
        Finding growth = finding(d, "live-growth");
        assertEquals(run.text("holder.class"), growth.evidence().get("retainer"));
        assertEquals(run.bytes("holder.bytes"), growth.evidence().get("retainedBytes"));
        assertTrue(d.buffers().stream().filter(b -> b.kind() == BufferKind.OWNER && b.state() == BufferState.LIVE)
                .noneMatch(b -> b.generation() == Generation.UNKNOWN), "Parallel GC: every buffer has a generation");
        assertTrue(d.findings().stream().noneMatch(f -> f.id().equals("delayed-reclamation")));
    }

    /** G1 under Bits.reserveMemory pressure: a System.gc() full collection after another, then the OOME. */
    @Test
    void systemGcFullCollectionsAreAStorm() throws Exception {
        Path log = Corpus.gclogs("generated/jdk17/g1-oomleak-MaxDirect64m.gcstar.time-uptime-level-tags.log");
        long explicitFull = Files.readAllLines(log).stream()
                .filter(Pattern.compile("Pause Full \\(System\\.gc\\(\\)\\) \\d+M->").asPredicate()).count();
        GcReport r = Analyzer.analyze(GcLogReader.read(List.of(log)));
        Finding storm = finding(r.findings(), "explicit-gc-storm");
        assertEquals(explicitFull, ((Number) storm.evidence().get("explicitCollections")).longValue());
        assertEquals(explicitFull, r.gc().fullCollections());
    }

    /** A JDK 8 header with flags but no MaxDirectMemorySize: the limit defaults to the heap size. */
    @Test
    void missingDirectMemoryLimitIsSaidFromTheFlags() throws Exception {
        Path log = Corpus.gclogs("gcviewer/openjdk/SampleSun1_8_0ParallelPrintHeapAtGC.txt");
        String header = Files.readAllLines(log).stream().filter(l -> l.startsWith("CommandLine flags: ")).findFirst().orElseThrow();
        assertTrue(!header.contains("MaxDirectMemorySize") && header.contains("-XX:MaxHeapSize=100663296"), header);
        GcReport r = Analyzer.analyze(GcLogReader.read(List.of(log)));
        Finding f = finding(r.findings(), "no-direct-memory-limit");
        assertEquals(100663296L, f.evidence().get("maxHeapBytes"));
    }

    /** A log of another JVM run (written after the dump) is said to be one. */
    @Test
    void logOfAnotherRunIsFlagged() throws Exception {
        Path dump = Corpus.hprof("generated/jdk17-all.hprof.gz");
        Path log = Corpus.gclogs("generated/jdk25/parallel-churn.gcstar.time-uptime-level-tags.log");
        Diagnosis d = analyze(dump, log);
        assertTrue(d.gc().warnings().stream().anyMatch(w -> w.contains("different JVMs") || w.contains("another JVM run")),
                d.gc().warnings().toString());
    }

    /** A log that ends minutes before the dump (here: another JVM's 25 s run, 9 minutes earlier) is said not to cover it. */
    @Test
    void logEndingLongBeforeTheDumpIsFlagged() throws Exception {
        Path dump = Corpus.hprof("generated/jdk17-all.hprof.gz");
        Path log = Corpus.gclogs("generated/jdk17/g1-churn.gcstar.time-uptime-level-tags.log");
        Diagnosis d = analyze(dump, log);
        assertTrue(d.gc().dumpUptime() - d.gc().logEnd() > 300, "the log ends at " + d.gc().logEnd());
        assertTrue(d.gc().warnings().stream().anyMatch(w -> w.contains("before the dump") && w.contains("rotated or cut")),
                d.gc().warnings().toString());
    }

    private static List<String> withLogOnStdout(List<String> jvmArgs, Path out) {
        List<String> args = new ArrayList<>();
        for (String a : jvmArgs) {
            if (!a.equals(GcLog.option(out))) {
                args.add(a);
            }
        }
        args.add("-XX:+PrintCommandLineFlags");
        args.add("-Xlog:gc*,gc+heap=debug:stdout:time,uptime,level,tags");
        return args;
    }

    private static Diagnosis analyze(Path dump, Path log) throws Exception {
        GcHistory history = GcLogReader.read(List.of(log));
        return Analyzer.analyze(HprofReader.read(dump, new HprofReader.Options(Analyzer.FIELDS_NEEDED, null)), history);
    }

    private static Finding finding(Diagnosis d, String id) {
        return finding(d.findings(), id);
    }

    private static Finding finding(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " finding among " + findings.stream().map(Finding::id).toList()));
    }
}
