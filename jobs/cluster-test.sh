#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1, from the jars Maven already has (no Spark download):
# starts a master and a worker, submits the shaded application jar through jobs/submit.sh with
# spark-submit --master spark://127.0.0.1:7077, checks the Delta outputs and the master's record of the
# application, runs the job again with mining.engine = fpgrowth while one executor is killed and checks both
# runs wrote the same association_rules rows, and stops the processes it started. Run by .ci/run, once per Spark line:
#   jobs/cluster-test.sh                         Spark 3.5 (Scala 2.12)
#   CRM_AFFINITY_SPARK=4 jobs/cluster-test.sh    Spark 4 (Scala 2.13); jobs/submit.sh must pick the Spark 4 jar
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

source jobs/spark-build.sh
LINE=${CRM_AFFINITY_SPARK:-3.5}
use_spark_build "$LINE"
case "$LINE" in 4*) SCALA=2.13 ;; *) SCALA=2.12 ;; esac
# SameRulesCheck below is a test class.
if [[ ! -d "$BUILD_DIR/test-classes/io/crmaffinity/mining" ]]; then
  mvn -q -B -P"$( [[ $SCALA == 2.13 ]] && echo spark-4 || echo spark-3.5 )" test-compile
fi
CP=$(cat "$BUILD_DIR/spark-classpath.txt")
FLAGS=$(cat "$BUILD_DIR/spark-jvm-flags.txt")
MASTER_PORT=${CRM_CLUSTER_MASTER_PORT:-7077}
MASTER_UI=${CRM_CLUSTER_MASTER_UI_PORT:-18080}
WORKER_UI=${CRM_CLUSTER_WORKER_UI_PORT:-18081}

WORK=$(mktemp -d /tmp/crm-affinity-cluster.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${CRM_KEEP_CLUSTER_DIR:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

# A minimal SPARK_HOME: an empty jars/ (Spark's scripts insist on it) and a spark-submit that runs the same
# class bin/spark-submit runs, on Maven's jars.
export SPARK_HOME="$WORK/spark"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/bin"
cat > "$SPARK_HOME/bin/spark-submit" <<SUBMIT
#!/usr/bin/env bash
exec java $FLAGS -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties -cp "$CP" org.apache.spark.deploy.SparkSubmit "\$@"
SUBMIT
chmod +x "$SPARK_HOME/bin/spark-submit"
export SPARK_DIST_CLASSPATH="$CP" SPARK_SCALA_VERSION=$SCALA SPARK_LOCAL_IP=127.0.0.1

wait_port() {
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "port $1 did not open; see $WORK/*.log" >&2
  return 1
}

java $FLAGS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" >"$WORK/master.log" 2>&1 &
PIDS+=($!)
wait_port "$MASTER_PORT"
java $FLAGS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 2 --memory 3g --webui-port "$WORKER_UI" --work-dir "$WORK/worker" \
  "spark://127.0.0.1:$MASTER_PORT" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
wait_port "$WORKER_UI"
for _ in $(seq 1 30); do
  curl -s "http://127.0.0.1:$MASTER_UI/json/" | grep -q '"aliveworkers" *: *1' && break
  sleep 1
done

echo "== spark-submit --master spark://127.0.0.1:$MASTER_PORT"
env -u CRM_AFFINITY_SPARK jobs/submit.sh --master "spark://127.0.0.1:$MASTER_PORT" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.executor.memory=2g --conf spark.sql.shuffle.partitions=4 \
  -- run --input "$ROOT/data-samples" --output "$WORK/out" --run-date 2025-12-31 \
  2> >(tee "$WORK/submit.err" >&2) | tee "$WORK/submit.out"
# jobs/submit.sh (CRM_AFFINITY_SPARK unset above) chose the jar by the cluster's spark-submit --version: it must be this line's.
grep -q "submitting $JAR" "$WORK/submit.err" || {
  echo "jobs/submit.sh did not pick $JAR for this Spark $LINE cluster: $(grep -m1 submitting "$WORK/submit.err")" >&2; exit 1; }

for t in association_rules frequent_itemsets rejected_rows job_runs; do
  [[ -d "$WORK/out/$t/_delta_log" ]] || { echo "missing Delta table $t" >&2; exit 1; }
done
grep -q ": SUCCEEDED" "$WORK/submit.out"
# The report's template engine and chart library come from the shaded jar that spark-submit ran.
[[ "$(tail -n 1 "$WORK/submit.out")" == "Report: $WORK/out/reports/2025-12-31.html" && -s "$WORK/out/reports/2025-12-31.html" ]] || {
  echo "the spark-submit run wrote no report: $(tail -n 1 "$WORK/submit.out")" >&2; exit 1; }
STATE=$(curl -s "http://127.0.0.1:$MASTER_UI/json/")
echo "$STATE" | tr -d '\n' | grep -Eq '"completedapps" *: *\[ *\{.*"name" *: *"crm-affinity".*"state" *: *"FINISHED"' || {
  echo "the master does not list the application as FINISHED: $STATE" >&2; exit 1; }
echo "cluster run OK: application FINISHED on spark://127.0.0.1:$MASTER_PORT, four Delta tables written"

# CRM_CLUSTER_QUICK=1 stops here: the submission, its jar and its outputs only (CI's Spark 4 line, where the
# engines' agreement and retries are covered by the Spark 3.5 line and the Spark 4 tests).
if [[ -n "${CRM_CLUSTER_QUICK:-}" ]]; then
  exit 0
fi

# An executor dies mid-job, on the reference engine: the executor's JVM is killed (SIGKILL) when mining starts.
# The worker starts another, Spark retries the lost tasks, and the run must end SUCCEEDED with the same
# association_rules rows (all columns but run_id) as the undisturbed run above on the default engine: one
# submission checks both that fpgrowth and eclat agree on a cluster and that task retry loses nothing. It mines
# the rules only (job.scenarios=[]): the scenarios come after the rules and do not change them.
echo "== spark-submit --master spark://127.0.0.1:$MASTER_PORT, mining.engine = fpgrowth, an executor killed when mining starts"
env -u CRM_AFFINITY_SPARK jobs/submit.sh --master "spark://127.0.0.1:$MASTER_PORT" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.executor.memory=2g --conf spark.sql.shuffle.partitions=4 \
  -- run --input "$ROOT/data-samples" --output "$WORK/out-killed" --run-date 2025-12-31 \
  --set mining.engine=fpgrowth --set 'job.scenarios=[]' \
  >"$WORK/submit-killed.out" 2>"$WORK/submit-killed.err" &
SUBMIT=$!
for _ in $(seq 1 1200); do
  grep -q "stage basket:" "$WORK/submit-killed.err" && break
  sleep 0.1
done
EXECUTOR=$(pgrep -f CoarseGrainedExecutorBackend | head -n 1 || true)
[[ -n "$EXECUTOR" ]] || { echo "no executor JVM to kill" >&2; exit 1; }
kill -9 "$EXECUTOR"
echo "killed executor JVM $EXECUTOR after: $(grep -o 'stage basket:.*' "$WORK/submit-killed.err" | cut -c1-60)"
wait "$SUBMIT" || { tail -n 30 "$WORK/submit-killed.err" >&2; echo "the run did not survive the executor's death" >&2; exit 1; }
grep -q ": SUCCEEDED" "$WORK/submit-killed.out"
grep -q "Lost executor" "$WORK/submit-killed.err" || {
  echo "the driver never saw the executor die: the kill did not land during the job" >&2; exit 1; }
java $FLAGS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$BUILD_DIR/test-classes:$JAR:$CP" io.crmaffinity.mining.SameRulesCheck "$WORK/out" "$WORK/out-killed"
echo "executor death survived: the fpgrowth run SUCCEEDED through task retry, with the same association_rules rows as eclat's undisturbed run"
