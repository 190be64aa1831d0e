#!/usr/bin/env bash
# Submits crm-affinity to a Spark 3.5 or Spark 4 cluster (standalone, YARN or Kubernetes) with spark-submit.
#   SPARK_HOME=/opt/spark jobs/submit.sh --master spark://host:7077 -- run --config conf/cluster.conf --run-date 2025-12-31
#   SPARK_HOME=/opt/spark jobs/submit.sh --master yarn --deploy-mode cluster --files conf/cluster.conf -- run --config cluster.conf
# Options before "--" go to spark-submit, everything after it to crm-affinity. The application jar is built
# when missing (mvn package). Spark itself comes from the cluster: the jar holds only crm-affinity, Delta
# Lake, picocli and Typesafe Config.
# The jar must match the cluster's Spark: the Spark 3.5 build (Scala 2.12) or the Spark 4 build (Scala 2.13,
# mvn -Pspark-4). This script asks `spark-submit --version` and takes the matching one; CRM_AFFINITY_SPARK=3.5
# or =4 overrides the detection.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) or Spark 4 (Scala 2.13) installation}"
LINE=${CRM_AFFINITY_SPARK:-}
if [[ -z "$LINE" ]]; then
  VERSION=$("$SPARK_HOME/bin/spark-submit" --version 2>&1 | grep -oE 'version [0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)
  VERSION=${VERSION#version }
  case "$VERSION" in
    3.5.*) LINE=3.5 ;;
    4.*) LINE=4 ;;
    *) echo "crm-affinity: $SPARK_HOME/bin/spark-submit --version says Spark '${VERSION:-?}'; builds exist for" \
         "Spark 3.5 and 4 (set CRM_AFFINITY_SPARK=3.5 or 4 to choose one)" >&2; exit 2 ;;
  esac
fi
source jobs/spark-build.sh
use_spark_build "$LINE"
echo "crm-affinity: Spark ${VERSION:-$LINE} cluster, submitting $JAR" >&2

SUBMIT_ARGS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  SUBMIT_ARGS+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift
[[ $# -eq 0 ]] && set -- run

# spark-submit gives executors the Java 17 flags itself; a driver the cluster starts (--deploy-mode cluster)
# needs them passed explicitly. They are harmless in client mode.
FLAGS=$(cat "$BUILD_DIR/spark-jvm-flags.txt")
exec "$SPARK_HOME/bin/spark-submit" \
  --class io.crmaffinity.cli.Main \
  --conf "spark.driver.extraJavaOptions=$FLAGS" \
  --conf "spark.executor.extraJavaOptions=$FLAGS" \
  "${SUBMIT_ARGS[@]}" \
  "$JAR" "$@"
