package io.offheap.analyzer;

import io.offheap.samples.GrowthWithNoise;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.LiveGrowth;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Growth across dumps against what the programs added between their dumps: LiveGrowth's registry, and
 * GrowthWithNoise's ledger beside holders that gain views, free and reallocate, and drop buffers without
 * growing.
 */
class GrowthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void growthOfTheRegistryIsWhatTheProgramAddedBetweenDumps(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), LiveGrowth.class, out, LiveGrowth.jvmArgs(out));
        List<Diagnosis> dumps = analyse(run);
        int rounds = (int) run.number("rounds");
        String registry = run.text("holder.class");

        for (int round = 1; round < rounds; round++) {
            Comparison diff = Analyzer.compare(List.of(dumps.get(round - 1), dumps.get(round)));
            long added = run.bytes("round." + (round + 1) + ".bytes") - run.bytes("round." + round + ".bytes");
            RetainerGrowth top = diff.retainers().get(0);
            assertEquals(registry, top.className(), "biggest growth first: " + diff.retainers());
            assertEquals(added, top.deltaBytes());
            assertEquals(run.number("round." + (round + 1) + ".count") - run.number("round." + round + ".count"), top.deltaBuffers());
            assertEquals(List.of(run.bytes("round." + round + ".bytes"), run.bytes("round." + (round + 1) + ".bytes")), top.bytes());
            assertFalse(top.pathChanged() || top.appeared() || top.vanished());
            assertEquals(added, diff.change().liveBytes(), "nothing else live changed");
            assertTrue(diff.verdict().startsWith("Live direct memory held by " + registry + "#sessions grew by "
                    + Bytes.human(added)), diff.verdict());
            assertNotNull(diff.hours());
            assertEquals(Duration.between(dumps.get(round - 1).dump().timestamp(), dumps.get(round).dump().timestamp()).toMillis(),
                    diff.hours() * 3_600_000, 0.5);
            assertEquals(added / diff.hours(), top.bytesPerHour(), Math.abs(added / diff.hours()) * 1e-9);
        }

        Comparison trend = Analyzer.compare(dumps);
        RetainerGrowth series = trend.retainers().get(0);
        List<Long> truth = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            truth.add(run.bytes("round." + round + ".bytes"));
        }
        assertEquals(truth, series.bytes());
        double expected = leastSquares(dumps, truth);
        assertEquals(expected, series.bytesPerHour(), Math.abs(expected) * 1e-9);
        assertEquals(expected, trend.liveBytesPerHour(), Math.abs(expected) * 1e-9, "only the registry's live memory changed");
        assertTrue(trend.warnings().isEmpty(), trend.warnings().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void viewsFreedAndDroppedBuffersAreNotGrowth(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), GrowthWithNoise.class, out, GrowthWithNoise.jvmArgs(out));
        List<Diagnosis> dumps = analyse(run);
        int rounds = (int) run.number("rounds");
        for (int round = 1; round < rounds; round++) {
            String now = "round." + round;
            String next = "round." + (round + 1);
            assertTrue(run.number(next + ".steady.views") > run.number(now + ".steady.views"));
            assertTrue(run.number(next + ".churn.freed") > run.number(now + ".churn.freed"));
            assertTrue(run.number(next + ".dropped") > run.number(now + ".dropped"));

            Comparison diff = Analyzer.compare(List.of(dumps.get(round - 1), dumps.get(round)));
            long leaked = run.bytes(next + ".leak.bytes") - run.bytes(now + ".leak.bytes");
            RetainerGrowth ledger = growth(diff, run.text("leak.class"));
            assertEquals(diff.retainers().get(0), ledger, "biggest growth first");
            assertEquals(leaked, ledger.deltaBytes());
            assertEquals(run.number(next + ".leak.count") - run.number(now + ".leak.count"), ledger.deltaBuffers());

            RetainerGrowth steady = growth(diff, run.text("steady.class"));
            assertEquals(0, steady.deltaBytes(), "new views of the same owners are not growth");
            assertEquals(List.of(run.bytes("steady.bytes"), run.bytes("steady.bytes")), steady.bytes());
            RetainerGrowth churn = growth(diff, run.text("churn.class"));
            assertEquals(0, churn.deltaBytes(), "freed buffers, still referenced, are not growth");
            assertEquals(List.of(run.bytes("churn.bytes"), run.bytes("churn.bytes")), churn.bytes());
            assertEquals(List.of((int) run.number("churn.count"), (int) run.number("churn.count")), churn.buffers());

            assertEquals(leaked, diff.change().liveBytes(), "the ledger is the only live growth");
            assertTrue(diff.retainers().stream().noneMatch(RetainerGrowth::appeared), diff.retainers().toString());
        }
        Comparison trend = Analyzer.compare(dumps);
        assertEquals(run.bytes("leak.bytes") - run.bytes("round.1.leak.bytes"), growth(trend, run.text("leak.class")).deltaBytes());
        assertEquals(0.0, growth(trend, run.text("steady.class")).bytesPerHour(), 1e-6);
    }

    private static List<Diagnosis> analyse(SampleResult run) throws Exception {
        List<Diagnosis> dumps = new ArrayList<>();
        for (Path dump : run.dumps()) {
            dumps.add(Analyses.of(dump));
        }
        return dumps;
    }

    private static RetainerGrowth growth(Comparison c, String className) {
        return c.retainers().stream().filter(r -> r.className().equals(className)).findFirst()
                .orElseThrow(() -> new AssertionError("no retainer " + className + " in " + c.retainers()));
    }

    /** Slope of bytes over hours since the first dump: (n Sxy - Sx Sy) / (n Sxx - Sx^2). */
    private static double leastSquares(List<Diagnosis> dumps, List<Long> bytes) {
        int n = dumps.size();
        double sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double x = Duration.between(dumps.get(0).dump().timestamp(), dumps.get(i).dump().timestamp()).toMillis() / 3_600_000.0;
            double y = bytes.get(i);
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
