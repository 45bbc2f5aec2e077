package io.offheap.samples;

import static io.offheap.samples.Dumps.sinceBaseline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BufferZooTest {

    private static final List<String> OWNING = List.of("owner.live", "owner.awaiting", "owner.freed",
            "mapped.live", "mapped.awaiting", "unowned.live", "unowned.unreachable");

    @ParameterizedTest
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void accountsForEveryBuffer(JdkTargets.Target target, @TempDir Path out) throws IOException {
        Jdk jdk = target.require();
        SampleResult zoo = SampleRun.run(jdk, BufferZoo.class, out, BufferZoo.jvmArgs(out));
        Dumps.assertSound(zoo, jdk);

        // Bits counts owners until their cleaner runs: live and awaiting-gc, not freed.
        long owners = zoo.bytes("owner.live.bytes") + zoo.bytes("owner.awaiting.bytes");
        assertEquals(owners, sinceBaseline(zoo, "direct.totalCapacity"));
        assertEquals(owners, sinceBaseline(zoo, "direct.memoryUsed"));
        assertEquals(zoo.number("owner.live.count") + zoo.number("owner.awaiting.count"),
                sinceBaseline(zoo, "direct.count"));
        assertEquals(zoo.bytes("mapped.live.bytes") + zoo.bytes("mapped.awaiting.bytes"),
                sinceBaseline(zoo, "mapped.totalCapacity"));
        assertEquals(2, sinceBaseline(zoo, "mapped.count"));

        assertEquals("io.offheap.samples.BufferZoo$Cache", zoo.text("holder.class"));
        assertEquals("BUFFERS", zoo.text("holder.field"));
        assertEquals(zoo.bytes("owner.live.bytes") - zoo.number("pinned.owner.capacity"), zoo.bytes("holder.bytes"));
        assertTrue(zoo.capacities("owner.live.capacities").contains(zoo.number("pinned.owner.capacity")));
        assertTrue(zoo.capacities("view.live.capacities").contains(zoo.number("pinned.view.capacity")));
        assertTrue(zoo.capacities("owner.freed.capacities").containsAll(zoo.capacities("owner.freed.referenced.capacities")));
        assertTrue(zoo.gcLog().isPresent());

        // Distinct capacities let a test find each buffer in the dump.
        List<Long> capacities = new ArrayList<>();
        OWNING.forEach(category -> capacities.addAll(zoo.capacities(category + ".capacities")));
        assertEquals(capacities.size(), new HashSet<>(capacities).size(), "capacities repeat: " + capacities);
        List<Long> views = zoo.capacities("view.live.capacities");
        assertEquals(views.size(), new HashSet<>(views).size(), "view capacities repeat: " + views);
    }
}
