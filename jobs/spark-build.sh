# Sourced by jobs/run-local.sh and jobs/submit.sh: which build of crm-affinity to use, built when missing or
# older than the sources. Two builds sit side by side:
#   Spark 3.5 / Scala 2.12 (the default)   target/           mvn package
#   Spark 4.1 / Scala 2.13                 target/spark-4/   mvn -Pspark-4 package
# use_spark_build LINE  (LINE is 3.5 or 4) sets BUILD_DIR and JAR.
use_spark_build() {
  local profile
  case "$1" in
    3|3.5|3.5.*) BUILD_DIR=target; profile=spark-3.5 ;;
    4|4.*) BUILD_DIR=target/spark-4; profile=spark-4 ;;
    *) echo "crm-affinity: no build for Spark '$1' (builds exist for Spark 3.5 and 4)" >&2; return 2 ;;
  esac
  JAR="$BUILD_DIR/crm-affinity-0.1.0-SNAPSHOT.jar"
  if [[ ! -f "$JAR" || ! -f "$BUILD_DIR/spark-classpath.txt" || ! -f "$BUILD_DIR/spark-jvm-flags.txt" ]] \
      || [[ -n "$(find pom.xml src -newer "$JAR" -print -quit)" ]]; then
    echo "Building crm-affinity for Spark $1 (mvn -P$profile package)..." >&2
    mvn -q -B -P"$profile" -DskipTests package >&2
  fi
}
