#!/usr/bin/env bash
# Benchmark: rule scoring time as a share of FPGrowth mining time, in one JVM (local[2]).
#   jobs/bench-scoring.sh                                   Groceries at 0.001 / 0.5 and agrawal-100k at 0.001 / 0.5
#   jobs/bench-scoring.sh FILE MIN_SUPPORT MIN_CONFIDENCE   any txn_id,item CSV (.gz allowed)
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS="${CRM_DATASETS:-../shared/datasets}"

mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test >&2
mvn -q -B -DskipTests package >&2
read -r -a JVM_FLAGS < target/spark-jvm-flags.txt
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
run() {
  SPARK_LOCAL_IP=127.0.0.1 java "${JVM_FLAGS[@]}" -Xmx8g -Dlog4j2.configurationFile=conf/log4j2.properties \
    -cp "$CP" io.crmaffinity.bench.ScoringBenchmark "$@"
}
if [[ $# -gt 0 ]]; then
  run "$@"
else
  run "$DATASETS/groceries/transactions.csv" 0.001 0.5 5
  run "$DATASETS/agrawal-100k/transactions.csv.gz" 0.001 0.5 5
fi
