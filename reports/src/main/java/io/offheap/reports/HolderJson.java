package io.offheap.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;

import java.util.List;
import java.util.Map;

/**
 * The {@code holders[]} section of the {@code offheap/1} contract: {@code kind}, {@code description},
 * {@code bytes}, {@code buffers}, {@code advice}, {@code facts} {numbers}, and {@code details[]} whose
 * fields depend on the kind: {@code thread}, {@code buffers}, {@code bytes}, {@code largestBytes}
 * (thread-io-cache); {@code id}, {@code bytes}, {@code capacity}, {@code state}, {@code file},
 * {@code fileFrom} (mapped-files); {@code id}, {@code capacity}, {@code state}, {@code path}
 * (unexplained-unowned); for netty, by {@code detail}: {@code arena} with {@code id}, {@code allocator},
 * {@code index}, {@code chunks}, {@code chunkSize}, {@code usedBytes}, {@code freeBytes}, {@code hugeChunks},
 * {@code hugeBytes}, {@code threadCaches}, {@code numThreadCaches}, {@code cachedEntries}, {@code cachedBytes};
 * {@code thread-cache} with {@code id}, {@code thread}, {@code arena}, {@code index}, {@code entries}, {@code bytes};
 * {@code unpooled-buffer} with {@code id}, {@code class}, {@code capacity}, {@code state},
 * {@code noCleaner}; {@code counter} with {@code class}, {@code usedBytes}, {@code limitBytes},
 * {@code noCleaner}, {@code jdkLimitBytes} (null where the dump lacks them).
 */
final class HolderJson {
    private HolderJson() {
    }

    static ArrayNode of(ObjectMapper mapper, List<Holder> holders) {
        ArrayNode a = mapper.createArrayNode();
        for (Holder h : holders) {
            ObjectNode n = a.addObject();
            n.put("kind", h.kind().label());
            n.put("description", h.description());
            n.put("bytes", h.bytes());
            n.put("buffers", h.buffers());
            n.put("advice", h.advice());
            ObjectNode facts = n.putObject("facts");
            for (Map.Entry<String, Object> e : h.facts().entrySet()) {
                facts.set(e.getKey(), mapper.valueToTree(e.getValue()));
            }
            ArrayNode details = n.putArray("details");
            h.details().forEach(d -> detail(details.addObject(), d));
        }
        return a;
    }

    private static void detail(ObjectNode n, HolderDetail d) {
        if (d instanceof HolderDetail.ThreadCache t) {
            n.put("thread", t.thread());
            n.put("buffers", t.buffers());
            n.put("bytes", t.bytes());
            n.put("largestBytes", t.largestBytes());
        } else if (d instanceof HolderDetail.MappedFile m) {
            n.put("id", JsonReport.hex(m.buffer()));
            n.put("bytes", m.bytes());
            n.put("capacity", m.capacity());
            n.put("state", m.state().label());
            n.put("file", m.file());
            n.put("fileFrom", m.fileFrom());
        } else if (d instanceof HolderDetail.UnexplainedBuffer u) {
            n.put("id", JsonReport.hex(u.buffer()));
            n.put("capacity", u.capacity());
            n.put("state", u.state().label());
            ArrayNode path = n.putArray("path");
            u.path().forEach(path::add);
        } else if (d instanceof HolderDetail.NettyArena a) {
            n.put("detail", "arena");
            n.put("id", JsonReport.hex(a.arena()));
            n.put("allocator", JsonReport.hex(a.allocator()));
            n.put("index", a.index());
            n.put("chunks", a.chunks());
            n.put("chunkSize", a.chunkSize());
            n.put("usedBytes", a.usedBytes());
            n.put("freeBytes", a.freeBytes());
            n.put("hugeChunks", a.hugeChunks());
            n.put("hugeBytes", a.hugeBytes());
            n.put("threadCaches", a.threadCaches());
            n.put("numThreadCaches", a.numThreadCaches());
            n.put("cachedEntries", a.cachedEntries());
            n.put("cachedBytes", a.cachedBytes());
        } else if (d instanceof HolderDetail.NettyThreadCache t) {
            n.put("detail", "thread-cache");
            n.put("id", JsonReport.hex(t.cache()));
            n.put("thread", t.thread());
            n.put("arena", JsonReport.hex(t.arena()));
            n.put("index", t.index());
            n.put("entries", t.entries());
            n.put("bytes", t.bytes());
        } else if (d instanceof HolderDetail.NettyBuffer b) {
            n.put("detail", "unpooled-buffer");
            n.put("id", JsonReport.hex(b.buffer()));
            n.put("class", b.className());
            n.put("capacity", b.capacity());
            n.put("state", b.state().label());
            n.put("noCleaner", b.noCleaner());
        } else if (d instanceof HolderDetail.NettyCounter c) {
            n.put("detail", "counter");
            n.put("class", c.className());
            n.put("usedBytes", c.usedBytes());
            n.put("limitBytes", c.limitBytes());
            n.put("noCleaner", c.noCleaner());
            n.put("jdkLimitBytes", c.jdkLimitBytes());
        } else if (d instanceof HolderDetail.ForeignBuffer f) {
            n.put("id", JsonReport.hex(f.buffer()));
            n.put("capacity", f.capacity());
            n.put("state", f.state().label());
            n.put("segment", JsonReport.hex(f.segment()));
            n.put("address", JsonReport.hex(f.address()));
            n.put("length", f.length());
            n.put("arena", f.arena());
            n.put("arenaState", f.arenaState());
        }
    }
}
