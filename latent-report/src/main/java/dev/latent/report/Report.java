package dev.latent.report;

import dev.latent.io.AtomicWrites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page of sections with text, figures and tables; an immutable value.
 * <p>The page needs nothing else: CSS is inline, figures are inline SVG (raster parts as PNG data URIs) or PNG
 * data URIs, there is no script, and nothing refers to the network. Text is escaped. The markup is also
 * well-formed XML (XHTML syntax), so XML tools can read it. The output is deterministic: it holds no time or
 * path unless given one (for example in {@link #withFooter}), so the same report gives the same bytes.
 * {@snippet :
 * Report.of("MNIST, unsupervised")
 *         .withIntro("70,000 handwritten digits, without their labels.")
 *         .withSection(Section.of("t-SNE").text("Digits form separate islands.").figure(scatter, "t-SNE map"))
 *         .write(dir.resolve("report.html"));
 * }
 */
public final class Report {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?( ?%| s| ms| MiB| GiB| KiB| MB| GB)?");
    private static final String CSS = """
            body{font-family:"DejaVu Sans",Verdana,Arial,Helvetica,sans-serif;color:#222;background:#fff;margin:0 auto;\
            max-width:1000px;padding:24px 28px;line-height:1.5}
            h1{font-size:1.7em;margin:0.2em 0 0.4em}h2{font-size:1.3em;margin:1.6em 0 0.5em;border-bottom:1px solid #ddd;\
            padding-bottom:0.2em}
            p{margin:0.5em 0;max-width:75ch}.intro{font-size:1.05em;color:#444}
            nav ol{margin:0.4em 0 1em;padding-left:1.4em;columns:2}nav a{color:#2a5d9f;text-decoration:none}
            figure{margin:1em 0;overflow-x:auto}figure svg,figure img{max-width:100%;height:auto;display:block}
            figcaption{font-size:0.9em;color:#555;margin-top:0.3em}
            table{border-collapse:collapse;margin:1em 0;font-size:0.92em}caption{text-align:left;font-weight:bold;\
            padding-bottom:0.3em}
            th,td{border-bottom:1px solid #ddd;padding:0.25em 0.8em;text-align:left}th{background:#f4f4f4}\
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            footer{margin-top:2.5em;font-size:0.85em;color:#777;border-top:1px solid #ddd;padding-top:0.5em}
            """;

    private final String title;
    private final String intro;
    private final String footer;
    private final List<Section> sections;

    private Report(String title, String intro, String footer, List<Section> sections) {
        this.title = title;
        this.intro = intro;
        this.footer = footer;
        this.sections = List.copyOf(sections);
    }

    /** An empty report titled {@code title}. @throws IllegalArgumentException when the title is blank */
    public static Report of(String title) {
        Require.argument(title != null && !title.isBlank(), "title must not be blank");
        return new Report(title, "", "", List.of());
    }

    /** This report with an introductory paragraph under the title. */
    public Report withIntro(String intro) {
        Require.notNull("intro", intro);
        return new Report(title, intro, footer, sections);
    }

    /** This report with a footer line (for example what made it and when; the report adds no time itself). */
    public Report withFooter(String footer) {
        Require.notNull("footer", footer);
        return new Report(title, intro, footer, sections);
    }

    /** This report with {@code section} added at the end. */
    public Report withSection(Section section) {
        Require.notNull("section", section);
        List<Section> more = new ArrayList<>(sections);
        more.add(section);
        return new Report(title, intro, footer, more);
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The sections, in order. */
    public List<Section> sections() {
        return sections;
    }

    /** The page as HTML text. */
    public String html() {
        Svg h = new Svg();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .raw("<title>").text(title).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n")
                .raw("<header>\n<h1>").text(title).raw("</h1>\n");
        if (!intro.isEmpty()) h.raw("<p class=\"intro\">").text(intro).raw("</p>\n");
        h.raw("</header>\n");
        if (sections.size() > 1) {
            h.raw("<nav>\n<ol>\n");
            for (int i = 0; i < sections.size(); i++) {
                h.raw("<li><a href=\"#section-").num(i + 1).raw("\">").text(sections.get(i).heading()).raw("</a></li>\n");
            }
            h.raw("</ol>\n</nav>\n");
        }
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            h.raw("<section id=\"section-").num(i + 1).raw("\">\n<h2>").text(s.heading()).raw("</h2>\n");
            for (Section.Block b : s.blocks()) {
                switch (b) {
                    case Section.Paragraph p -> h.raw("<p>").text(p.text()).raw("</p>\n");
                    case Section.FigureBlock f -> {
                        h.raw("<figure>\n");
                        if (f.asPng()) {
                            image(h, f.figure().png(), f.caption().isEmpty() ? f.figure().title() : f.caption(),
                                    f.figure().width(), f.figure().height());
                        } else {
                            h.raw(f.figure().svgElement(false));
                        }
                        if (!f.caption().isEmpty()) h.raw("<figcaption>").text(f.caption()).raw("</figcaption>\n");
                        h.raw("</figure>\n");
                    }
                    case Section.ImageBlock im -> {
                        h.raw("<figure>\n");
                        image(h, im.png(), im.caption(), -1, -1);
                        if (!im.caption().isEmpty()) h.raw("<figcaption>").text(im.caption()).raw("</figcaption>\n");
                        h.raw("</figure>\n");
                    }
                    case Section.SvgBlock sv -> {
                        h.raw("<figure>\n<img alt=\"").text(sv.caption()).raw("\" src=\"data:image/svg+xml;base64,")
                                .raw(Base64.getEncoder().encodeToString(sv.svg().getBytes(StandardCharsets.UTF_8))).raw("\"/>\n");
                        if (!sv.caption().isEmpty()) h.raw("<figcaption>").text(sv.caption()).raw("</figcaption>\n");
                        h.raw("</figure>\n");
                    }
                    case Section.TableBlock t -> table(h, t.table());
                }
            }
            h.raw("</section>\n");
        }
        if (!footer.isEmpty()) h.raw("<footer>").text(footer).raw("</footer>\n");
        h.raw("</body>\n</html>\n");
        return h.toString();
    }

    private static void image(Svg h, byte[] png, String alt, int width, int height) {
        h.raw("<img alt=\"").text(alt).raw("\"");
        if (width > 0) h.raw(" width=\"").num(width).raw("\" height=\"").num(height).raw("\"");
        h.raw(" src=\"data:image/png;base64,").raw(Base64.getEncoder().encodeToString(png)).raw("\"/>\n");
    }

    private static void table(Svg h, Table t) {
        h.raw("<table>\n");
        if (!t.caption().isEmpty()) h.raw("<caption>").text(t.caption()).raw("</caption>\n");
        h.raw("<thead><tr>");
        for (String c : t.header()) h.raw("<th>").text(c).raw("</th>");
        h.raw("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            h.raw("<tr>");
            for (String c : row) {
                h.raw(NUMBER.matcher(c.strip()).matches() ? "<td class=\"num\">" : "<td>").text(c).raw("</td>");
            }
            h.raw("</tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }

    /** Writes {@link #html()} to {@code file} as UTF-8, atomically (nothing half-written is ever left); returns {@code file}. */
    public Path write(Path file) throws IOException {
        Require.notNull("file", file);
        byte[] bytes = html().getBytes(StandardCharsets.UTF_8);
        AtomicWrites.write(file, out -> out.write(bytes));
        return file;
    }

    @Override
    public String toString() {
        return "Report " + title + " of " + sections.size() + " section" + (sections.size() == 1 ? "" : "s");
    }
}
