package dev.latent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One section of a {@link Report}: a heading, then paragraphs, figures, images and tables in the order they
 * were added; an immutable value whose methods return a longer copy.
 * {@snippet :
 * Section pca = Section.of("PCA")
 *         .text("The first two components explain 17% of the variance.")
 *         .figure(LinePlot.defaults().draw(Series.of("ratio", ratios)), "Explained variance per component")
 *         .table(Table.of("", "component", "ratio").row(1, 0.097));
 * }
 */
public final class Section {
    /** One part of a section. */
    sealed interface Block {}

    record Paragraph(String text) implements Block {}

    record FigureBlock(Figure figure, String caption, boolean asPng) implements Block {}

    record ImageBlock(byte[] png, String caption) implements Block {}

    record SvgBlock(String svg, String caption) implements Block {}

    record TableBlock(Table table) implements Block {}

    private final String heading;
    private final List<Block> blocks;

    private Section(String heading, List<Block> blocks) {
        this.heading = heading;
        this.blocks = List.copyOf(blocks);
    }

    /** An empty section under {@code heading}. @throws IllegalArgumentException when the heading is blank */
    public static Section of(String heading) {
        Require.argument(heading != null && !heading.isBlank(), "heading must not be blank");
        return new Section(heading, List.of());
    }

    /** The heading. */
    public String heading() {
        return heading;
    }

    List<Block> blocks() {
        return blocks;
    }

    private Section with(Block b) {
        List<Block> more = new ArrayList<>(blocks);
        more.add(b);
        return new Section(heading, more);
    }

    /** This section with a paragraph of plain text (escaped; blank lines do not split it). */
    public Section text(String text) {
        Require.notNull("text", text);
        return with(new Paragraph(text));
    }

    /** This section with {@code figure} inline as SVG, captioned. */
    public Section figure(Figure figure, String caption) {
        Require.notNull("figure", figure);
        Require.notNull("caption", caption);
        return with(new FigureBlock(figure, caption, false));
    }

    /** This section with {@code figure} as a PNG image (a data URI), captioned: smaller for raster-heavy figures. */
    public Section figureAsPng(Figure figure, String caption) {
        Require.notNull("figure", figure);
        Require.notNull("caption", caption);
        return with(new FigureBlock(figure, caption, true));
    }

    /**
     * This section with a PNG image given as bytes (a data URI), captioned.
     * @throws IllegalArgumentException when {@code png} does not start with the PNG signature
     */
    public Section image(byte[] png, String caption) {
        Require.notNull("png", png);
        Require.notNull("caption", caption);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        boolean ok = png.length >= 8;
        for (int i = 0; ok && i < 8; i++) ok = png[i] == signature[i];
        Require.argument(ok, "png must be PNG bytes (starting with the PNG signature), got " + png.length + " other bytes");
        return with(new ImageBlock(png.clone(), caption));
    }

    /**
     * This section with an SVG document given as text (for example a figure file written earlier), embedded as
     * an image data URI, captioned; its own links are not followed by browsers in that form.
     * @throws IllegalArgumentException when {@code svg} has no {@code <svg} element
     */
    public Section svg(String svg, String caption) {
        Require.notNull("svg", svg);
        Require.notNull("caption", caption);
        Require.argument(svg.contains("<svg"), "svg must be an SVG document (with an <svg> element)");
        return with(new SvgBlock(svg, caption));
    }

    /** This section with a table. */
    public Section table(Table table) {
        Require.notNull("table", table);
        return with(new TableBlock(table));
    }
}
