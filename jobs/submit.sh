#!/usr/bin/env bash
# Submits crm-affinity to a Spark 3.5 cluster (standalone, YARN or Kubernetes) with spark-submit.
#   SPARK_HOME=/opt/spark jobs/submit.sh --master spark://host:7077 -- run --config conf/cluster.conf --run-date 2025-12-31
#   SPARK_HOME=/opt/spark jobs/submit.sh --master yarn --deploy-mode cluster --files conf/cluster.conf -- run --config cluster.conf
# Options before "--" go to spark-submit, everything after it to crm-affinity. The application jar is built
# when missing (mvn package). Spark itself comes from the cluster: the jar holds only crm-affinity, Delta
# Lake, picocli and Typesafe Config.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) installation}"
JAR=target/crm-affinity-0.1.0-SNAPSHOT.jar
if [[ ! -f "$JAR" || ! -f target/spark-jvm-flags.txt ]]; then
  mvn -q -B -DskipTests package >&2
fi

SUBMIT_ARGS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  SUBMIT_ARGS+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift
[[ $# -eq 0 ]] && set -- run

# spark-submit gives executors the Java 17 flags itself; a driver the cluster starts (--deploy-mode cluster)
# needs them passed explicitly. They are harmless in client mode.
FLAGS=$(cat target/spark-jvm-flags.txt)
exec "$SPARK_HOME/bin/spark-submit" \
  --class io.crmaffinity.cli.Main \
  --conf "spark.driver.extraJavaOptions=$FLAGS" \
  --conf "spark.executor.extraJavaOptions=$FLAGS" \
  "${SUBMIT_ARGS[@]}" \
  "$JAR" "$@"
