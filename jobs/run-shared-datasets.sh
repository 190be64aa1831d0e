#!/usr/bin/env bash
# Runs the real CLI (jobs/run-local.sh run, default configuration, every scenario on) on every data set in
# ../shared/datasets, then reads the Delta tables back and checks them (io.crmaffinity.bench.CheckRunOutputs):
# the latest job_runs row of the run date is SUCCEEDED, no NaN/Infinity in double columns, probabilities and
# scores in [0, 1], forecast_low <= forecast <= high, one customer_value and customer_health row per customer
# (io.crmaffinity.RunOutputCheck, which the whole-job property suite uses too). Prints per data set the exit code, wall seconds, the
# per-stage lines, rows per output table and job_runs' notes, then one verdict line per data set; exits 1 when
# any data set failed (a non-zero exit or a failed check).
#   jobs/run-shared-datasets.sh                 all four data sets
#   jobs/run-shared-datasets.sh cdnow groceries only these
# Needs Java 17 and Maven; builds what it needs. Basket data sets are converted into the input contract under
# target/shared-datasets/ (git-ignored); outputs and logs go there too. CRM_DATASETS moves ../shared/datasets.
set -euo pipefail
cd "$(dirname "$0")/.."

DATASETS="${CRM_DATASETS:-../shared/datasets}"
WORK=target/shared-datasets

# name | input folder | run date | --set overrides, space-separated (none today: every data set runs at the
# defaults).
#  groceries, agrawal-100k: converted by PublicBaskets (one order per basket, each by its own customer, order
#    date 2025-01-01); run on that date.
#  cdnow: 1997-09-30, the papers' calibration end. basket.lookback-days stays 0 (all history up to the run
#    date), which for this cohort (first purchases from 1997-01-01) is exactly the calibration period.
#  online-retail-train: 2011-05-31, its last day.
DATASETS_TABLE=(
  "groceries|$WORK/groceries/input|2025-01-01"
  "cdnow|$DATASETS/cdnow/crm|1997-09-30"
  "online-retail-train|$DATASETS/online-retail-train|2011-05-31"
  "agrawal-100k|$WORK/agrawal-100k/input|2025-01-01"
)

wanted() {
  [[ ${#SELECTED[@]} -eq 0 ]] && return 0
  local s
  for s in "${SELECTED[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}
SELECTED=("$@")
for s in "${SELECTED[@]}"; do
  if ! printf '%s\n' "${DATASETS_TABLE[@]}" | cut -d'|' -f1 | grep -qxF -- "$s"; then
    echo "unknown data set '$s'; known: $(printf '%s\n' "${DATASETS_TABLE[@]}" | cut -d'|' -f1 | tr '\n' ' ')" >&2
    exit 2
  fi
done

# Builds the test classes (the converter and the checker) and the application jar; defines `bench`.
source jobs/bench-common.sh

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

convert() {
  local name=$1 transactions=$2 items=$3
  if [[ ! -f "$transactions" ]]; then
    echo "$name: $transactions not found" >&2
    return 1
  fi
  rm -rf "$WORK/$name/input"
  bench io.crmaffinity.bench.ConvertBaskets "$transactions" "$items" "$WORK/$name/input"
}

declare -A EXIT WALL CPU
CHECK_ARGS=()
for row in "${DATASETS_TABLE[@]}"; do
  IFS='|' read -r name input run_date overrides <<<"$row"
  wanted "$name" || continue
  mkdir -p "$WORK/$name"
  echo
  echo "=== $name: run --input $input --run-date $run_date ${overrides:-(defaults)}"
  conv=0
  case "$name" in
    groceries) convert groceries "$DATASETS/groceries/transactions.csv" "$DATASETS/groceries/items.csv" || conv=$? ;;
    agrawal-100k) convert agrawal-100k "$DATASETS/agrawal-100k/transactions.csv.gz" - || conv=$? ;;
  esac
  if [[ $conv -ne 0 || ! -d "$input" ]]; then
    echo "$name: no input: $([[ $conv -ne 0 ]] && echo "conversion failed" || echo "$input not found")"
    EXIT[$name]="no-input"
    WALL[$name]="-"
    CPU[$name]="-"
    continue
  fi
  out="$WORK/$name/output"
  log="$WORK/$name/run.log"
  rm -rf "$out"
  read -r -a sets <<<"${overrides:-}"
  # Wall and CPU seconds (user + sys of the JVM): on a shared machine the CPU time says more than the wall time.
  rc=0
  TIMEFORMAT='%R %U %S'
  { time jobs/run-local.sh run --input "$input" --output "$out" --run-date "$run_date" "${sets[@]}" >"$log" 2>&1 ; } \
    2>"$WORK/$name/time.txt" || rc=$?
  read -r wall user sys <"$WORK/$name/time.txt"
  EXIT[$name]=$rc
  WALL[$name]=$(awk -v w="$wall" 'BEGIN { printf "%.1f", w }')
  CPU[$name]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  echo "$name: exit code $rc, wall ${WALL[$name]} s, CPU ${CPU[$name]} s, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" \
    "(full log: $log)"
  grep -E ' INFO stage: ' "$log" | sed -E 's/^[0-9:]+ INFO stage: stage /  stage /' || true
  grep -E '^Seconds per stage' "$log" | sed 's/^/  /' || true
  if [[ $rc -ne 0 ]]; then
    # The error line and the first lines of the stack trace: the exception, its causes, crm-affinity's frames.
    grep -E '^crm-affinity: error:' "$log" | sed 's/^/  /' || true
    awk '/ ERROR Main: crm-affinity failed/ { on = 1; n = 0 }
         on && (/^[A-Za-z_.$]+(Exception|Error)/ || /^Caused by:/ || /^\tat io\.crmaffinity\./) && n < 14 {
           print "  " $0; n++ }' "$log"
  fi
  CHECK_ARGS+=("$name" "$out" "$run_date" "$input")
done

echo
echo "=== reading the outputs back"
check_log="$WORK/check.log"
if [[ ${#CHECK_ARGS[@]} -gt 0 ]]; then
  start=$(now)
  bench io.crmaffinity.bench.CheckRunOutputs "${CHECK_ARGS[@]}" 2>&1 | tee "$check_log" \
    | grep -vE '^[0-9:]+ (WARN|INFO) ' || true
  echo "(checks took $(elapsed "$start" "$(now)") s)"
else
  : >"$check_log"
fi

echo
echo "=== verdicts"
failed=0
for row in "${DATASETS_TABLE[@]}"; do
  IFS='|' read -r name input run_date overrides <<<"$row"
  wanted "$name" || continue
  result=$(grep -E "^RESULT $name " "$check_log" | head -1 | cut -d' ' -f3- || true)
  verdict=PASS
  [[ "${EXIT[$name]}" == 0 && "$result" == PASS ]] || verdict=FAIL
  case "$result" in
    PASS) result="all passed" ;;
    FAIL*) result="${result#FAIL } failed" ;;
    *) result="not run" ;;
  esac
  [[ $verdict == PASS ]] || failed=$((failed + 1))
  printf '%-4s %-20s run date %s  exit %-8s wall %7s s  CPU %7s s  checks %s\n' "$verdict" "$name" \
    "$run_date" "${EXIT[$name]}" "${WALL[$name]}" "${CPU[$name]}" "$result"
done
if [[ $failed -gt 0 ]]; then
  echo "$failed data set(s) failed" >&2
  exit 1
fi
