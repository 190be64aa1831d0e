#!/usr/bin/env bash
# Benchmark: mining engines fpgrowth (MLlib) vs eclat, same data, in one JVM (local[2]).
#   jobs/bench-engines.sh                                   Groceries and agrawal-100k at 0.001 / 0.5, eclat partition sweep
#   jobs/bench-engines.sh FILE MIN_SUPPORT MIN_CONFIDENCE [PARTITIONS [SWEEP]]   any txn_id,item CSV (.gz allowed); SWEEP e.g. 1,4,8
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
    -cp "$CP" io.crmaffinity.bench.EngineBenchmark "$@"
}
if [[ $# -gt 0 ]]; then
  run "$@"
else
  run "$DATASETS/groceries/transactions.csv" 0.001 0.5 2 1,4,8
  run "$DATASETS/agrawal-100k/transactions.csv.gz" 0.001 0.5 2 1,4,8,16,32
fi
