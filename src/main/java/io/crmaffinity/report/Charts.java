package io.crmaffinity.report;

import java.util.List;

/**
 * The data of the report's charts, serialised to JSON into the page; {@code report.js} draws each kind with
 * Apache ECharts. Colours are named per series so that the same thing has the same colour everywhere.
 */
public final class Charts {
  private Charts() {}

  /** One series of a bar chart. */
  public record Series(String name, List<Double> data, String color) {}

  /**
   * Bars by category, stacked when there are several series. {@code format} is how values read:
   * {@code count}, {@code money} or {@code seconds}.
   */
  public record Bar(String kind, List<String> categories, List<Series> series, boolean horizontal,
      String categoryAxis, String valueAxis, String format) {
    public Bar {
      kind = "bar";
    }

    public static Bar of(List<String> categories, List<Series> series, boolean horizontal, String categoryAxis,
        String valueAxis, String format) {
      return new Bar("bar", categories, series, horizontal, categoryAxis, valueAxis, format);
    }
  }

  /** The forecast's components stacked per month, with the 80 % interval as a band and the total as a line. */
  public record Forecast(String kind, List<String> months, List<Series> components, List<Double> low,
      List<Double> high, List<Double> total) {
    public Forecast {
      kind = "forecast";
    }

    public static Forecast of(List<String> months, List<Series> components, List<Double> low, List<Double> high,
        List<Double> total) {
      return new Forecast("forecast", months, components, low, high, total);
    }
  }

  /** One rule as a point: support, confidence, information gain, lift, the rule in words, its rank. */
  public record Point(double support, double confidence, double informationGain, double lift, String rule,
      int rank) {}

  /** Rules by support (x) and confidence (y), coloured by information gain from {@code min} to {@code max}. */
  public record Scatter(String kind, List<Point> points, double min, double max) {
    public Scatter {
      kind = "scatter";
    }

    public static Scatter of(List<Point> points, double min, double max) {
      return new Scatter("scatter", points, min, max);
    }
  }
}
