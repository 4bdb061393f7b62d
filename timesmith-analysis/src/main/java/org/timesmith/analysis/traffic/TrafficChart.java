package org.timesmith.analysis.traffic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A chart as a list of marks in pixel coordinates (origin top left), drawn the same way as SVG
 * text (for stories and browsers) and as PNG (for reports and mail) through Java2D, which is part
 * of the JDK: one drawing, two outputs, no charting dependency. {@link TrafficCharts} builds the
 * charts of a traffic report.
 */
public record TrafficChart(String name, String title, int width, int height, List<Mark> marks) {

    public TrafficChart {
        marks = List.copyOf(marks);
    }

    /** What a chart is drawn from; colours are {@code #rrggbb}. */
    public sealed interface Mark {
    }

    /** An open polyline. */
    public record Line(double[] xs, double[] ys, String color, double width, double opacity) implements Mark {
    }

    public record Rect(double x, double y, double width, double height, String color) implements Mark {
    }

    /** Text whose baseline starts ({@code anchor} start), centres (middle) or ends (end) at x. */
    public record Text(double x, double y, String text, String anchor, int size, String color) implements Mark {
    }

    public String svg() {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><title>%s</title>"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>", width, height, width, height, escape(title)));
        for (Mark mark : marks) {
            switch (mark) {
                case Line l -> {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append('"')
                            .append(String.format(Locale.ROOT, " stroke-width=\"%.1f\" stroke-opacity=\"%.2f\" points=\"",
                                    l.width(), l.opacity()));
                    for (int i = 0; i < l.xs().length; i++) {
                        svg.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", l.xs()[i], l.ys()[i]));
                    }
                    svg.append("\"/>");
                }
                case Rect r -> svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        r.x(), r.y(), r.width(), r.height(), r.color()));
                case Text t -> svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s</text>",
                        t.x(), t.y(), t.size(), t.color(), t.anchor(), escape(t.text())));
            }
        }
        return svg.append("</svg>").toString();
    }

    public byte[] png() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (Mark mark : marks) {
                switch (mark) {
                    case Line l -> {
                        Path2D.Double path = new Path2D.Double();
                        for (int i = 0; i < l.xs().length; i++) {
                            if (i == 0) {
                                path.moveTo(l.xs()[i], l.ys()[i]);
                            } else {
                                path.lineTo(l.xs()[i], l.ys()[i]);
                            }
                        }
                        g.setColor(color(l.color(), l.opacity()));
                        g.setStroke(new BasicStroke((float) l.width()));
                        g.draw(path);
                    }
                    case Rect r -> {
                        g.setColor(color(r.color(), 1));
                        g.fill(new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height()));
                    }
                    case Text t -> {
                        g.setColor(color(t.color(), 1));
                        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, t.size()));
                        double w = g.getFontMetrics().stringWidth(t.text());
                        double x = switch (t.anchor()) {
                            case "middle" -> t.x() - w / 2;
                            case "end" -> t.x() - w;
                            default -> t.x();
                        };
                        g.drawString(t.text(), (float) x, (float) t.y());
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Color color(String hex, double opacity) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, (int) Math.round(255 * opacity));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Collects marks for a plot area with axes: data coordinates map linearly into the area. */
    static final class Canvas {
        static final String AXIS = "#555555";
        final List<Mark> marks = new ArrayList<>();
        final double left;
        final double top;
        final double right;
        final double bottom;
        final double xMin;
        final double xMax;
        final double yMin;
        final double yMax;

        Canvas(int width, int height, double xMin, double xMax, double yMin, double yMax) {
            this.left = 64;
            this.top = 36;
            this.right = width - 16;
            this.bottom = height - 40;
            this.xMin = xMin;
            this.xMax = xMax == xMin ? xMin + 1 : xMax;
            this.yMin = yMin;
            this.yMax = yMax == yMin ? yMin + 1 : yMax;
        }

        double x(double value) {
            return left + (value - xMin) / (xMax - xMin) * (right - left);
        }

        double y(double value) {
            return bottom - (value - yMin) / (yMax - yMin) * (bottom - top);
        }

        void title(String text) {
            marks.add(new Text(left, 22, text, "start", 14, "#222222"));
        }

        /** Axes with ticks: {@code xTicks} pairs of position and label; y gets five ticks. */
        void axes(List<Double> xTickValues, List<String> xTickLabels, String xLabel, String yLabel) {
            marks.add(new Line(new double[] {left, left, right}, new double[] {top, bottom, bottom}, AXIS, 1, 1));
            for (int i = 0; i < xTickValues.size(); i++) {
                double x = x(xTickValues.get(i));
                marks.add(new Line(new double[] {x, x}, new double[] {bottom, bottom + 4}, AXIS, 1, 1));
                marks.add(new Text(x, bottom + 16, xTickLabels.get(i), "middle", 10, AXIS));
            }
            for (int i = 0; i <= 4; i++) {
                double value = yMin + (yMax - yMin) * i / 4;
                double y = y(value);
                marks.add(new Line(new double[] {left - 4, left}, new double[] {y, y}, AXIS, 1, 1));
                marks.add(new Text(left - 6, y + 3, number(value), "end", 10, AXIS));
            }
            marks.add(new Text((left + right) / 2, bottom + 32, xLabel, "middle", 11, AXIS));
            marks.add(new Text(left, top - 4, yLabel, "start", 10, AXIS));
        }

        static String number(double value) {
            double abs = Math.abs(value);
            if (abs >= 1e9) {
                return String.format(Locale.ROOT, "%.1fG", value / 1e9);
            }
            if (abs >= 1e6) {
                return String.format(Locale.ROOT, "%.1fM", value / 1e6);
            }
            if (abs >= 1e4) {
                return String.format(Locale.ROOT, "%.0fk", value / 1e3);
            }
            return abs >= 10 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                    : String.format(Locale.ROOT, "%.2f", value);
        }
    }
}
