package io.offheap.analyzer;

import io.offheap.samples.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every readable dump of ../shared/corpus/hprof against the facts SOURCES.md states (read there by an
 * independent parser): DirectByteBuffer(R) instances, how many have a cleaner, and their bytes.
 */
class CorpusCensusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,                                                 buffers, with cleaner, their bytes
            "eclipse-mat/HeapDumpSample.hprof,                             6, 3, 24766",
            "eclipse-mat/openjdk_jdk11_04_x64.hprof.gz,                   12, 0, 0",
            "eclipse-mat/oracle_jdk7_75_x64_directmemory.hprof,            9, 1, 7340032",
            "eclipse-mat/oracle_jdk8_05_x64.hprof,                         6, 0, 0",
            "eclipse-mat/sun_jdk5_13_x32.hprof,                            0, 0, 0",
            "eclipse-mat/sun_jdk6_18_x64.hprof,                            0, 0, 0",
            "eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof,      0, 0, 0",
            "hprof-cpp/test1.hprof,                                        7, 1, 8192",
            "openjdk-jdk8u-jhat/minimal.bin,                               0, 0, 0",
    })
    void matchesTheIndependentCount(String file, int buffers, int withCleaner, long cleanerBytes) throws Exception {
        Diagnosis d = Analyses.of(Corpus.hprof(file));
        assertEquals(buffers, d.buffers().stream().filter(b -> b.className().startsWith("java.nio.DirectByteBuffer")).count(),
                "DirectByteBuffer(R) instances");
        // SOURCES.md does not count typed views (asLongBuffer() and the like); BufferZoo's test does. Here: each is
        // a view of a buffer the census found.
        Set<Long> ids = d.buffers().stream().map(Buffer::id).collect(Collectors.toSet());
        d.buffers().stream().filter(b -> !b.className().startsWith("java.nio.DirectByteBuffer")).forEach(typed -> {
            assertEquals(BufferKind.VIEW, typed.kind(), typed::toString);
            assertTrue(ids.contains(typed.owner()), typed::toString);
        });
        // None of these dumps holds a mapped buffer, so the buffers with a cleaner are the owners.
        assertEquals(withCleaner, d.totals().owners(), "buffers with a cleaner");
        long owned = d.buffers().stream().filter(b -> b.kind() == BufferKind.OWNER).mapToLong(Buffer::reservedBytes).sum();
        assertEquals(cleanerBytes, owned, "bytes owned through cleaners");
    }
}
