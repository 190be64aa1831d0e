# Sourced by the jobs/bench-*.sh scripts: builds the test classes and defines `bench CLASS ARGS...`, which
# runs a benchmark main class in one JVM with the project's Java 17 flags.
DATASETS="${CRM_DATASETS:-../shared/datasets}"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test >&2
# The application jar, built only when it is missing or older than the sources (as jobs/run-local.sh does).
source jobs/spark-build.sh
use_spark_build 3.5
read -r -a JVM_FLAGS < target/spark-jvm-flags.txt
BENCH_CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
bench() {
  local main=$1
  shift
  SPARK_LOCAL_IP=127.0.0.1 java "${JVM_FLAGS[@]}" -Xmx8g -Dlog4j2.configurationFile=conf/log4j2.properties \
    -cp "$BENCH_CP" "$main" "$@"
}
