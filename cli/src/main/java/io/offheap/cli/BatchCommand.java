package io.offheap.cli;

import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.Severity;
import io.offheap.gclog.GcHistory;
import io.offheap.reports.Batch;
import io.offheap.reports.BatchEntry;
import io.offheap.reports.Reports;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code offheap batch <dir|glob|dump>... --out <dir> [--gc-logs <dir>] [--fail-on <severity>]}: every dump
 * found ({@link BatchInputs}), one at a time, so memory stays bounded by the largest single dump: its graph
 * and buffers are dropped once its reports are written. Sequential on purpose: one dump's graph can take
 * most of the heap. An input that cannot be analysed is recorded with its error and the run goes on.
 * Writes {@code <name>.json} and {@code <name>.html} per dump, {@code summary.json} and {@code index.html}.
 * Exit 1 when no dump could be analysed, else 3 when an analysed dump has a finding at or above
 * {@code --fail-on}, else 0; failed inputs are in the summary and on stderr.
 */
final class BatchCommand {
    private BatchCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("dir").desc("directory for the reports (required)").build());
        o.addOption(Option.builder().longOpt("gc-logs").hasArg().argName("dir")
                .desc("where GC logs named after the dumps are, when they are not beside them").build());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("severity")
                .desc("exit 3 if a dump has a finding at least this severe: critical, warning or info").build());
        o.addOption(Option.builder().longOpt("debug").desc("print stack traces of errors").build());
        return o;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        CommandLine cl = new DefaultParser().parse(options(), args);
        if (cl.getArgList().isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "batch takes one or more directories, globs or heap dumps");
        }
        if (!cl.hasOption("out")) {
            throw new CommandException(ExitCode.USAGE, "batch needs --out <dir> for its reports");
        }
        Path outDir = Path.of(cl.getOptionValue("out"));
        Severity failOn = AnalyzeCommand.severity(cl.getOptionValue("fail-on"));
        Path logDir = cl.hasOption("gc-logs") ? Path.of(cl.getOptionValue("gc-logs")) : null;
        if (logDir != null && !Files.isDirectory(logDir)) {
            throw new CommandException(ExitCode.BAD_INPUT, logDir + ": --gc-logs must be a directory");
        }
        boolean debug = cl.hasOption("debug");
        BatchInputs inputs = new BatchInputs(err);
        List<Path> dumps = inputs.dumps(cl.getArgList());
        Path summary = outDir.resolve("summary.json");
        Path index = outDir.resolve("index.html");
        AnalyzeCommand.refuseToOverwriteInput(summary, dumps);
        AnalyzeCommand.refuseToOverwriteInput(index, dumps);

        List<BatchEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>(List.of("summary", "index"));
        boolean failing = false;
        for (int i = 0; i < dumps.size(); i++) {
            Path dump = dumps.get(i);
            err.printf(Locale.ROOT, "offheap: [%d/%d] %s%n", i + 1, dumps.size(), dump);
            BatchEntry entry = analyse(dump, inputs.gcLogsFor(dump, logDir), outDir, names, debug, err);
            entries.add(entry);
            failing |= failOn != null && entry.findings().stream().map(Finding::severity).anyMatch(s -> s.compareTo(failOn) >= 0);
        }

        Batch batch = new Batch(List.copyOf(entries), failOn);
        try {
            Reports.writeJson(batch, summary);
            Reports.writeHtml(batch, index);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, outDir + ": cannot write the summary: " + e.getMessage(), e);
        }
        out.print(Reports.text(batch));
        err.println("offheap: reports, summary.json and index.html written to " + outDir);
        if (batch.analysed() == 0) {
            err.println("offheap: no heap dump could be analysed");
            return ExitCode.BAD_INPUT;
        }
        return failing ? ExitCode.FINDING_AT_OR_ABOVE_FAIL_ON : ExitCode.ANALYSED;
    }

    /** One dump: analysed and reported, or recorded with the reason it could not be. */
    private static BatchEntry analyse(Path dump, List<Path> logs, Path outDir, Set<String> names, boolean debug,
                                      PrintStream err) throws CommandException {
        List<String> logNames = logs.stream().map(Path::toString).toList();
        List<String> warnings = new ArrayList<>();
        GcHistory history = null;
        if (!logs.isEmpty()) {
            try {
                history = GcLogInput.read(logs);
            } catch (CommandException e) {
                warnings.add("GC logs not used, the dump was analysed alone: " + e.getMessage());
                err.println("offheap: warning: " + warnings.get(0));
            }
        }
        String name = reportName(dump, names);
        Path json = outDir.resolve(name + ".json");
        Path html = outDir.resolve(name + ".html");
        List<Path> inputs = new ArrayList<>(logs);
        inputs.add(dump);
        Diagnosis d;
        try {
            AnalyzeCommand.refuseToOverwriteInput(json, inputs);
            AnalyzeCommand.refuseToOverwriteInput(html, inputs);
            d = DumpAnalysis.run(dump, history);
        } catch (CommandException e) {
            return failed(dump, logNames, warnings, e.getMessage(), e, debug, err);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(dump, logNames, warnings, dump + ": internal error: " + Main.oneLine(e), e, debug, err);
        } catch (OutOfMemoryError e) {
            return failed(dump, logNames, warnings, dump + ": ran out of memory (Java heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); give it more with OFFHEAP_OPTS=-Xmx<size>", e, debug, err);
        }
        try {
            Reports.writeJson(d, json);
        } catch (IOException e) {
            // The output directory, not this dump: every other dump would fail the same way.
            throw new CommandException(ExitCode.BAD_INPUT, outDir + ": cannot write reports: " + e.getMessage(), e);
        }
        String htmlName = html.getFileName().toString();
        try {
            Reports.writeHtml(d, html);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, outDir + ": cannot write reports: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The dump was analysed and its JSON written: keep it, without the HTML.
            warnings.add("the HTML report could not be written: internal error: " + Main.oneLine(e));
            err.println("offheap: warning: " + dump + ": " + warnings.get(warnings.size() - 1));
            if (debug) {
                e.printStackTrace(err);
            }
            htmlName = null;
        }
        return BatchEntry.analysed(dump.toString(), logNames, warnings, json.getFileName().toString(), htmlName, d);
    }

    private static BatchEntry failed(Path dump, List<String> logs, List<String> warnings, String error, Throwable cause,
                                     boolean debug, PrintStream err) {
        err.println("offheap: " + error);
        if (debug) {
            cause.printStackTrace(err);
        }
        return BatchEntry.failed(dump.toString(), logs, warnings, error);
    }

    /**
     * The report's file name: the dump's base name with anything but letters, digits, '.', '_' and '-'
     * replaced, made unique among this run's reports (dumps from many JVMs are often all called heap.hprof).
     */
    static String reportName(Path dump, Set<String> taken) {
        String base = BatchInputs.baseName(dump).replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "_" + base;
        }
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
