package io.offheap.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;

import java.io.IOException;
import java.util.List;

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

    static void write(List<Holder> holders, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (Holder h : holders) {
            out.writeStartObject();
            out.writeStringField("kind", h.kind().label());
            out.writeStringField("description", h.description());
            out.writeNumberField("bytes", h.bytes());
            out.writeNumberField("buffers", h.buffers());
            out.writeStringField("advice", h.advice());
            JsonReport.values(out, "facts", h.facts());
            out.writeArrayFieldStart("details");
            for (HolderDetail d : h.details()) {
                out.writeStartObject();
                detail(d, out);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void detail(HolderDetail d, JsonGenerator out) throws IOException {
        if (d instanceof HolderDetail.ThreadCache t) {
            JsonReport.value(out, "thread", t.thread());
            JsonReport.value(out, "buffers", t.buffers());
            JsonReport.value(out, "bytes", t.bytes());
            JsonReport.value(out, "largestBytes", t.largestBytes());
        } else if (d instanceof HolderDetail.MappedFile m) {
            JsonReport.value(out, "id", JsonReport.hex(m.buffer()));
            JsonReport.value(out, "bytes", m.bytes());
            JsonReport.value(out, "capacity", m.capacity());
            JsonReport.value(out, "state", m.state().label());
            JsonReport.value(out, "file", m.file());
            JsonReport.value(out, "fileFrom", m.fileFrom());
        } else if (d instanceof HolderDetail.UnexplainedBuffer u) {
            JsonReport.value(out, "id", JsonReport.hex(u.buffer()));
            JsonReport.value(out, "capacity", u.capacity());
            JsonReport.value(out, "state", u.state().label());
            JsonReport.strings(out, "path", u.path());
        } else if (d instanceof HolderDetail.NettyArena a) {
            JsonReport.value(out, "detail", "arena");
            JsonReport.value(out, "id", JsonReport.hex(a.arena()));
            JsonReport.value(out, "allocator", JsonReport.hex(a.allocator()));
            JsonReport.value(out, "index", a.index());
            JsonReport.value(out, "chunks", a.chunks());
            JsonReport.value(out, "chunkSize", a.chunkSize());
            JsonReport.value(out, "usedBytes", a.usedBytes());
            JsonReport.value(out, "freeBytes", a.freeBytes());
            JsonReport.value(out, "hugeChunks", a.hugeChunks());
            JsonReport.value(out, "hugeBytes", a.hugeBytes());
            JsonReport.value(out, "threadCaches", a.threadCaches());
            JsonReport.value(out, "numThreadCaches", a.numThreadCaches());
            JsonReport.value(out, "cachedEntries", a.cachedEntries());
            JsonReport.value(out, "cachedBytes", a.cachedBytes());
        } else if (d instanceof HolderDetail.NettyThreadCache t) {
            JsonReport.value(out, "detail", "thread-cache");
            JsonReport.value(out, "id", JsonReport.hex(t.cache()));
            JsonReport.value(out, "thread", t.thread());
            JsonReport.value(out, "arena", JsonReport.hex(t.arena()));
            JsonReport.value(out, "index", t.index());
            JsonReport.value(out, "entries", t.entries());
            JsonReport.value(out, "bytes", t.bytes());
        } else if (d instanceof HolderDetail.NettyBuffer b) {
            JsonReport.value(out, "detail", "unpooled-buffer");
            JsonReport.value(out, "id", JsonReport.hex(b.buffer()));
            JsonReport.value(out, "class", b.className());
            JsonReport.value(out, "capacity", b.capacity());
            JsonReport.value(out, "state", b.state().label());
            JsonReport.value(out, "noCleaner", b.noCleaner());
        } else if (d instanceof HolderDetail.NettyCounter c) {
            JsonReport.value(out, "detail", "counter");
            JsonReport.value(out, "class", c.className());
            JsonReport.value(out, "usedBytes", c.usedBytes());
            JsonReport.value(out, "limitBytes", c.limitBytes());
            JsonReport.value(out, "noCleaner", c.noCleaner());
            JsonReport.value(out, "jdkLimitBytes", c.jdkLimitBytes());
        } else if (d instanceof HolderDetail.ForeignBuffer f) {
            JsonReport.value(out, "id", JsonReport.hex(f.buffer()));
            JsonReport.value(out, "capacity", f.capacity());
            JsonReport.value(out, "state", f.state().label());
            JsonReport.value(out, "segment", JsonReport.hex(f.segment()));
            JsonReport.value(out, "address", JsonReport.hex(f.address()));
            JsonReport.value(out, "length", f.length());
            JsonReport.value(out, "arena", f.arena());
            JsonReport.value(out, "arenaState", f.arenaState());
        }
    }
}
