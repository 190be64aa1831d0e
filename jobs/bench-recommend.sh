#!/usr/bin/env bash
# Benchmarks of the recommendations stage, in one JVM each (local[2]).
#   jobs/bench-recommend.sh                                       scale: 1M customers x 100k rules, mining beside it
#   jobs/bench-recommend.sh scale CUSTOMERS RULES PRODUCTS MIN_SUPPORT
#   jobs/bench-recommend.sh sweep CONF CUTOFF... [--set KEY=VALUE]...   backtest recommend.* variants (similar items on/off, its options)
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh
case "${1:-scale}" in
  sweep)
    shift
    bench io.crmaffinity.bench.RecommendSweep "$@"
    ;;
  scale)
    [[ $# -gt 0 ]] && shift
    if [[ $# -gt 0 ]]; then
      bench io.crmaffinity.bench.RecommendBenchmark "$@"
    else
      bench io.crmaffinity.bench.RecommendBenchmark 1000000 100000 20000 0.001
    fi
    ;;
  *)
    echo "usage: $0 [scale [CUSTOMERS RULES PRODUCTS MIN_SUPPORT] | sweep CONF CUTOFF... [--set KEY=VALUE]...]" >&2
    exit 2
    ;;
esac
