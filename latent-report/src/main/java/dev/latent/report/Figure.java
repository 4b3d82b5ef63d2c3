package dev.latent.report;

import dev.latent.io.AtomicWrites;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A finished picture that writes itself as SVG (vector text) and as PNG (painted with Java2D): the same
 * marks, in the same places, in both.
 * <p>Figures are made by the plot classes ({@link ScatterPlot}, {@link LinePlot}, {@link BarChart},
 * {@link DendrogramPlot}, {@link Heatmap}, {@link ImagePanels}); they are immutable. Large point clouds are
 * held as one raster image, which SVG embeds as a PNG data URI, so the SVG stays small whatever the number of
 * points. Output is deterministic: the same figure gives the same bytes on every run.
 */
public final class Figure {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** The font family of SVG text; Java2D uses its logical sans-serif font (DejaVu Sans on most Linux systems). */
    static final String FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private final int width;
    private final int height;
    private final String title;
    private final List<Mark> marks;

    Figure(int width, int height, String title, List<Mark> marks) {
        Require.atLeast("width", width, 1);
        Require.atLeast("height", height, 1);
        this.width = width;
        this.height = height;
        this.title = title == null ? "" : title;
        this.marks = List.copyOf(marks);
    }

    /** The width in pixels (SVG user units). */
    public int width() {
        return width;
    }

    /** The height in pixels (SVG user units). */
    public int height() {
        return height;
    }

    /** The title, or the empty string. */
    public String title() {
        return title;
    }

    List<Mark> marks() {
        return marks;
    }

    /** The figure as a standalone SVG document (UTF-8 text). */
    public String svg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement(true);
    }

    /**
     * The {@code <svg>} element: standalone with its namespaces and {@code xlink:href} for older viewers, or
     * for inlining in HTML (no namespace declarations, which HTML does not need, and SVG 2's {@code href}).
     */
    String svgElement(boolean standalone) {
        Svg s = new Svg();
        s.raw("<svg");
        if (standalone) s.raw(" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
        s.raw(" width=\"").num(width).raw("\" height=\"").num(height).raw("\" viewBox=\"0 0 ").num(width).raw(" ")
                .num(height).raw("\" font-family=\"").raw(FONT_FAMILY).raw("\" role=\"img\">\n");
        if (!title.isEmpty()) s.raw("<title>").text(title).raw("</title>\n");
        s.raw("<rect width=\"").num(width).raw("\" height=\"").num(height).raw("\" fill=\"#ffffff\"/>\n");
        for (Mark m : marks) {
            switch (m) {
                case Mark.Line l -> {
                    s.raw("<line x1=\"").num(l.x1()).raw("\" y1=\"").num(l.y1()).raw("\" x2=\"").num(l.x2())
                            .raw("\" y2=\"").num(l.y2()).raw("\" stroke=\"").raw(Palette.hex(l.color()))
                            .raw("\" stroke-width=\"").num(l.width()).raw("\"");
                    if (l.dashed()) s.raw(" stroke-dasharray=\"5 4\"");
                    s.raw("/>\n");
                }
                case Mark.Polyline p -> {
                    s.raw("<polyline points=\"");
                    for (int i = 0; i < p.xs().length; i++) {
                        if (i > 0) s.raw(" ");
                        s.num(p.xs()[i]).raw(",").num(p.ys()[i]);
                    }
                    s.raw("\" fill=\"none\" stroke=\"").raw(Palette.hex(p.color())).raw("\" stroke-width=\"")
                            .num(p.width()).raw("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
                }
                case Mark.Rect r -> {
                    s.raw("<rect x=\"").num(r.x()).raw("\" y=\"").num(r.y()).raw("\" width=\"").num(r.w())
                            .raw("\" height=\"").num(r.h()).raw("\" fill=\"")
                            .raw(r.fill() == Mark.NONE ? "none" : Palette.hex(r.fill())).raw("\"");
                    if (r.stroke() != Mark.NONE) {
                        s.raw(" stroke=\"").raw(Palette.hex(r.stroke())).raw("\" stroke-width=\"").num(r.strokeWidth())
                                .raw("\"");
                    }
                    s.raw("/>\n");
                }
                case Mark.Dot d -> {
                    double[] c = d.shape().corners(d.x(), d.y(), d.r());
                    if (c.length == 0) {
                        s.raw("<circle cx=\"").num(d.x()).raw("\" cy=\"").num(d.y()).raw("\" r=\"").num(d.r()).raw("\"");
                    } else {
                        s.raw("<polygon points=\"");
                        for (int i = 0; i < c.length; i += 2) {
                            if (i > 0) s.raw(" ");
                            s.num(c[i]).raw(",").num(c[i + 1]);
                        }
                        s.raw("\"");
                    }
                    s.raw(" fill=\"").raw(Palette.hex(d.fill())).raw("\"");
                    if (d.opacity() < 1) s.raw(" fill-opacity=\"").num(d.opacity()).raw("\"");
                    if (d.stroke() != Mark.NONE) s.raw(" stroke=\"").raw(Palette.hex(d.stroke())).raw("\" stroke-width=\"1\"");
                    s.raw("/>\n");
                }
                case Mark.Text t -> {
                    s.raw("<text x=\"").num(t.x()).raw("\" y=\"").num(t.y()).raw("\" font-size=\"").num(t.size()).raw("\"");
                    if (t.anchor() != Mark.Anchor.START) {
                        s.raw(" text-anchor=\"").raw(t.anchor() == Mark.Anchor.MIDDLE ? "middle" : "end").raw("\"");
                    }
                    if (t.bold()) s.raw(" font-weight=\"bold\"");
                    if (t.color() != 0) s.raw(" fill=\"").raw(Palette.hex(t.color())).raw("\"");
                    if (t.angle() != 0) {
                        s.raw(" transform=\"rotate(").num(t.angle()).raw(" ").num(t.x()).raw(" ").num(t.y()).raw(")\"");
                    }
                    s.raw(">").text(t.text()).raw("</text>\n");
                }
                case Mark.Raster r -> {
                    s.raw("<image x=\"").num(r.x()).raw("\" y=\"").num(r.y()).raw("\" width=\"").num(r.w())
                            .raw("\" height=\"").num(r.h()).raw("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" ")
                            .raw(standalone ? "xlink:href" : "href").raw("=\"data:image/png;base64,")
                            .raw(Base64.getEncoder().encodeToString(r.png())).raw("\"/>\n");
                }
            }
        }
        s.raw("</svg>\n");
        return s.toString();
    }

    /** The figure as PNG bytes, one pixel per unit. */
    public byte[] png() {
        return png(1);
    }

    /**
     * The figure as PNG bytes, {@code scale} pixels per unit (2 for high-density screens).
     * @throws IllegalArgumentException when {@code scale} is not in [1, 8]
     */
    public byte[] png(int scale) {
        return encodePng(render(scale));
    }

    /**
     * Paints the figure with Java2D, {@code scale} pixels per unit, on white.
     * @throws IllegalArgumentException when {@code scale} is not in [1, 8]
     */
    BufferedImage render(int scale) {
        Require.inRange("scale", scale, 1, 8);
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.scale(scale, scale);
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, width, height));
            for (Mark m : marks) paint(g, m);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void paint(Graphics2D g, Mark mark) {
        switch (mark) {
            case Mark.Line l -> {
                g.setColor(new Color(l.color()));
                g.setStroke(l.dashed()
                        ? new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f)
                        : new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
            }
            case Mark.Polyline p -> {
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i < p.xs().length; i++) {
                    if (i == 0) path.moveTo(p.xs()[i], p.ys()[i]);
                    else path.lineTo(p.xs()[i], p.ys()[i]);
                }
                g.setColor(new Color(p.color()));
                g.setStroke(new BasicStroke((float) p.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(path);
            }
            case Mark.Rect r -> {
                Rectangle2D.Double rect = new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h());
                if (r.fill() != Mark.NONE) {
                    g.setColor(new Color(r.fill()));
                    g.fill(rect);
                }
                if (r.stroke() != Mark.NONE) {
                    g.setColor(new Color(r.stroke()));
                    g.setStroke(new BasicStroke((float) r.strokeWidth()));
                    g.draw(rect);
                }
            }
            case Mark.Dot d -> {
                double[] c = d.shape().corners(d.x(), d.y(), d.r());
                java.awt.Shape shape;
                if (c.length == 0) {
                    shape = new Ellipse2D.Double(d.x() - d.r(), d.y() - d.r(), 2 * d.r(), 2 * d.r());
                } else {
                    Path2D.Double path = new Path2D.Double();
                    path.moveTo(c[0], c[1]);
                    for (int i = 2; i < c.length; i += 2) path.lineTo(c[i], c[i + 1]);
                    path.closePath();
                    shape = path;
                }
                int alpha = (int) Math.round(d.opacity() * 255);
                g.setColor(new Color((alpha << 24) | d.fill(), true));
                g.fill(shape);
                if (d.stroke() != Mark.NONE) {
                    g.setColor(new Color(d.stroke()));
                    g.setStroke(new BasicStroke(1f));
                    g.draw(shape);
                }
            }
            case Mark.Text t -> {
                Font font = new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) t.size());
                g.setFont(font);
                g.setColor(new Color(t.color()));
                FontMetrics fm = g.getFontMetrics();
                double w = fm.getStringBounds(t.text(), g).getWidth();
                double dx = switch (t.anchor()) {
                    case START -> 0;
                    case MIDDLE -> -w / 2;
                    case END -> -w;
                };
                AffineTransform saved = g.getTransform();
                if (t.angle() != 0) g.rotate(Math.toRadians(t.angle()), t.x(), t.y());
                g.drawString(t.text(), (float) (t.x() + dx), (float) t.y());
                g.setTransform(saved);
            }
            case Mark.Raster r -> {
                AffineTransform saved = g.getTransform();
                g.translate(r.x(), r.y());
                g.scale(r.w() / r.image().getWidth(), r.h() / r.image().getHeight());
                g.drawImage(r.image(), 0, 0, null);
                g.setTransform(saved);
            }
        }
    }

    /** PNG bytes of {@code image}. */
    static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer is available");
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** Writes {@link #svg()} to {@code file} atomically and returns {@code file}. */
    public Path writeSvg(Path file) throws IOException {
        byte[] bytes = svg().getBytes(StandardCharsets.UTF_8);
        AtomicWrites.write(file, out -> out.write(bytes));
        return file;
    }

    /** Writes {@link #png()} to {@code file} atomically and returns {@code file}. */
    public Path writePng(Path file) throws IOException {
        byte[] bytes = png();
        AtomicWrites.write(file, out -> out.write(bytes));
        return file;
    }

    /**
     * Writes {@code name.svg} and {@code name.png} into the existing folder {@code dir}; returns both paths,
     * SVG first.
     */
    public List<Path> write(Path dir, String name) throws IOException {
        Require.notNull("dir", dir);
        Require.argument(name != null && !name.isBlank(), "name must not be blank");
        return List.of(writeSvg(dir.resolve(name + ".svg")), writePng(dir.resolve(name + ".png")));
    }

    @Override
    public String toString() {
        return "Figure " + width + " x " + height + (title.isEmpty() ? "" : ": " + title);
    }
}
