package io.crmaffinity.customer;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over positive parameters: commons-math3's Nelder-Mead simplex on the parameters'
 * logarithms (so every step stays positive), restarted from its own optimum until a restart no longer
 * improves the log-likelihood — a single Nelder-Mead run can stall on the weakly determined parameters (BG/NBD's
 * a and b). Parameters are kept in [1e-8, 1e8]; the fit reports when one ends at that edge.
 */
final class LogSpaceOptimizer {
  static final double LOG_BOUND = Math.log(1e8);

  private LogSpaceOptimizer() {}

  /** Result: the parameters (not logs), the maximised log-likelihood, evaluations, and whether one hit the edge. */
  record Result(double[] params, double logLikelihood, int evaluations, boolean atBound) {}

  static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
    int dims = start.length;
    double[] x = new double[dims];
    for (int i = 0; i < dims; i++) {
      x[i] = Math.log(start[i]);
    }
    ObjectiveFunction f = new ObjectiveFunction(logs -> {
      double[] p = new double[dims];
      for (int i = 0; i < dims; i++) {
        if (!(Math.abs(logs[i]) <= LOG_BOUND)) {
          return 1e300;
        }
        p[i] = Math.exp(logs[i]);
      }
      double ll = logLikelihood.applyAsDouble(p);
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
    boolean atBound = false;
    for (int i = 0; i < dims; i++) {
      params[i] = Math.exp(x[i]);
      atBound |= Math.abs(x[i]) > LOG_BOUND - 0.5;
    }
    return new Result(params, -best, evaluations, atBound);
  }
}
