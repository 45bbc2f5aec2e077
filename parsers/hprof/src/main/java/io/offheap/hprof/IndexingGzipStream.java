package io.offheap.hprof;

import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * The first pass's gzip stream: {@link GZIPInputStream} itself (its header, trailer and CRC checks, its rules for
 * concatenated members and trailing bytes, its errors), which also notes in {@link GzipMembers} where each member's
 * deflate data begins. GZIPInputStream resets its inflater for every member and returns no read that spans two,
 * so a read that starts with the inflater having consumed nothing starts a member, whose data begins at the
 * bytes taken from the file less those the inflater still holds (so in JDK 17 and 25, whose sources agree).
 * A JDK that buffered a member's first bytes elsewhere would make the noted start wrong: the second pass then
 * finds no deflate data there, or other first bytes, and stops using the index.
 */
final class IndexingGzipStream extends GZIPInputStream {
    private final CountingStream file;
    private final GzipMembers members;
    /** Uncompressed bytes returned so far. */
    private long offset;
    /** GZIPInputStream reads the next member by calling read again from within read. */
    private int depth;

    IndexingGzipStream(CountingStream file, GzipMembers members) throws IOException {
        super(file, 1 << 16);
        this.file = file;
        this.members = members;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        boolean memberStart = inf.getBytesRead() == 0;
        long dataStart = file.count() - inf.getRemaining();
        int n;
        depth++;
        try {
            n = super.read(b, off, len);
        } finally {
            depth--;
        }
        if (memberStart && n >= 8) {
            members.note(dataStart, offset, RecordInput.readLong(b, off));
        }
        if (depth == 0 && n > 0) {
            offset += n;
        }
        return n;
    }
}
