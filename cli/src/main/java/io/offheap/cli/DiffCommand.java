package io.offheap.cli;

import io.offheap.analyzer.Analyzer;
import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.Diagnosis;
import io.offheap.reports.Reports;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code offheap diff <older> <newer> [--json <file>] [--html <file>]}: what grew between two dumps of one JVM.
 * {@link TrendCommand} runs the same comparison over more dumps.
 */
final class DiffCommand {
    private DiffCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").hasArg().argName("file").desc("write the JSON report").build());
        o.addOption(Option.builder().longOpt("html").hasArg().argName("file").desc("write the HTML report").build());
        o.addOption(Option.builder().longOpt("debug").desc("print stack traces of errors").build());
        return o;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        CommandLine cl = new DefaultParser().parse(options(), args);
        if (cl.getArgList().size() != 2) {
            throw new CommandException(ExitCode.USAGE, "diff takes two heap dumps, older first, got " + cl.getArgList().size());
        }
        return compare(cl, out, err);
    }

    /**
     * Analyses the dumps one at a time, keeping of each only what the comparison reads (not its buffers),
     * then prints and writes the comparison.
     */
    static int compare(CommandLine cl, PrintStream out, PrintStream err) throws CommandException {
        List<Path> dumps = cl.getArgList().stream().map(Path::of).toList();
        Path json = cl.hasOption("json") ? Path.of(cl.getOptionValue("json")) : null;
        Path html = cl.hasOption("html") ? Path.of(cl.getOptionValue("html")) : null;
        AnalyzeCommand.refuseToOverwriteInput(json, dumps);
        AnalyzeCommand.refuseToOverwriteInput(html, dumps);
        List<Diagnosis> analysed = new ArrayList<>();
        for (Path dump : dumps) {
            Diagnosis d = DumpAnalysis.run(dump, null);
            d.warnings().forEach(w -> err.println("offheap: warning: " + dump + ": " + w));
            analysed.add(new Diagnosis(d.dump(), d.totals(), d.accounting(), List.of(), d.retainers(), d.gc(), d.findings(),
                    d.verdict(), d.warnings(), List.of())); // buffers and holders are not compared: let them go
        }
        Comparison c = Analyzer.compare(analysed);
        out.print(Reports.text(c));
        ReportFile.write(err, new ReportFile.Request(json, "JSON", t -> Reports.writeJson(c, t)),
                new ReportFile.Request(html, "HTML", t -> Reports.writeHtml(c, t)));
        return ExitCode.ANALYSED;
    }
}
