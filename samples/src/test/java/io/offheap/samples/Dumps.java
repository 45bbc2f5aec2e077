package io.offheap.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks every sample run must pass, whatever the program. */
final class Dumps {

    private static final byte[] HPROF_HEADER = "JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII);

    private Dumps() {
    }

    /** Each dump is an HPROF file; the ground truth came from the JDK asked for; categories add up. */
    static void assertSound(SampleResult result, Jdk jdk) throws IOException {
        for (Path dump : result.dumps()) {
            byte[] header = new byte[HPROF_HEADER.length];
            try (InputStream in = Files.newInputStream(dump)) {
                assertEquals(header.length, in.readNBytes(header, 0, header.length), dump.toString());
            }
            assertArrayEquals(HPROF_HEADER, header, dump + " is not an HPROF 1.0.2 dump");
        }
        assertEquals(jdk.feature(), Runtime.Version.parse(result.text("java.version")).feature());
        assertTrue(result.bytes("max.direct.memory") > 0);
        for (String key : result.expected().stringPropertyNames()) {
            if (key.endsWith(".capacities") && result.expected().containsKey(prefix(key) + ".count")) {
                List<Long> capacities = result.capacities(key);
                assertEquals(capacities.size(), result.number(prefix(key) + ".count"), key);
                assertEquals(capacities.stream().mapToLong(Long::longValue).sum(), result.bytes(prefix(key) + ".bytes"), key);
            }
        }
        System.out.printf("%s on %s: %d ms, dumps %s%n", result.outDir().getFileName(), jdk,
                result.elapsed().toMillis(), result.dumps().stream().map(Dumps::describe).toList());
    }

    /** The growth of a buffer pool since the program started. */
    static long sinceBaseline(SampleResult result, String poolFigure) {
        return result.number("pool." + poolFigure) - result.number("baseline.pool." + poolFigure);
    }

    private static String prefix(String key) {
        return key.substring(0, key.lastIndexOf('.'));
    }

    private static String describe(Path dump) {
        try {
            return dump.getFileName() + " " + Files.size(dump) / 1024 + " KiB";
        } catch (IOException e) {
            return dump.getFileName() + " ?";
        }
    }
}
