package io.offheap.analyzer;

import io.offheap.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.offheap.analyzer.Analyses.capacities;
import static io.offheap.analyzer.Analyses.is;
import static io.offheap.analyzer.Analyses.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus dumps made by DbbGen on JDK 17 and 25 (generated/), against the ground truth the program
 * wrote (generated/*-expected.txt): held, dropped, pinned and mapped buffers, with and without a GC
 * before the dump, and the JDK's own counters against the BufferPoolMXBean figures.
 */
class GeneratedCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void allDumpShowsEveryStateTheProgramMade(String jdk) throws IOException {
        Expected e = Expected.read(Corpus.hprof("generated/" + jdk + "-expected.txt"));
        Diagnosis d = Analyses.of(Corpus.hprof("generated/" + jdk + "-all.hprof.gz"));

        List<Long> live = new ArrayList<>(e.held);
        live.add(e.pinnedParent);
        assertEquals(sorted(live), appOwners(d, BufferState.LIVE), "held owners and the parent pinned by a slice");
        assertEquals(sorted(e.dropped), appOwners(d, BufferState.AWAITING_GC), "dropped owners wait for a GC");
        assertEquals(e.dropped.stream().mapToLong(Long::longValue).sum(), d.totals().awaitingGcBytes());
        assertEquals(List.of(e.mapped), capacities(d, b -> b.kind() == BufferKind.MAPPED && b.capacity() == e.mapped));
        assertViewsFolded(d, e);

        // BufferPoolMXBean direct figures were taken by the program before the dump; both equal Bits.
        assertEquals(e.poolTotalCapacity, appReserved(d), "owners' reserved bytes match the pool's totalCapacity");
        assertEquals(d.accounting().reservedMemory().longValue(), d.totals().liveBytes() + d.totals().awaitingGcBytes(),
                "census equals java.nio.Bits");
        assertEquals(256L << 20, d.accounting().maxDirectMemory(), "-Xmx256m and no MaxDirectMemorySize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void liveDumpHasNoDroppedBuffersLeft(String jdk) throws IOException {
        Expected e = Expected.read(Corpus.hprof("generated/" + jdk + "-expected.txt"));
        Diagnosis d = Analyses.of(Corpus.hprof("generated/" + jdk + "-live.hprof.gz"));
        List<Long> live = new ArrayList<>(e.held);
        live.add(e.pinnedParent);
        assertEquals(sorted(live), appOwners(d, BufferState.LIVE));
        assertEquals(0, d.totals().awaitingGcBytes(), "a full GC ran before a live dump");
        assertViewsFolded(d, e);
        assertTrue(d.findings().stream().anyMatch(f -> f.id().equals("live-dump")), "says the dump was live");
    }

    /** Slices, duplicates and read-only views own nothing and point to the buffer whose memory they share. */
    private static void assertViewsFolded(Diagnosis d, Expected e) {
        Buffer big = Analyses.withCapacity(d, BufferKind.OWNER, e.held.get(0));
        Buffer pinned = Analyses.withCapacity(d, BufferKind.OWNER, e.pinnedParent);
        Buffer slice777 = Analyses.withCapacity(d, BufferKind.VIEW, 777);
        assertEquals(pinned.id(), slice777.owner(), "the 777 slice shares the 33333 parent's memory");
        assertEquals(big.id(), Analyses.withCapacity(d, BufferKind.VIEW, 4000).owner());
        assertEquals(big.id(), Analyses.withCapacity(d, BufferKind.VIEW, e.held.get(0)).owner(), "duplicate");
        assertTrue(d.buffers().stream().filter(b -> b.kind() == BufferKind.VIEW).allMatch(b -> b.reservedBytes() == 0));
    }

    /**
     * Owners the program made. On JDK 17 the JVM itself also holds a small temporary buffer in the
     * per-thread cache of sun.nio.ch.Util (DOMAIN.md 4), allocated after the program read its pool figures.
     */
    private static List<Long> appOwners(Diagnosis d, BufferState state) {
        return capacities(d, b -> is(BufferKind.OWNER, state).test(b) && !heldByIoCache(d, b));
    }

    private static long appReserved(Diagnosis d) {
        return d.buffers().stream().filter(b -> b.kind() == BufferKind.OWNER && !heldByIoCache(d, b))
                .mapToLong(Buffer::reservedBytes).sum();
    }

    private static boolean heldByIoCache(Diagnosis d, Buffer b) {
        return d.retainers().stream().anyMatch(r -> r.id() == b.retainer() && r.className().equals("sun.nio.ch.Util$BufferCache"));
    }

    /** The facts generated/*-expected.txt states, parsed from its sentences. */
    record Expected(List<Long> held, List<Long> dropped, long pinnedParent, long mapped, long poolTotalCapacity) {
        static Expected read(Path file) throws IOException {
            String text = Files.readString(file);
            return new Expected(
                    numbers(find(text, "held allocateDirect capacities: ([0-9, ]+)")),
                    numbers(find(text, "dropped allocateDirect capacities: ([0-9, ]+)")),
                    Long.parseLong(find(text, "whose parent cap ([0-9]+)")),
                    Long.parseLong(find(text, "MappedByteBuffer cap ([0-9]+)")),
                    Long.parseLong(find(text, "BufferPoolMXBean direct: count=[0-9]+ totalCapacity=([0-9]+)")));
        }

        private static String find(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                throw new AssertionError("expected.txt lacks " + regex);
            }
            return m.group(1).trim();
        }

        private static List<Long> numbers(String list) {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
        }
    }
}
