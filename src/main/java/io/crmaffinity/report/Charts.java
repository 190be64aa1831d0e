package io.crmaffinity.report;

import com.fasterxml.jackson.annotation.JsonProperty;
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
  public record Bar(List<String> categories, List<Series> series, boolean horizontal, String categoryAxis,
      String valueAxis, String format) {
    public static Bar of(List<String> categories, List<Series> series, boolean horizontal, String categoryAxis,
        String valueAxis, String format) {
      return new Bar(categories, series, horizontal, categoryAxis, valueAxis, format);
    }

    /** Which of report.js's drawing functions draws it. */
    @JsonProperty
    public String kind() {
      return "bar";
    }
  }

  /** The forecast's components stacked per month, with the 80 % interval as a band and the total as a line. */
  public record Forecast(List<String> months, List<Series> components, List<Double> low, List<Double> high,
      List<Double> total) {
    public static Forecast of(List<String> months, List<Series> components, List<Double> low, List<Double> high,
        List<Double> total) {
      return new Forecast(months, components, low, high, total);
    }

    @JsonProperty
    public String kind() {
      return "forecast";
    }
  }

  /** One rule as a point: support, confidence, information gain, lift, the rule in words, its rank. */
  public record Point(double support, double confidence, double informationGain, double lift, String rule,
      int rank) {}

  /** Rules by support (x) and confidence (y), coloured by information gain from {@code min} to {@code max}. */
  public record Scatter(List<Point> points, double min, double max) {
    public static Scatter of(List<Point> points, double min, double max) {
      return new Scatter(points, min, max);
    }

    @JsonProperty
    public String kind() {
      return "scatter";
    }
  }
}
