package io.offheap.analyzer;

import java.util.List;

/** What GC logs alone say ({@code offheap gc}): the collection summary, configuration findings and a verdict. */
public record GcReport(GcSummary gc, List<Finding> findings, String verdict) {
}
