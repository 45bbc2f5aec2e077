package io.offheap.gclog;

/** The garbage collector a log was written by, as the log itself says (a "Using ..." line, flags or printouts). */
public enum Collector {
    SERIAL, PARALLEL, CMS, G1, ZGC, SHENANDOAH, UNKNOWN
}
