#!/usr/bin/env bash
# Benchmark: rule scoring time as a share of FPGrowth mining time, in one JVM (local[2]).
#   jobs/bench-scoring.sh                                   Groceries at 0.001 / 0.5 and agrawal-100k at 0.001 / 0.5
#   jobs/bench-scoring.sh FILE MIN_SUPPORT MIN_CONFIDENCE   any txn_id,item CSV (.gz allowed)
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh
run() {
  bench io.crmaffinity.bench.ScoringBenchmark "$@"
}
if [[ $# -gt 0 ]]; then
  run "$@"
else
  run "$DATASETS/groceries/transactions.csv" 0.001 0.5 5
  run "$DATASETS/agrawal-100k/transactions.csv.gz" 0.001 0.5 5
fi
