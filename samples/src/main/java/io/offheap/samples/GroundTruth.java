package io.offheap.samples;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a sample program knows about the buffers it made — allocated, kept, dropped, freed — written
 * to {@code expected.properties} just before it dumps itself. Only facts the program itself knows or
 * reads from its own JVM; never anything computed from the dump.
 */
final class GroundTruth {

    /** File name inside the output directory. */
    static final String FILE = "expected.properties";

    private final Properties values = new Properties();
    private final Map<String, List<Long>> categories = new LinkedHashMap<>();

    private GroundTruth() {
    }

    /**
     * Starts the record with the buffer pools as they are before the program allocates anything
     * ({@code baseline.pool.*}), so tests can subtract buffers the JDK made for itself.
     */
    static GroundTruth start() {
        GroundTruth truth = new GroundTruth();
        BufferPools.now().writeTo(truth.values, "baseline.pool.");
        return truth;
    }

    GroundTruth put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        return this;
    }

    /** Counts one buffer of {@code capacity} in {@code category}: written as .count, .bytes (sum), .capacities. */
    void add(String category, long capacity) {
        categories.computeIfAbsent(category, c -> new ArrayList<>()).add(capacity);
    }

    /** Names the dump files in time order: {@code dumps} lists them, {@code dump} is the last. */
    GroundTruth dumps(List<String> names) {
        put("dumps", String.join(",", names));
        return put("dump", names.get(names.size() - 1));
    }

    /** Adds the JVM's facts and the buffer pools as they are now, and writes the file. */
    void write(Path outDir) throws IOException {
        put("java.version", System.getProperty("java.version"));
        put("java.vm.version", System.getProperty("java.vm.version"));
        put("pid", ProcessHandle.current().pid());
        put("max.direct.memory", maxDirectMemory());
        put("max.direct.memory.option", HeapDump.vmOption("MaxDirectMemorySize"));
        // The JDK maps its module image with a JNI-style buffer (no cleaner, no att) once a resource is
        // read from a system module; it and its views may be in the dump as the JDK's own unowned buffer.
        Path image = Path.of(System.getProperty("java.home"), "lib", "modules");
        if (Files.isRegularFile(image)) {
            put("jdk.modules.image.bytes", Files.size(image));
        }
        BufferPools.now().writeTo(values, "pool.");
        categories.forEach((category, capacities) -> {
            put(category + ".count", capacities.size());
            put(category + ".bytes", capacities.stream().mapToLong(Long::longValue).sum());
            put(category + ".capacities", capacities.stream().map(String::valueOf).collect(Collectors.joining(",")));
        });
        // FileOutputStream, not Files.newOutputStream: a channel write from a heap buffer goes through
        // a temporary direct buffer (sun.nio.ch.Util) that would show up in the dump.
        try (OutputStream out = new FileOutputStream(outDir.resolve(FILE).toFile())) {
            values.store(out, "ground truth: what the program allocated, kept, dropped and freed");
        }
    }

    /**
     * The limit Bits enforces (DOMAIN.md 3.3): -XX:MaxDirectMemorySize, or the heap's max capacity
     * when unset. Read from {@code java.nio.Bits.MAX_MEMORY}, the value a dump holds too.
     */
    private static long maxDirectMemory() {
        try {
            Field max = Class.forName("java.nio.Bits").getDeclaredField("MAX_MEMORY");
            max.setAccessible(true);
            return max.getLong(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read java.nio.Bits.MAX_MEMORY: run with --add-opens java.base/java.nio=ALL-UNNAMED", e);
        }
    }
}
