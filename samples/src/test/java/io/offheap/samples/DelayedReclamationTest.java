package io.offheap.samples;

import static io.offheap.samples.Dumps.sinceBaseline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DelayedReclamationTest {

    /** The one-line summary unified logging prints at the end of each young pause. */
    private static final Pattern YOUNG_PAUSE = Pattern.compile("GC\\(\\d+\\) Pause Young .*ms$", Pattern.MULTILINE);

    @ParameterizedTest
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void dropsPromotedBuffersThatNoCollectionFrees(JdkTargets.Target target, @TempDir Path out) throws IOException {
        Jdk jdk = target.require();
        SampleResult run = SampleRun.run(jdk, DelayedReclamation.class, out, DelayedReclamation.jvmArgs(out));
        Dumps.assertSound(run, jdk);

        assertEquals(0, run.number("full.collections"));
        assertTrue(run.number("young.collections.after.drop") > 0);
        assertTrue(run.number("young.collections") >= run.number("young.collections.after.drop"));
        String log = Files.readString(run.gcLog().orElseThrow());
        assertFalse(log.contains("Pause Full"), "a full collection ran");
        assertEquals(run.number("young.collections"), YOUNG_PAUSE.matcher(log).results().count());

        // Still reserved: every dropped buffer awaits a collection that never comes.
        assertEquals(run.bytes("dropped.bytes"), sinceBaseline(run, "direct.totalCapacity"));
        assertEquals(run.number("dropped.count"), sinceBaseline(run, "direct.count"));
        assertEquals(32L << 20, run.bytes("max.direct.memory"));
        assertTrue(run.bytes("dropped.bytes") + run.bytes("failed.request.bytes") > run.bytes("max.direct.memory"));
        assertTrue(run.text("failed.request.error").startsWith(
                "Cannot reserve " + run.bytes("failed.request.bytes") + " bytes of direct buffer memory"),
                run.text("failed.request.error"));
    }
}
