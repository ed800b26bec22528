package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency-by-percentile chart, HdrHistogram-plot style: x is {@code 1 / (1 - p)} on a log scale,
 * so each decade is one more nine (labels 0%, 90%, 99%, 99.9% ...). XChart's own log axis picks
 * linear tick positions under a custom label function, so the chart plots {@code log10(1/(1-p))} (the
 * "number of nines") on a linear axis with one tick per nine instead. y is latency in microseconds
 * (log scale, because a 70 us median and a 10 ms outlier belong on one chart). One series per backend
 * and one for fio, each the median of rounds at every percentile. A percentile is drawn only when the
 * round had enough operations to resolve it ({@code 1/(1-p) <= ops}). Rendered headless (XChart on
 * Java2D: the launcher and tests set java.awt.headless=true).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class LatencyPlot {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 700;

    private LatencyPlot() {
    }

    /** Writes the chart as PNG, or SVG when {@code file} ends in ".svg". */
    public static void write(BenchReport report, String title, Path file) throws IOException {
        XYChart chart = chart(report, title);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }

    static XYChart chart(BenchReport report, String title) {
        MachineFacts m = report.machine();
        String facts = String.format(Locale.ROOT, "kernel %s, %s on %s, fua=%s, write_cache=%s", m.kernel(),
            m.filesystem(), m.device(), m.fua() == null ? "?" : m.fua(), m.writeCache() == null ? "?" : m.writeCache());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + " | " + facts)
            .xAxisTitle("percentile").yAxisTitle("latency (us)").build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false).setYAxisDecimalPattern("#,##0");
        chart.getStyler().setxAxisTickLabelsFormattingFunction(LatencyPlot::percentileLabel);
        double maxNines = 1;
        List<BenchResult> rows = new ArrayList<>(report.results());
        report.fio().ifPresent(rows::add);
        for (BenchResult r : rows) {
            RoundSample s = r.median();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map.Entry<Double, Double> e : s.latencyUsByPercentile().entrySet()) {
                double x = 1.0 / (1.0 - e.getKey() / 100.0);
                // 1/(1-0.999) is 1000.0000000000009 in doubles: compare with a relative tolerance.
                if (x <= s.ops() * (1 + 1e-9)) {
                    xs.add(Math.log10(x));
                    maxNines = Math.max(maxNines, Math.ceil(Math.log10(x) - 1e-9));
                    ys.add(e.getValue());
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(r.backend(), xs, ys);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(maxNines);
        // One tick per nine: the hint is the minimum pixel distance between ticks.
        chart.getStyler().setXAxisTickMarkSpacingHint((int) (WIDTH * 0.8 / maxNines) - 1);
        return chart;
    }

    /** The percentile at {@code nines = log10(1/(1-p))}: 0 -> "0%", 1 -> "90%", 3 -> "99.9%". */
    static String percentileLabel(double nines) {
        double p = 100.0 * (1.0 - Math.pow(10, -nines));
        String s = String.format(Locale.ROOT, "%.4f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
