package io.offheap.cli;

import io.offheap.gclog.GcHistory;
import io.offheap.gclog.GcLogException;
import io.offheap.gclog.GcLogReader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the GC logs named on the command line; refusals and unreadable files become one-line errors. */
final class GcLogInput {
    private GcLogInput() {
    }

    static GcHistory read(List<Path> logs) throws CommandException {
        for (Path p : logs) {
            if (!Files.exists(p)) {
                throw new CommandException(ExitCode.BAD_INPUT, p + ": no such file or directory");
            }
        }
        try {
            return GcLogReader.read(logs);
        } catch (GcLogException e) {
            throw new CommandException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CommandException(ExitCode.BAD_INPUT, e.getFile() + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CommandException(ExitCode.BAD_INPUT, e.getFile() + ": permission denied", e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "GC log cannot be read: " + e.getMessage(), e);
        }
    }
}
