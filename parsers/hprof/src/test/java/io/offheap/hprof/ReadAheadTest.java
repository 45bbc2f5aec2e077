package io.offheap.hprof;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Reading on another thread must read exactly like reading on this one: the same bytes, then the same end or failure. */
class ReadAheadTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @Test
    void deliversEveryByteInOrderAcrossChunks() throws IOException {
        byte[] data = new byte[3 * (1 << 20) + 12345];
        new Random(1).nextBytes(data);
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "test")) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(-1, in.read(), "the end stays the end");
            assertEquals(-1, in.read(new byte[10], 0, 10));
        }
    }

    @Test
    void skipsLandWhereReadingWouldHave() throws IOException {
        byte[] data = new byte[3 * (1 << 20) + 12345];
        new Random(2).nextBytes(data);
        Random random = new Random(3);
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data), "test")) {
            int at = 0;
            while (at < data.length) {
                long wanted = random.nextInt(1 << 21);
                long skipped = in.skip(wanted);
                assertTrue(skipped > 0 && skipped <= wanted || wanted == 0 && skipped == 0, skipped + " of " + wanted);
                at += (int) skipped;
                if (at < data.length) {
                    assertEquals(data[at] & 0xFF, in.read(), "the byte after a skip to " + at);
                    at++;
                }
            }
            assertEquals(0, in.skip(10), "nothing to skip at the end");
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aFailureComesAfterTheBytesReadBeforeItAndStays() {
        byte[] data = new byte[(1 << 20) + 777];
        Arrays.fill(data, (byte) 7);
        EOFException cut = new EOFException("Unexpected end of ZLIB input stream");
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (ReadAhead in = new ReadAhead(failingAfter(data, cut), "test")) {
                byte[] got = new byte[data.length + 1];
                int n = 0;
                IOException thrown = null;
                try {
                    for (int r; (r = in.read(got, n, got.length - n)) > 0; ) {
                        n += r;
                    }
                } catch (IOException e) {
                    thrown = e;
                }
                assertEquals(data.length, n, "every byte before the failure");
                assertSame(cut, thrown, "then the source's own exception");
                assertSame(cut, assertThrows(EOFException.class, in::read), "and again on the next read");
            }
        });
    }

    @Test
    void anErrorInTheSourceReachesTheReader() {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (ReadAhead in = new ReadAhead(new InputStream() {
                @Override
                public int read() {
                    throw oom;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    throw oom;
                }
            }, "test")) {
                assertSame(oom, assertThrows(OutOfMemoryError.class, in::read));
            }
        });
    }

    @Test
    void closingWhileTheSourceIsAheadNeitherHangsNorReadsOn() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    Arrays.fill(b, off, off + len, (byte) 1);
                    return len;
                }
            };
            ReadAhead in = new ReadAhead(endless, "test");
            assertEquals(1, in.read());
            in.close();
            assertThrows(IOException.class, () -> in.read(new byte[1 << 21], 0, 1 << 21));
        });
    }

    /** The bytes of {@code data}, then {@code failure} instead of the end. */
    private static InputStream failingAfter(byte[] data, IOException failure) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos == data.length) {
                    throw failure;
                }
                return data[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == data.length) {
                    throw failure;
                }
                int n = Math.min(len, Math.min(1000, data.length - pos)); // short reads, like an inflater's
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
