package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.HprofReader;
import io.offheap.hprof.JavaStrings;
import io.offheap.hprof.ObjectContents;
import io.offheap.hprof.ObjectKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names the well-known holders of the census's buffers (DOMAIN.md 1.2, 1.3, 4, 5): each finder first says which
 * strings it wants to show (thread names, file paths), then all of them are read in one extra pass over the
 * dump ({@link ObjectContents}; only when some holder needs a name), then each finder builds its holder.
 * The foreign-memory finder needs no strings and builds its holder at once. Buffers that no finder explains and that
 * have neither cleaner nor owner are listed last.
 */
final class HolderCensus {
    final HeapGraph g;
    final Reachability reach;
    private final Map<Integer, Buffer> bufferAt = new HashMap<>();
    private final Set<Integer> textObjects = new HashSet<>();
    private final Set<Long> explained = new HashSet<>();
    private ObjectContents contents;

    private HolderCensus(Reachability reach, List<Buffer> buffers, List<Integer> objects) {
        this.g = reach.graph();
        this.reach = reach;
        for (int i = 0; i < buffers.size(); i++) {
            bufferAt.put(objects.get(i), buffers.get(i));
        }
    }

    record Result(List<Holder> holders, List<String> warnings) {
    }

    static Result take(Reachability reach, List<Buffer> buffers, List<Integer> objects) {
        HolderCensus c = new HolderCensus(reach, buffers, objects);
        ThreadIoCaches caches = ThreadIoCaches.find(c);
        MappedFiles mapped = MappedFiles.find(c, buffers, objects);
        NettyHolders netty = NettyHolders.find(c);
        Optional<Holder> foreign = ForeignMemory.find(c, buffers, objects);
        List<String> warnings = new ArrayList<>();
        try {
            c.readTexts();
        } catch (IOException e) {
            warnings.add("could not read thread names and file paths for the off-heap holders: " + e.getMessage());
        }
        List<Holder> holders = new ArrayList<>();
        caches.holder().ifPresent(holders::add);
        mapped.holder().ifPresent(holders::add);
        netty.holder().ifPresent(holders::add);
        foreign.ifPresent(holders::add);
        UnexplainedBuffers.holder(c, buffers, objects).ifPresent(holders::add);
        return new Result(List.copyOf(holders), warnings);
    }

    /** The census entry of the buffer object {@code o}, or null when {@code o} is not a buffer. */
    Buffer buffer(int o) {
        return bufferAt.get(o);
    }

    /** Marks a buffer as explained by a well-known holder: it is not listed as unexplained. */
    void explain(Buffer b) {
        explained.add(b.id());
    }

    boolean explained(Buffer b) {
        return explained.contains(b.id());
    }

    /** Asks for the text of a String or a {@code byte[]} (UTF-8 path bytes) to be read; -1 is ignored. */
    void needText(int object) {
        if (object >= 0) {
            textObjects.add(object);
        }
    }

    /** The text of an object passed to {@link #needText}, or null when the dump does not hold it. */
    String text(int object) {
        if (object < 0 || contents == null) {
            return null;
        }
        if (g.kind(object) == ObjectKind.PRIMITIVE_ARRAY) {
            ObjectContents.PrimitiveArray a = contents.array(g.id(object));
            return a == null ? null : new String(a.data(), StandardCharsets.UTF_8);
        }
        return JavaStrings.decode(g, contents, object);
    }

    private void readTexts() throws IOException {
        if (textObjects.isEmpty()) {
            return;
        }
        Set<Long> ids = new HashSet<>();
        for (int o : textObjects) {
            if (g.kind(o) == ObjectKind.PRIMITIVE_ARRAY) {
                ids.add(g.id(o));
            } else {
                JavaStrings.request(g, o, ids);
            }
        }
        contents = HprofReader.readContents(g, ids);
    }

    /** The target of {@code o}'s reference field {@code field} (by slot name), or -1. */
    int ref(int o, String field) {
        if (o < 0) {
            return -1;
        }
        for (int e = g.edgeStart(o), end = g.edgeEnd(o); e < end; e++) {
            if (g.edgeTarget(e) >= 0 && g.slotName(o, e).equals(field)) {
                return g.edgeTarget(e);
            }
        }
        return -1;
    }

    /** The first {@code java.lang.Thread} on {@code o}'s shortest path from a GC root (a thread-local's owner), or -1. */
    int reachingThread(int o) {
        for (int p = reach.parent(o); p >= 0; p = reach.parent(p)) {
            if (is(p, "java.lang.Thread")) {
                return p;
            }
        }
        return -1;
    }

    boolean is(int o, String className) {
        return o >= 0 && g.kind(o) == ObjectKind.INSTANCE && g.isSubclassOf(g.classOf(o), className);
    }

    List<String> path(int o) {
        return reach.path(o);
    }
}
