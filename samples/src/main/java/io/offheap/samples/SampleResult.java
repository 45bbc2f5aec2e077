package io.offheap.samples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What one run of a sample program left behind.
 *
 * @param outDir   the output directory given to the program
 * @param dumps    its heap dumps in the order it wrote them (one for most programs)
 * @param gcLog    its GC log, if it was run with {@link GcLog#option}
 * @param expected its expected.properties: the ground truth to test against
 * @param elapsed  wall time of the whole JVM run
 */
public record SampleResult(Path outDir, List<Path> dumps, Optional<Path> gcLog, Properties expected,
                           Duration elapsed) {

    /** The last heap dump the program wrote. */
    public Path dump() {
        return dumps.get(dumps.size() - 1);
    }

    /** A value as written, e.g. {@code holder.class}. */
    public String text(String key) {
        String value = expected.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no key '" + key + "' in " + outDir.resolve(GroundTruth.FILE));
        }
        return value;
    }

    /** A number, e.g. {@code young.collections} or {@code owner.live.count}. */
    public long number(String key) {
        return Long.parseLong(text(key));
    }

    /** A byte figure, e.g. {@code owner.live.bytes} or {@code pool.direct.totalCapacity}. */
    public long bytes(String key) {
        return number(key);
    }

    /** A comma-separated list of capacities, e.g. {@code owner.awaiting.capacities}, in allocation order. */
    public List<Long> capacities(String key) {
        String value = text(key);
        return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(Long::valueOf).toList();
    }
}
