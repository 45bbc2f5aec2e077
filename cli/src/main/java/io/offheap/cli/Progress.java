package io.offheap.cli;

import io.offheap.hprof.HprofReader;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr while a dump is read, only when a person is watching a terminal. */
final class Progress implements HprofReader.Progress, AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when stdout and stderr are terminals; otherwise one that prints nothing. */
    static Progress forReading(String what, long totalBytes) {
        if (System.console() == null || System.getenv("CI") != null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(what).setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    @Override
    public void bytesRead(long done, long total) {
        if (bar != null) {
            bar.stepTo(Math.min(done, total));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
