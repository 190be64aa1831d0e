#!/usr/bin/env bash
# Benchmark: mining engines fpgrowth (MLlib) vs eclat, same data, in one JVM (local[2]).
#   jobs/bench-engines.sh                                   Groceries and agrawal-100k at 0.001 / 0.5, eclat partition sweep
#   jobs/bench-engines.sh FILE MIN_SUPPORT MIN_CONFIDENCE [PARTITIONS [SWEEP]]   any txn_id,item CSV (.gz allowed); SWEEP e.g. 1,4,8
# BENCH_ORDER=fpgrowth-first runs the reference first (default eclat-first: eclat pays the JVM's warm-up).
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh
run() {
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dbench.order=${BENCH_ORDER:-eclat-first}" \
    bench io.crmaffinity.bench.EngineBenchmark "$@"
}
if [[ $# -gt 0 ]]; then
  run "$@"
else
  run "$DATASETS/groceries/transactions.csv" 0.001 0.5 2 1,4,8
  run "$DATASETS/agrawal-100k/transactions.csv.gz" 0.001 0.5 2 1,4,8,16,32
fi
