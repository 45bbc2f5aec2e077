package io.offheap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Writes the reports the user asked for and says where; a failure becomes a one-line error naming the file. */
final class ReportFile {
    @FunctionalInterface
    interface Writer {
        void write(Path target) throws IOException;
    }

    /** One report: {@code target} is null when its option was not given, and then nothing is written. */
    record Request(Path target, String format, Writer writer) {
    }

    private ReportFile() {
    }

    /**
     * Writes the requested reports at the same time, each on its own core: for a large dump the JSON and the
     * HTML page take about as long as each other and run on a JVM that has not compiled either yet.
     */
    static void write(PrintStream err, Request... requests) throws CommandException {
        List<Request> wanted = new ArrayList<>();
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (Request r : requests) {
            if (r.target() != null) {
                wanted.add(r);
                writing.add(CompletableFuture.runAsync(() -> {
                    try {
                        r.writer().write(r.target());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
        }
        // All of them finish (or fail) before anything is said: a failure must not cut another report short.
        CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).join();
        CommandException firstFailure = null;
        for (int i = 0; i < wanted.size(); i++) {
            Request r = wanted.get(i);
            try {
                writing.get(i).join();
                err.println("offheap: " + r.format() + " report written to " + r.target());
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    if (firstFailure == null) {
                        firstFailure = new CommandException(ExitCode.BAD_INPUT, r.target() + ": cannot write the "
                                + r.format() + " report: " + io.getCause().getMessage(), io.getCause());
                    }
                } else if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                } else if (e.getCause() instanceof Error error) {
                    throw error;
                } else {
                    throw e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
