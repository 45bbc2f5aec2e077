package io.offheap.analyzer;

import java.util.List;

/**
 * Everything Offheap concluded about one dump: the single value handed to the reports. {@code gc} is
 * null when no GC log was given; {@code holders} names the well-known holders of the memory (DOMAIN.md 1.3, 4, 5).
 */
public record Diagnosis(DumpInfo dump, Totals totals, Accounting accounting, List<Buffer> buffers,
                        List<Retainer> retainers, GcSummary gc, List<Finding> findings, String verdict,
                        List<String> warnings, List<Holder> holders) {
}
