package io.offheap.samples;

import static io.offheap.samples.Dumps.sinceBaseline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LiveGrowthTest {

    @ParameterizedTest
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void growsAHeldRegistryRoundByRound(JdkTargets.Target target, @TempDir Path out) throws IOException {
        Jdk jdk = target.require();
        SampleResult run = SampleRun.run(jdk, LiveGrowth.class, out, LiveGrowth.jvmArgs(out));
        Dumps.assertSound(run, jdk);

        int rounds = (int) run.number("rounds");
        assertEquals(rounds, run.dumps().size());
        long previous = 0;
        for (int round = 1; round <= rounds; round++) {
            assertEquals(out.resolve(run.text("round." + round + ".dump")), run.dumps().get(round - 1));
            assertTrue(run.bytes("round." + round + ".bytes") > previous, "no growth in round " + round);
            previous = run.bytes("round." + round + ".bytes");
        }
        assertEquals(previous, run.bytes("holder.bytes"));
        assertEquals(run.bytes("holder.bytes"), sinceBaseline(run, "direct.totalCapacity"));
        assertEquals(run.number("holder.count"), sinceBaseline(run, "direct.count"));
        assertEquals("io.offheap.samples.LiveGrowth$SessionRegistry", run.text("holder.class"));
        assertEquals(0, run.number("full.collections"));
        assertTrue(run.number("young.collections") > 0);
    }
}
