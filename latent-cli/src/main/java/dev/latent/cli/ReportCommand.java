package dev.latent.cli;

import dev.latent.Latent;
import dev.latent.io.Json;
import dev.latent.report.Report;
import dev.latent.report.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code latent report RESULT... --out report.html}: one self-contained HTML report of results that single commands
 * wrote, a section per result ({@link ResultSections}) and a final table of every figure of merit and run time.
 * <p>Every input is read and checked, and the whole page built, before anything is written; the page is then written
 * atomically, so a bad input leaves no file behind and an earlier report in its place stays as it was.
 */
@Command(name = "report", sortOptions = false,
        description = {"Build one self-contained HTML report (figures inline, nothing fetched from the network) from "
                + "the results of single commands: the --out folders of 'latent info', 'cluster', 'reduce', 'train' "
                + "and 'reconstruct' (each holds results.json), the .json file written beside the output of "
                + "'generate', 'interpolate' and 'encode', or what --json printed, saved to a file.",
                "One section per result, in the order given: its figures, its numbers and a few sentences on what "
                        + "they show; then a table of every figure of merit and run time."})
final class ReportCommand extends LatentCommand {
    @Parameters(arity = "1..*", paramLabel = "RESULT",
            description = "A result folder (holding results.json) or a results .json file.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The HTML file to write (its folder is created if missing).")
    Path outFile;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Latent report",
            description = "The report's title (default: ${DEFAULT-VALUE}).")
    String title;

    @Override
    protected void run(Output out) throws Exception {
        if (title.isBlank()) throw new IllegalArgumentException("--title must not be blank");
        if (Files.isDirectory(outFile)) {
            throw new IllegalArgumentException("--out must be the HTML file to write, got the folder " + outFile
                    + " (for example --out " + outFile.resolve("report.html") + ")");
        }
        List<RunResult> results = out.time("read", () -> read(inputs));
        ResultSections sections = new ResultSections(out);
        List<String> headings = new ArrayList<>();
        Report report = out.time("assemble", () -> {
            Report page = Report.of(title).withIntro(intro(results));
            for (RunResult r : results) {
                String heading = unique(ResultSections.heading(r), headings);
                headings.add(heading);
                page = page.withSection(sections.section(r, heading));
            }
            dev.latent.report.Table all = dev.latent.report.Table.of("Every figure of merit and run time", "result", "what", "value");
            for (ResultSections.Merit m : sections.merits()) all = all.row(m.result(), m.what(), m.value());
            return page.withSection(Section.of("Figures of merit").text("Every number of the sections above in one "
                    + "place, with the run time of each stage as the command measured it.").table(all))
                    .withFooter("Made by Latent " + Latent.version() + " with 'latent report'.");
        });
        out.time("write", () -> {
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) Results.directory(parent);
            return report.write(outFile);
        });

        Json.JsonArray list = Json.array();
        Table table = new Table(false, false);
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            list.add(Json.object().put("input", r.input().toString()).put("command", r.command())
                    .put("section", headings.get(i)));
            table.add("section " + (i + 1), headings.get(i) + " (latent " + r.command() + ", " + r.input() + ")");
        }
        out.result().put("results", list).put("sections", results.size() + 1).put("figures", sections.figures())
                .put("files", Json.object().put("report", outFile.toString()));
        table.add("figures", Integer.toString(sections.figures()));
        table.add("report", outFile.toString());
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** Reads every input; refuses one given twice, and --out naming one of them. */
    private List<RunResult> read(List<Path> paths) throws IOException {
        List<RunResult> results = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Path target = outFile.toAbsolutePath().normalize();
        for (Path p : paths) {
            RunResult r = RunResult.read(p);
            Path real = r.file().toRealPath();
            if (!seen.add(real)) throw new IllegalArgumentException(p + " is given twice");
            if (Files.exists(target) && Files.isSameFile(target, real)) {
                throw new IllegalArgumentException("--out " + outFile + " would overwrite the results it reads");
            }
            results.add(r);
        }
        return results;
    }

    private static String intro(List<RunResult> results) {
        List<String> commands = new ArrayList<>();
        for (RunResult r : results) {
            String c = "'latent " + r.command() + "'";
            if (!commands.contains(c)) commands.add(c);
        }
        return String.format(Locale.ROOT, "%d result%s of %s. Each section shows what one command found: its figures, "
                        + "its numbers and what they say. The last table gathers every figure of merit and run time.",
                results.size(), results.size() == 1 ? "" : "s", String.join(", ", commands));
    }

    /** {@code heading}, or {@code heading (2)}, {@code (3)}... when it is taken. */
    private static String unique(String heading, List<String> taken) {
        if (!taken.contains(heading)) return heading;
        int i = 2;
        while (taken.contains(heading + " (" + i + ")")) i++;
        return heading + " (" + i + ")";
    }
}
