package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.HprofReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** Reading a dump the way the command does, and picking buffers out of a diagnosis. */
final class Analyses {
    private Analyses() {
    }

    static Diagnosis of(Path dump) throws IOException {
        return Analyzer.analyze(read(dump));
    }

    static HeapGraph read(Path dump) throws IOException {
        return HprofReader.read(dump, new HprofReader.Options(Analyzer.FIELDS_NEEDED, null));
    }

    static List<Long> capacities(Diagnosis d, Predicate<Buffer> which) {
        return d.buffers().stream().filter(which).map(Buffer::capacity).sorted().toList();
    }

    static Predicate<Buffer> is(BufferKind kind, BufferState state) {
        return b -> b.kind() == kind && b.state() == state;
    }

    static List<Long> sorted(List<Long> values) {
        return values.stream().sorted().toList();
    }

    static Buffer withCapacity(Diagnosis d, BufferKind kind, long capacity) {
        return d.buffers().stream().filter(b -> b.kind() == kind && b.capacity() == capacity).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " buffer of capacity " + capacity));
    }
}
