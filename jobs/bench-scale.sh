#!/usr/bin/env bash
# The whole job against the I/O floor, at growing sizes of generated data and on real data sets:
#   jobs/bench-scale.sh                        100k, 1M and 10M generated order lines, then online-retail-train
#                                              and agrawal-100k from ../shared/datasets when they are there
#   jobs/bench-scale.sh 100000 1000000         only these generated sizes (order lines, approximate)
#   jobs/bench-scale.sh DIR@2011-05-31         an input folder of CSV tables, run on that date
# A generated size is made by crm-affinity generate (about 38.5 order lines per customer, default seeds, CSV)
# and run on 2025-12-31. Then, in one fresh JVM each, on the same files:
#   floor  io.crmaffinity.bench.IoFloor: read every table once (every column parsed), write the largest as one
#          Delta table: what any Spark job on this input pays at least;
#   output io.crmaffinity.bench.OutputFloor: read every table once, then only the Delta bookkeeping of a run
#          (create the output tables, claim the date, one empty commit per results table, record the end):
#          what any run that keeps the output contract pays at least, with no analysis at all;
#   job    jobs/run-local.sh run (defaults, every scenario, a fresh output folder).
# Prints wall seconds of each and the job's ratio to both floors, the job's seconds per stage, and the driver's
# peak heap after a collection (from the JVM's GC log: an upper bound of the live data, as G1 leaves old garbage
# for later); one summary table at the end.
# Generated and converted inputs stay under target/bench-scale/ (git-ignored) and are reused by later runs.
# CRM_AFFINITY_JAVA_OPTS is passed on to the job as run-local.sh takes it (default -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh

WORK=target/bench-scale
SIZES=("$@")
[[ $# -eq 0 ]] && SIZES=(100000 1000000 10000000)
mkdir -p "$WORK"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# The largest heap in use right after a collection, in MB, from a -Xlog:gc log ("... 1234M->567M(4096M) ...").
peak_heap() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" | sed 's/.*->//; s/M$//' | sort -n | tail -1
}

if [[ $# -eq 0 ]]; then
  [[ -d "$DATASETS/online-retail-train" ]] && SIZES+=("$DATASETS/online-retail-train@2011-05-31")
  if [[ -f "$DATASETS/agrawal-100k/transactions.csv.gz" ]]; then
    if [[ ! -f "$WORK/agrawal-100k/.complete" ]]; then
      rm -rf "$WORK/agrawal-100k"
      bench io.crmaffinity.bench.ConvertBaskets "$DATASETS/agrawal-100k/transactions.csv.gz" - "$WORK/agrawal-100k"
      touch "$WORK/agrawal-100k/.complete"
    fi
    SIZES+=("$WORK/agrawal-100k@2025-01-01")
  fi
fi

# The job's class archive (docs/operations.md#class-data-sharing-local-runs) is written by the first run after a
# build, which takes longer: written here first, untimed, so every timed job runs as a user's later runs do.
if [[ "${CRM_AFFINITY_CDS:-1}" != 0 && -z "$(find target/cds -name '*.jsa' -newer "$JAR" 2>/dev/null)" ]]; then
  rm -rf "$WORK/cds-warm-up"
  jobs/run-local.sh run --config conf/local.conf --run-date 2025-12-31 --output "$WORK/cds-warm-up" \
    > "$WORK/cds-warm-up.log" 2>&1
fi

declare -a SUMMARY
for lines in "${SIZES[@]}"; do
  run_date=2025-12-31
  if [[ "$lines" == *@* ]]; then
    input="${lines%@*}"
    run_date="${lines##*@}"
    lines="$(basename "$input")"
    dir="$WORK/runs/$lines"
    mkdir -p "$dir"
    actual=$(( $(find "$input" -name 'order_items*' -type f -exec cat {} + | wc -l) - 1 ))
  else
  customers=$(( (lines * 10 + 384) / 385 ))
  dir="$WORK/$lines"
  input="$dir/input"
  if [[ ! -f "$input/.complete" ]]; then
    rm -rf "$input"
    mkdir -p "$dir"
    t0=$(now)
    java "${JVM_FLAGS[@]}" -Xmx2g -cp "$JAR:$(cat target/spark-classpath.txt)" io.crmaffinity.cli.Main \
      generate --customers "$customers" --output "$input" > "$dir/generate.log" 2>&1
    touch "$input/.complete"
    echo "== $lines lines: $(head -1 "$dir/generate.log") ($(elapsed "$t0" "$(now)") s with the JVM)"
  fi
  actual=$(awk '$1 == "order_items" { gsub(",", "", $2); print $2; exit }' "$dir/generate.log")
  fi

  rm -rf "$dir/floor-out"
  t0=$(now)
  bench io.crmaffinity.bench.IoFloor "$input" "$dir/floor-out" > "$dir/floor.log" 2>&1
  floor=$(elapsed "$t0" "$(now)")
  echo "== $lines lines: I/O floor $floor s: $(grep 'io floor' "$dir/floor.log")"

  rm -rf "$dir/output-floor"
  t0=$(now)
  bench io.crmaffinity.bench.OutputFloor "$input" "$dir/output-floor" "$run_date" > "$dir/output-floor.log" 2>&1
  outfloor=$(elapsed "$t0" "$(now)")
  echo "== $lines lines: output floor $outfloor s: $(grep 'output floor' "$dir/output-floor.log" | sed 's/.*; //')"

  rm -rf "$dir/output"
  t0=$(now)
  status=0
  CRM_AFFINITY_JAVA_OPTS="${CRM_AFFINITY_JAVA_OPTS:--Xmx4g} -Xlog:gc:file=$dir/gc.log" \
    jobs/run-local.sh run --input "$input" --run-date "$run_date" --output "$dir/output" > "$dir/job.log" 2>&1 \
    || status=$?
  job=$(elapsed "$t0" "$(now)")
  heap=$(peak_heap "$dir/gc.log")
  stages=$(grep -a 'Seconds per stage' "$dir/job.log" | sed 's/Seconds per stage: //')
  ratio=$(awk -v j="$job" -v f="$floor" 'BEGIN { printf "%.1f", j / f }')
  outratio=$(awk -v j="$job" -v f="$outfloor" 'BEGIN { printf "%.1f", j / f }')
  echo "== $lines lines: job exit $status, $job s wall ($ratio x the I/O floor, $outratio x the output floor), peak" \
    "heap after GC ${heap:-?} MB"
  echo "   stages: $stages"
  SUMMARY+=("$(printf '%-20s %-11s %8s %8s %8s %6s %6s %9s %5s' "$lines" "${actual:-?}" "$floor" "$outfloor" \
    "$job" "$ratio" "$outratio" "${heap:-?}" "$status")")
done

echo
printf '%-20s %-11s %8s %8s %8s %6s %6s %9s %5s\n' "size" "order_lines" "floor_s" "output_s" "job_s" "ratio" \
  "ratio_o" "heap_MB" "exit"
printf '%s\n' "${SUMMARY[@]}"
