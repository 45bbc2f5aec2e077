package io.offheap.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;
import io.offheap.analyzer.HolderKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holders[] section of offheap/1: its field names, per kind, and that the older sections are untouched. */
class HolderJsonTest {

    @Test
    void holdersSectionNamesEveryField() throws IOException {
        Diagnosis base = Fixtures.everywhere("x");
        Diagnosis d = new Diagnosis(base.dump(), base.totals(), base.accounting(), base.buffers(), base.retainers(),
                base.gc(), base.findings(), base.verdict(), base.warnings(), List.of(
                new Holder(HolderKind.THREAD_IO_CACHE, "caches", 300, 2, "cap it", Map.of("largestThread", "io-1"),
                        List.of(new HolderDetail.ThreadCache("io-1", 2, 300, 200))),
                new Holder(HolderKind.MAPPED_FILES, "maps", 4096, 1, "unmap", Map.of(),
                        List.of(new HolderDetail.MappedFile(0xabc, 4096, 4000, BufferState.AWAITING_GC, "/data/f", "A#channel"))),
                new Holder(HolderKind.UNEXPLAINED_UNOWNED, "raw", 10, 1, "free it", Map.of(),
                        List.of(new HolderDetail.UnexplainedBuffer(0xdef, 10, BufferState.LIVE, List.of("class A#b", "java.nio.DirectByteBuffer"))))));
        JsonNode json = json(d);
        JsonNode holders = json.get("holders");
        assertEquals(3, holders.size());
        JsonNode cache = holders.get(0);
        assertEquals("thread-io-cache", cache.get("kind").asText());
        for (String field : List.of("description", "bytes", "buffers", "advice", "facts", "details")) {
            assertTrue(cache.has(field), field);
        }
        assertEquals("io-1", cache.get("facts").get("largestThread").asText());
        JsonNode thread = cache.get("details").get(0);
        assertEquals("io-1", thread.get("thread").asText());
        assertEquals(200, thread.get("largestBytes").asLong());
        JsonNode file = holders.get(1).get("details").get(0);
        assertEquals("mapped-files", holders.get(1).get("kind").asText());
        assertEquals("/data/f", file.get("file").asText());
        assertEquals("awaiting-gc", file.get("state").asText());
        assertEquals("0xabc", file.get("id").asText());
        JsonNode raw = holders.get(2).get("details").get(0);
        assertEquals("unexplained-unowned", holders.get(2).get("kind").asText());
        assertEquals("java.nio.DirectByteBuffer", raw.get("path").get(1).asText());
        assertTrue(json.has("retainers") && json.has("buffers") && json.has("totals"));

        JsonNode netty = json(Fixtures.everywhere("n")).get("holders").get(2);
        assertEquals("netty", netty.get("kind").asText());
        JsonNode arena = netty.get("details").get(0);
        assertEquals("arena", arena.get("detail").asText());
        for (String field : List.of("id", "allocator", "index", "chunks", "chunkSize", "usedBytes", "freeBytes", "hugeChunks", "hugeBytes",
                "threadCaches", "numThreadCaches", "cachedEntries", "cachedBytes")) {
            assertTrue(arena.has(field), field);
        }
        assertEquals(5 << 20, arena.get("freeBytes").asLong());
        assertEquals(2, arena.get("numThreadCaches").asInt());
        assertEquals(3 << 10, arena.get("cachedBytes").asLong());
        JsonNode threadCache = netty.get("details").get(1);
        assertEquals("thread-cache", threadCache.get("detail").asText());
        assertEquals("n", threadCache.get("thread").asText());
        assertEquals("0x100", threadCache.get("arena").asText());
        assertEquals(3, threadCache.get("entries").asInt());
        assertEquals(3 << 10, threadCache.get("bytes").asLong());
        JsonNode buffer = netty.get("details").get(2);
        assertEquals("unpooled-buffer", buffer.get("detail").asText());
        assertTrue(buffer.get("noCleaner").asBoolean());
        assertEquals("unreachable", buffer.get("state").asText());
        JsonNode counter = netty.get("details").get(3);
        assertEquals("counter", counter.get("detail").asText());
        assertEquals(4L << 20, counter.get("usedBytes").asLong());
        assertEquals(32L << 20, counter.get("limitBytes").asLong());
        assertTrue(TextReport.of(Fixtures.everywhere("n")).contains("3 entries cached for arena 0 by thread \"n\""));
        assertTrue(TextReport.of(Fixtures.everywhere("n")).contains("no cleaner: freed only by release()"));
        assertTrue(TextReport.of(d).contains("thread \"io-1\""), TextReport.of(d));
    }

    private static JsonNode json(Diagnosis d) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonReport.mapper().createGenerator(text)) {
            JsonReport.write(d, out);
        }
        return JsonReport.mapper().readTree(text.toString());
    }
}
