package io.offheap.analyzer;

import io.offheap.hprof.ObjectKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * File mappings ({@code FileChannel.map}, DOMAIN.md 1.3, 2.2): each mapped buffer with its mapping length,
 * whether it is live or unreachable and awaiting unmapping (its Unmapper runs only when a GC discovers it),
 * and the file where the dump links one to it. The buffer's own {@code fd} rarely leads there: on Unix
 * {@code map} gives the buffer a fresh, empty FileDescriptor (FileDispatcherImpl.duplicateForMapping), so
 * the file is taken, after that chain, from the buffer's nearest holder: a FileChannel, RandomAccessFile,
 * file stream, File or Path that the holder object references directly (how applications and the JDK's
 * own image reader keep what they mapped).
 */
final class MappedFiles {
    private record Mapping(Buffer buffer, int file, String fileFrom) {
    }

    private final HolderCensus census;
    private final List<Mapping> mappings;

    private MappedFiles(HolderCensus census, List<Mapping> mappings) {
        this.census = census;
        this.mappings = mappings;
    }

    static MappedFiles find(HolderCensus c, List<Buffer> buffers, List<Integer> objects) {
        List<Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            if (b.kind() != BufferKind.MAPPED || b.state() == BufferState.FREED) {
                continue;
            }
            c.explain(b);
            int o = objects.get(i);
            int file = fileOf(c, c.ref(c.ref(o, "fd"), "parent"));
            String from = "file descriptor";
            if (file < 0) {
                int holder = nearestHolder(c, o);
                for (int e = holder < 0 ? 0 : c.g.edgeStart(holder), end = holder < 0 ? 0 : c.g.edgeEnd(holder);
                     e < end && file < 0; e++) {
                    file = fileOf(c, c.g.edgeTarget(e));
                    from = c.g.classOf(holder).name() + "#" + c.g.slotName(holder, e);
                }
            }
            c.needText(file);
            mappings.add(new Mapping(b, file, file < 0 ? null : from));
        }
        return new MappedFiles(c, mappings);
    }

    /** The first object above the buffer on its shortest path from a root that is not a view, array or collection. */
    private static int nearestHolder(HolderCensus c, int o) {
        for (int p = c.reach.parent(o); p >= 0; p = c.reach.parent(p)) {
            if (c.g.kind(p) == ObjectKind.CLASS) {
                return -1;
            }
            String name = c.g.classOf(p).name();
            if (c.g.kind(p) == ObjectKind.INSTANCE && !name.startsWith("java.nio.") && !name.startsWith("java.util.")) {
                return p;
            }
        }
        return -1;
    }

    /** The String (or UnixPath byte[]) naming the file that {@code o} stands for, or -1. */
    private static int fileOf(HolderCensus c, int o) {
        if (o < 0) {
            return -1;
        }
        if (c.is(o, "sun.nio.ch.FileChannelImpl")) {
            int path = c.ref(o, "path");
            return path >= 0 ? path : fileOf(c, c.ref(o, "parent"));
        }
        boolean named = c.is(o, "java.io.RandomAccessFile") || c.is(o, "java.io.FileInputStream")
                || c.is(o, "java.io.FileOutputStream") || c.is(o, "java.io.File") || c.is(o, "sun.nio.fs.UnixPath")
                || c.is(o, "sun.nio.fs.WindowsPath");
        return named ? c.ref(o, "path") : -1;
    }

    Optional<Holder> holder() {
        if (mappings.isEmpty()) {
            return Optional.empty();
        }
        List<HolderDetail.MappedFile> files = new ArrayList<>();
        long total = 0;
        long awaiting = 0;
        int withFile = 0;
        for (Mapping m : mappings) {
            Buffer b = m.buffer();
            String file = census.text(m.file());
            files.add(new HolderDetail.MappedFile(b.id(), b.reservedBytes(), b.capacity(), b.state(), file,
                    file == null ? null : m.fileFrom()));
            total += b.reservedBytes();
            awaiting += b.state() == BufferState.AWAITING_GC ? b.reservedBytes() : 0;
            withFile += file == null ? 0 : 1;
        }
        files.sort(Comparator.comparingLong(HolderDetail.MappedFile::bytes).reversed());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("awaitingUnmapBytes", awaiting);
        facts.put("mappingsWithFile", withFile);
        String description = String.format("File mappings (FileChannel.map): %s in %d mapped buffers%s",
                Bytes.human(total), files.size(), awaiting == 0 ? ""
                        : ", " + Bytes.human(awaiting) + " of it unreachable and still mapped until a GC unmaps it");
        String advice = "Mapped memory is the file's pages in the page cache, counted in the process's RSS but not "
                + "against -XX:MaxDirectMemorySize; a buffer from FileChannel.map is unmapped only when it is garbage collected "
                + "(on JDK 21+, map through an Arena, FileChannel.map(mode, offset, size, arena), to unmap on close). Map only the region you need, reuse mappings instead of mapping again, and drop "
                + "the buffers of files you are done with; unreachable mappings go away at the next GC that finds them.";
        return Optional.of(new Holder(HolderKind.MAPPED_FILES, description, total, files.size(), advice, facts,
                List.copyOf(files)));
    }
}
