package io.offheap.analyzer;

import java.util.List;

/**
 * Everything Offheap concluded about one dump: the single value handed to the reports. {@code gc} is
 * null when no GC log was given.
 */
public record Diagnosis(DumpInfo dump, Totals totals, Accounting accounting, List<Buffer> buffers,
                        List<Retainer> retainers, GcSummary gc, List<Finding> findings, String verdict,
                        List<String> warnings) {
}
