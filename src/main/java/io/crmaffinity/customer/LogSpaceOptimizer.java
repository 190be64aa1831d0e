package io.crmaffinity.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over positive parameters in a box: commons-math3's Nelder-Mead simplex on the parameters'
 * logarithms (so every step stays positive), restarted from its own optimum until a restart no longer
 * improves the log-likelihood — a single Nelder-Mead run can stall on weakly determined parameters (BG/NBD's
 * a and b). Outside the box the objective is a wall, so a parameter the likelihood would push to 0 or ∞ stops at
 * the box's edge, where the caller sees it ({@link Result#atLower}, {@link Result#atUpper}).
 */
final class LogSpaceOptimizer {
  /**
   * How close (in natural-log units, a factor e^0.5 ≈ 1.65) to an edge counts as "at" it: a parameter the
   * likelihood pushes outward ends within 1e-6 of the wall, one merely large or small stays well inside.
   */
  static final double EDGE = 0.5;

  private LogSpaceOptimizer() {}

  /**
   * Result: the parameters (not logs), the maximised objective, evaluations, and per parameter whether it ended at
   * the lower or upper edge of the box.
   */
  record Result(double[] params, double logLikelihood, int evaluations, boolean[] atLower, boolean[] atUpper) {
    boolean atBound() {
      for (int i = 0; i < params.length; i++) {
        if (atLower[i] || atUpper[i]) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The curvature of the objective in log-parameter space at a point: the eigenvalues of the negative Hessian
   * (ascending) with their eigenvectors (rows), and the gradient. A sharp maximum has all eigenvalues clearly
   * positive; an eigenvalue near 0 is a direction along which the objective is flat (the parameters combined
   * that way are not determined by the data), a negative one means the point is not a maximum.
   */
  record Curvature(double[] eigenvalues, double[][] eigenvectors, double[] gradient) {
    double smallest() {
      return eigenvalues[0];
    }
  }

  static Result maximise(ToDoubleFunction<double[]> objective, double[] start, double[] lower, double[] upper) {
    int dims = start.length;
    double[] lo = new double[dims];
    double[] hi = new double[dims];
    double[] x = new double[dims];
    for (int i = 0; i < dims; i++) {
      lo[i] = Math.log(lower[i]);
      hi[i] = Math.log(upper[i]);
      x[i] = Math.min(hi[i], Math.max(lo[i], Math.log(start[i])));
    }
    ObjectiveFunction f = new ObjectiveFunction(logs -> {
      double[] p = new double[dims];
      for (int i = 0; i < dims; i++) {
        if (!(logs[i] >= lo[i] && logs[i] <= hi[i])) {
          return 1e300;
        }
        p[i] = Math.exp(logs[i]);
      }
      double ll = objective.applyAsDouble(p);
      return Double.isFinite(ll) ? -ll : 1e300;
    });
    double best = f.getObjectiveFunction().value(x);
    int evaluations = 1;
    for (int round = 0; round < 20; round++) {
      SimplexOptimizer opt = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-13));
      PointValuePair p = opt.optimize(new MaxEval(100_000), f, GoalType.MINIMIZE, new InitialGuess(x),
          new NelderMeadSimplex(dims, round == 0 ? 0.5 : 0.05));
      evaluations += opt.getEvaluations();
      boolean improved = best - p.getValue() > 1e-10;
      if (p.getValue() <= best) {
        x = p.getPoint();
        best = p.getValue();
      }
      if (!improved && round > 0) {
        break;
      }
    }
    double[] params = new double[dims];
    boolean[] atLower = new boolean[dims];
    boolean[] atUpper = new boolean[dims];
    for (int i = 0; i < dims; i++) {
      params[i] = Math.exp(x[i]);
      atLower[i] = x[i] < lo[i] + EDGE;
      atUpper[i] = x[i] > hi[i] - EDGE;
    }
    return new Result(params, -best, evaluations, atLower, atUpper);
  }

  /**
   * Central differences of the objective in log-parameter space at {@code params}, step {@code step} in log
   * units (1e-3: the objective's rounding, about 1e-16 of its size, stays far below step² of its curvature).
   */
  static Curvature curvature(ToDoubleFunction<double[]> objective, double[] params, double step) {
    int d = params.length;
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = Math.log(params[i]);
    }
    ToDoubleFunction<double[]> f = logs -> {
      double[] p = new double[d];
      for (int i = 0; i < d; i++) {
        p[i] = Math.exp(logs[i]);
      }
      return objective.applyAsDouble(p);
    };
    double f0 = f.applyAsDouble(x);
    double[] gradient = new double[d];
    double[][] negHessian = new double[d][d];
    for (int i = 0; i < d; i++) {
      double fp = f.applyAsDouble(shift(x, i, step, -1, 0));
      double fm = f.applyAsDouble(shift(x, i, -step, -1, 0));
      gradient[i] = (fp - fm) / (2 * step);
      negHessian[i][i] = -(fp - 2 * f0 + fm) / (step * step);
      for (int j = 0; j < i; j++) {
        double v = -(f.applyAsDouble(shift(x, i, step, j, step)) - f.applyAsDouble(shift(x, i, step, j, -step))
            - f.applyAsDouble(shift(x, i, -step, j, step)) + f.applyAsDouble(shift(x, i, -step, j, -step)))
            / (4 * step * step);
        negHessian[i][j] = v;
        negHessian[j][i] = v;
      }
    }
    for (double[] row : negHessian) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          double[] nan = new double[d];
          java.util.Arrays.fill(nan, Double.NaN);
          return new Curvature(nan, new double[d][d], gradient);
        }
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(negHessian));
    double[] values = eigen.getRealEigenvalues();
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
    double[] sorted = new double[d];
    double[][] vectors = new double[d][];
    for (int i = 0; i < d; i++) {
      sorted[i] = values[order[i]];
      RealVector v = eigen.getEigenvector(order[i]);
      vectors[i] = v.toArray();
    }
    return new Curvature(sorted, vectors, gradient);
  }

  /**
   * Curvature (of the log-likelihood, per squared natural-log unit) below which a direction counts as flat:
   * moving the parameters along it by a factor of 10 changes the log-likelihood by less than 1,
   * λ·(ln 10)²/2 &lt; 1 — far less than any test would call a difference, so the data do not determine where
   * along that direction the parameters lie. CDNOW's BG/NBD fit has 7.4 there, its Gamma-Gamma fit 9.0.
   */
  static final double FLAT = 2 / (Math.log(10) * Math.log(10));

  /**
   * Null when {@code c} is the curvature of a clear maximum (every eigenvalue at least {@link #FLAT}); otherwise
   * the flattest direction in plain words, e.g. "scaling a and b up or down together by a factor of 10 changes
   * the log-likelihood by only 0.03".
   */
  static String flatness(Curvature c, String[] names) {
    if (Double.isNaN(c.smallest())) {
      return "the log-likelihood's curvature at the optimum could not be computed (not finite nearby)";
    }
    if (c.smallest() >= FLAT) {
      return null;
    }
    double[] v = c.eigenvectors()[0];
    List<String> up = new ArrayList<>();
    List<String> down = new ArrayList<>();
    int largest = 0;
    for (int i = 0; i < v.length; i++) {
      if (Math.abs(v[i]) > Math.abs(v[largest])) {
        largest = i;
      }
    }
    for (int i = 0; i < v.length; i++) {
      if (Math.abs(v[i]) >= 0.25) {
        (v[i] * v[largest] > 0 ? up : down).add(names[i]);
      }
    }
    String direction = down.isEmpty()
        ? (up.size() == 1 ? "changing " + up.get(0) : "scaling " + and(up) + " up or down together")
        : "raising " + and(up) + " while lowering " + and(down);
    double change = c.smallest() * Math.log(10) * Math.log(10) / 2;
    return change >= 0
        ? String.format(Locale.ROOT, "the log-likelihood is flat: %s by a factor of 10 changes it by only %.2g",
            direction, change)
        : String.format(Locale.ROOT, "the optimiser stopped where the log-likelihood is not at a maximum: %s"
            + " still raises it", direction);
  }

  private static String and(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  private static double[] shift(double[] x, int i, double di, int j, double dj) {
    double[] y = x.clone();
    y[i] += di;
    if (j >= 0) {
      y[j] += dj;
    }
    return y;
  }
}
