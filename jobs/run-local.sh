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
CLASSPATH_="$JAR:$(cat "$BUILD_DIR/spark-classpath.txt")"

# Class data sharing (see docs/operations.md): the first `run` after a build archives the classes it loaded
# (Spark, Delta, Scala, the job's own) in $BUILD_DIR/cds/; later runs map the archive instead of loading and
# verifying those classes again, which saves about 3-4 s of every run. CRM_AFFINITY_CDS=0 turns it off.
CDS=()
DUMP=""
if [[ "${CRM_AFFINITY_CDS:-1}" != 0 ]]; then
  key=$( { command -v java; echo "${JAVA_HOME:-}"; echo "$CLASSPATH_"; stat -c '%s %Y' "$JAR"; } | sha1sum \
    | cut -c1-16)
  archive="$BUILD_DIR/cds/$key.jsa"
  if [[ -f "$archive" ]]; then
    CDS=(-XX:SharedArchiveFile="$archive")
  elif [[ "${1:-}" == run ]]; then
    mkdir -p "$BUILD_DIR/cds"
    DUMP="$BUILD_DIR/cds/$key.$$.tmp"
    CDS=(-XX:ArchiveClassesAtExit="$DUMP")
  fi
  # The JVM's notes about classes it cannot archive (generated, signed) are not the user's concern.
  CDS+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
fi

RUN=(java "${JVM_FLAGS[@]}" "${CDS[@]}" ${CRM_AFFINITY_JAVA_OPTS:--Xmx4g}
  -Dlog4j2.configurationFile=conf/log4j2.properties -cp "$CLASSPATH_" io.crmaffinity.cli.Main "$@")
if [[ -z "$DUMP" ]]; then
  exec "${RUN[@]}"
fi
# This run writes the archive when it ends, so the script waits for it (a scheduler's stop signal is passed on).
"${RUN[@]}" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
status=0
wait "$child" || status=$?
while kill -0 "$child" 2>/dev/null; do
  status=0
  wait "$child" || status=$?
done
# Only a run that ended well leaves its archive, and only one archive is kept (the one of the current build).
if [[ $status -eq 0 && -s "$DUMP" ]]; then
  find "$BUILD_DIR/cds" -name '*.jsa' -delete
  mv -f "$DUMP" "$archive"
fi
rm -f "$DUMP"
exit $status
