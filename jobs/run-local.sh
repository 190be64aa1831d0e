#!/usr/bin/env bash
# Runs crm-affinity in Spark local mode on this machine, building it first when needed.
#   jobs/run-local.sh                       mine data-samples/ into output/ with conf/local.conf
#   jobs/run-local.sh run --run-date 2025-12-31 --set mining.min-support=0.02
#   CRM_AFFINITY_SPARK=4 jobs/run-local.sh  the same on Spark 4 (Scala 2.13); the default is Spark 3.5
# Needs only Java 17 and Maven: Spark comes from Maven as a library, no Spark installation is used.
set -euo pipefail
cd "$(dirname "$0")/.."

source jobs/spark-build.sh
use_spark_build "${CRM_AFFINITY_SPARK:-3.5}"

if [[ $# -eq 0 ]]; then
  set -- run --config conf/local.conf --run-date 2025-12-31
fi

# Local mode binds to loopback; without this Spark picks (and warns about) another interface.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# The JVM flags Java 17 needs for Spark live in one place, pom.xml's spark.jvm.flags.
read -r -a JVM_FLAGS < "$BUILD_DIR/spark-jvm-flags.txt"
exec java "${JVM_FLAGS[@]}" ${CRM_AFFINITY_JAVA_OPTS:--Xmx4g} \
  -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "$JAR:$(cat "$BUILD_DIR/spark-classpath.txt")" io.crmaffinity.cli.Main "$@"
