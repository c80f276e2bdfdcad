package dev.scimbus.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart rendered with java.awt into a PNG: one group per category (scenario), one
 * bar per series (backend). Plain Java2D keeps the load-test tooling free of Python or plotting
 * libraries; it runs headless ({@code -Djava.awt.headless=true}).
 */
public record BarChart(String title, String unit, List<String> categories, List<String> series, double[][] values) {

  private static final Color[] PALETTE = {
      new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759),
      new Color(0x76B7B2), new Color(0xEDC948), new Color(0xB07AA1), new Color(0x9C755F)};
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 70;
  private static final int BOTTOM = 60;

  /** {@code values[s][c]} is series {@code s} in category {@code c}; NaN means "not measured". */
  public BarChart {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
  }

  public void write(Path file) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      draw(g);
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);

    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double top = niceCeiling(maxValue());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    int ticks = 5;
    for (int i = 0; i <= ticks; i++) {
      double v = top * i / ticks;
      int y = TOP + plotH - (int) Math.round(plotH * (v / top));
      g.setColor(new Color(0xE0E0E0));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      String label = format(v);
      g.drawString(label, LEFT - 6 - fm.stringWidth(label), y + fm.getAscent() / 2);
    }
    g.drawString(unit, 8, TOP - 12);

    int groups = Math.max(1, categories.size());
    double groupW = (double) plotW / groups;
    double barW = groupW * 0.8 / Math.max(1, series.size());
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * groupW + groupW * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = values[s][c];
        if (Double.isNaN(v)) {
          continue;
        }
        int h = (int) Math.round(plotH * (v / top));
        int x = (int) Math.round(gx + s * barW);
        g.setColor(PALETTE[s % PALETTE.length]);
        g.fillRect(x, TOP + plotH - h, Math.max(1, (int) barW - 2), h);
      }
      g.setColor(Color.BLACK);
      String name = categories.get(c);
      g.drawString(name, (int) (LEFT + c * groupW + (groupW - fm.stringWidth(name)) / 2), TOP + plotH + 18);
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
    g.drawLine(LEFT, TOP, LEFT, TOP + plotH);

    int lx = LEFT;
    int ly = TOP + plotH + 42;
    for (int s = 0; s < series.size(); s++) {
      g.setColor(PALETTE[s % PALETTE.length]);
      g.fillRect(lx, ly - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s), lx + 16, ly);
      lx += 28 + fm.stringWidth(series.get(s));
    }
  }

  private double maxValue() {
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    return max;
  }

  /** Rounds the axis top up to 1, 2 or 5 times a power of ten so tick labels stay readable. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double exp = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * exp >= v) {
        return m * exp;
      }
    }
    return 10 * exp;
  }

  private static String format(double v) {
    if (v >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
