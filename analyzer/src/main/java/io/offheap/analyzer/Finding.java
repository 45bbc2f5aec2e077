package io.offheap.analyzer;

import java.util.Map;

/** One conclusion with the numbers that prove it and what to do. {@code evidence} keeps insertion order. */
public record Finding(String id, Severity severity, String title, Map<String, Object> evidence, String advice) {
}
