package io.offheap.cli;

import io.offheap.analyzer.Analyzer;
import io.offheap.analyzer.Diagnosis;
import io.offheap.gclog.GcHistory;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.HprofFormatException;
import io.offheap.hprof.HprofReader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a dump with the HPROF reader and hands the graph to the analyzer; turns failures into one-line messages. */
final class DumpAnalysis {
    private DumpAnalysis() {
    }

    /** {@code history} is the GC history of the same JVM, or null. */
    static Diagnosis run(Path dump, GcHistory history) throws CommandException {
        if (Files.isDirectory(dump)) {
            throw new CommandException(ExitCode.BAD_INPUT, dump + ": is a directory, not a heap dump");
        }
        HeapGraph graph;
        try (Progress progress = Progress.forReading("Reading " + dump.getFileName(), Files.size(dump))) {
            graph = HprofReader.read(dump, new HprofReader.Options(Analyzer.FIELDS_NEEDED, progress));
        } catch (HprofFormatException e) {
            throw new CommandException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CommandException(ExitCode.BAD_INPUT, dump + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CommandException(ExitCode.BAD_INPUT, dump + ": permission denied", e);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, dump + ": cannot be read: " + e.getMessage(), e);
        }
        MemoryBudget.check(graph, dump.toString());
        return Analyzer.analyze(graph, history);
    }
}
