package io.offheap.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.GcReport;
import io.offheap.analyzer.GcSummary;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Totals;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code offheap/1} JSON contract of DESIGN.md, written field by field so that every name other
 * tools rely on stands here, in one place. Add fields freely; rename none.
 */
final class JsonReport {
    static final String SCHEMA = "offheap/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a diagnosis as it goes: the buffers, which on a large dump are hundreds of thousands of entries
     * and nearly all of the document, never become a tree in memory. The small sections are trees, written whole.
     */
    static void write(Diagnosis d, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("schema", SCHEMA);
        section(out, "dump", dump(d.dump()));
        section(out, "totals", totals(d.totals()));
        section(out, "accounting", accounting(d.accounting(), d.totals()));
        out.writeArrayFieldStart("buffers");
        for (Buffer b : d.buffers()) {
            buffer(b, out);
        }
        out.writeEndArray();
        ArrayNode retainers = MAPPER.createArrayNode();
        for (Retainer r : d.retainers()) {
            retainers.add(retainer(r));
        }
        section(out, "retainers", retainers);
        section(out, "holders", HolderJson.of(MAPPER, d.holders()));
        section(out, "gc", d.gc() == null ? null : gc(d.gc()));
        section(out, "findings", findings(d.findings()));
        out.writeStringField("verdict", d.verdict());
        out.writeArrayFieldStart("warnings");
        for (String w : d.warnings()) {
            out.writeString(w);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void section(JsonGenerator out, String name, JsonNode value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeTree(value);
        }
    }

    private static ObjectNode dump(DumpInfo i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("path", i.path());
        n.put("format", i.format());
        n.put("idSize", i.idSize());
        n.put("timestamp", i.timestamp().toString());
        n.put("jvmVersion", i.jvmVersion());
        n.put("jdkRange", i.jdkRange());
        n.put("truncated", i.truncated());
        n.put("fileSize", i.fileSize());
        n.put("compressed", i.compressed());
        n.put("bytesRead", i.bytesRead());
        n.put("heapDumps", i.heapDumps());
        n.put("objects", i.objects());
        n.put("garbageObjects", i.garbageObjects());
        return n;
    }

    private static ObjectNode totals(Totals t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("buffers", t.buffers());
        n.put("owners", t.owners());
        n.put("views", t.views());
        n.put("unowned", t.unowned());
        n.put("mapped", t.mapped());
        n.put("liveBytes", t.liveBytes());
        n.put("awaitingGcBytes", t.awaitingGcBytes());
        n.put("freedBytes", t.freedBytes());
        n.put("unownedBytes", t.unownedBytes());
        n.put("mappedBytes", t.mappedBytes());
        n.put("liveOwners", t.liveOwners());
        n.put("awaitingGcOwners", t.awaitingGcOwners());
        n.put("freedOwners", t.freedOwners());
        n.put("pendingCleaners", t.pendingCleaners());
        n.put("pendingCleanerBytes", t.pendingCleanerBytes());
        return n;
    }

    private static ObjectNode accounting(Accounting a, Totals t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reservedMemory", a.reservedMemory());
        n.put("totalCapacity", a.totalCapacity());
        n.put("count", a.count());
        n.put("maxDirectMemory", a.maxDirectMemory());
        long census = t.censusReservedBytes();
        n.put("censusReservedBytes", census);
        n.put("difference", a.reservedMemory() == null ? null : a.reservedMemory() - census);
        return n;
    }

    private static void buffer(Buffer b, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", hex(b.id()));
        out.writeStringField("class", b.className());
        out.writeNumberField("capacity", b.capacity());
        out.writeStringField("address", hex(b.address()));
        out.writeStringField("kind", b.kind().label());
        out.writeStringField("state", b.state().label());
        out.writeStringField("owner", b.owner() == 0 ? null : hex(b.owner()));
        out.writeNumberField("reservedBytes", b.reservedBytes());
        out.writeStringField("generation", b.generation().label());
        out.writeStringField("retainer", b.retainer() == 0 ? null : hex(b.retainer()));
        out.writeEndObject();
    }

    private static ObjectNode retainer(Retainer r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.id() == 0 ? null : hex(r.id())); // 0: the set of GC roots, no single object
        n.put("class", r.className());
        n.put("staticHolder", r.staticHolder());
        n.put("field", r.field());
        n.put("retainedBytes", r.retainedBytes());
        n.put("attributedBytes", r.attributedBytes());
        n.put("retainedHeapBytes", r.retainedHeapBytes());
        n.put("retainedHeapBytesEstimated", true);
        n.put("buffers", r.buffers());
        n.put("sharedBuffers", r.sharedBuffers());
        n.put("root", r.root());
        ArrayNode path = n.putArray("path");
        r.path().forEach(path::add);
        return n;
    }

    /** The {@code offheap gc} report: the {@code gc} and {@code findings} sections of the contract. */
    static ObjectNode of(GcReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("gc", gc(r.gc()));
        root.set("findings", findings(r.findings()));
        root.put("verdict", r.verdict());
        return root;
    }

    private static ObjectNode gc(GcSummary g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("collector", g.collector());
        n.put("jvmVersion", g.jvmVersion());
        n.put("events", g.events());
        n.put("youngCollections", g.youngCollections());
        n.put("fullCollections", g.fullCollections());
        n.put("concurrentCycles", g.concurrentCycles());
        n.put("explicitGcCalls", g.explicitGcCalls());
        n.put("lastOldCollectionBeforeDump", g.lastOldCollectionBeforeDump());
        n.put("dumpUptime", g.dumpUptime());
        n.put("logStart", g.logStart());
        n.put("logEnd", g.logEnd());
        n.put("layoutSource", g.layoutSource());
        ObjectNode flags = n.putObject("flags");
        g.flags().forEach(flags::put);
        ArrayNode files = n.putArray("files");
        g.files().forEach(files::add);
        ArrayNode warnings = n.putArray("warnings");
        g.warnings().forEach(warnings::add);
        return n;
    }

    static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode n = a.addObject();
            n.put("id", f.id());
            n.put("severity", f.severity().label());
            n.put("title", f.title());
            ObjectNode evidence = n.putObject("evidence");
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                evidence.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
            }
            n.put("advice", f.advice());
        }
        return a;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
