package io.offheap.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.offheap.analyzer.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout of the JSON report: indented as Jackson does, the buffers one per line. */
class JsonReportTest {
    @TempDir
    Path tmp;

    @Test
    void eachBufferIsOneLineAndTheRestIsIndented() throws IOException {
        for (Diagnosis d : List.of(Fixtures.manyBuffers(1_000), Fixtures.everywhere("x"))) {
            Path file = tmp.resolve("report.json");
            Reports.writeJson(d, file);
            List<String> lines = Files.readAllLines(file);
            JsonNode json = JsonReport.mapper().readTree(file.toFile());
            JsonNode buffers = json.get("buffers");
            assertEquals(d.buffers().size(), buffers.size());
            int start = lines.indexOf("  \"buffers\" : [");
            assertTrue(start > 0, "the buffers array opens on a line of its own");
            for (int i = 0; i < buffers.size(); i++) {
                String line = lines.get(start + 1 + i);
                String text = i < buffers.size() - 1 ? line.substring(0, line.length() - 1) : line; // the comma
                assertTrue(line.startsWith("    {\"id\" : \"0x"), line);
                assertEquals(buffers.get(i), JsonReport.mapper().readTree(text), "buffer " + i + " is its line");
            }
            assertEquals("  ],", lines.get(start + 1 + buffers.size()));
            assertTrue(lines.contains("  \"totals\" : {"), "other sections keep their indentation");
            assertTrue(lines.contains("    \"buffers\" : " + d.totals().buffers() + ","), "one field per line there");
        }
    }

    @Test
    void noBuffersIsAnEmptyArray() throws IOException {
        Path file = tmp.resolve("none.json");
        Reports.writeJson(Fixtures.manyBuffers(0), file);
        assertTrue(Files.readAllLines(file).contains("  \"buffers\" : [ ],"));
    }
}
