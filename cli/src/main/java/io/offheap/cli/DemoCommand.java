package io.offheap.cli;

import io.offheap.analyzer.Diagnosis;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code offheap demo}: analyses a real dump bundled in the jar (made by the samples' DelayedReclamation
 * program on OpenJDK 17, with its GC log) and writes offheap-demo.json and offheap-demo.html.
 */
final class DemoCommand {
    static final String DUMP = "demo/delayed-reclamation.hprof.gz";
    static final String GC_LOG = "demo/delayed-reclamation.gc.log";
    static final Path JSON = Path.of("offheap-demo.json");
    static final Path HTML = Path.of("offheap-demo.html");

    private DemoCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CommandException, ParseException {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("debug").build());
        if (!new DefaultParser().parse(o, args).getArgList().isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "demo takes no arguments");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("offheap-demo");
            Path dump = extract(DUMP, dir);
            Path log = extract(GC_LOG, dir);
            err.println("offheap: demo: analysing a bundled dump of a JVM whose dropped direct buffers were promoted "
                    + "to the old generation and never freed");
            Diagnosis d = DumpAnalysis.run(dump, GcLogInput.read(List.of(log)));
            return AnalyzeCommand.report(d, JSON, HTML, null, out, err);
        } catch (IOException e) {
            throw new CommandException(ExitCode.BAD_INPUT, "demo: cannot unpack the bundled dump: " + e.getMessage(), e);
        }
    }

    private static Path extract(String resource, Path dir) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the jar");
            }
            Path target = dir.resolve(Path.of(resource).getFileName());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return target;
        }
    }
}
