package io.offheap.samples;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dump of this JVM's own heap, garbage included. */
final class HeapDump {

    private static final HotSpotDiagnosticMXBean HOTSPOT =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    private HeapDump() {
    }

    /**
     * Dumps the heap to {@code file} (which must end in .hprof). live=false: no GC runs first, so
     * unreachable buffers stay in the dump and cleaners that never ran stay unrun (DOMAIN.md 6.2, 7.1).
     */
    static void write(Path file) throws IOException {
        // HotSpot refuses to overwrite an existing file.
        Files.deleteIfExists(file);
        HOTSPOT.dumpHeap(file.toString(), false);
    }

    /** A VM option's current value, e.g. "0" for MaxDirectMemorySize when it was not set. */
    static String vmOption(String name) {
        return HOTSPOT.getVMOption(name).getValue();
    }
}
