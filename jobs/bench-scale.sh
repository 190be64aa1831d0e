#!/usr/bin/env bash
# The whole job at growing sizes against the I/O floor, on generated data (crm-affinity generate):
#   jobs/bench-scale.sh                        100k, 1M and 10M order lines
#   jobs/bench-scale.sh 100000 1000000         only these sizes (order lines, approximate)
# For each size: generate (about 38.5 order lines per customer, default seeds, CSV), then in one fresh JVM
# each, side by side on the same files:
#   floor  io.crmaffinity.bench.IoFloor: read every table once (every column parsed), write the largest as one
#          Delta table: what any Spark job on this input pays at least;
#   job    jobs/run-local.sh run (defaults, every scenario, run date 2025-12-31, a fresh output folder).
# Prints wall seconds of both and their ratio, the job's seconds per stage, and the driver's peak heap after a
# collection (from the JVM's GC log: an upper bound of the live data, as G1 leaves old garbage for later); one
# summary table at the end.
# Generated inputs stay under target/bench-scale/ (git-ignored) and are reused by later runs of the script.
# CRM_AFFINITY_JAVA_OPTS is passed on to the job as run-local.sh takes it (default -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh

WORK=target/bench-scale
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(100000 1000000 10000000)
mkdir -p "$WORK"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# The largest heap in use right after a collection, in MB, from a -Xlog:gc log ("... 1234M->567M(4096M) ...").
peak_heap() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" | sed 's/.*->//; s/M$//' | sort -n | tail -1
}

declare -a SUMMARY
for lines in "${SIZES[@]}"; do
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

  rm -rf "$dir/floor-out"
  t0=$(now)
  bench io.crmaffinity.bench.IoFloor "$input" "$dir/floor-out" > "$dir/floor.log" 2>&1
  floor=$(elapsed "$t0" "$(now)")
  echo "== $lines lines: I/O floor $floor s: $(grep 'io floor' "$dir/floor.log")"

  rm -rf "$dir/output"
  t0=$(now)
  status=0
  CRM_AFFINITY_JAVA_OPTS="${CRM_AFFINITY_JAVA_OPTS:--Xmx4g} -Xlog:gc:file=$dir/gc.log" \
    jobs/run-local.sh run --input "$input" --run-date 2025-12-31 --output "$dir/output" > "$dir/job.log" 2>&1 \
    || status=$?
  job=$(elapsed "$t0" "$(now)")
  heap=$(peak_heap "$dir/gc.log")
  stages=$(grep -a 'Seconds per stage' "$dir/job.log" | sed 's/Seconds per stage: //')
  ratio=$(awk -v j="$job" -v f="$floor" 'BEGIN { printf "%.1f", j / f }')
  echo "== $lines lines: job exit $status, $job s wall ($ratio x the floor), peak heap after GC ${heap:-?} MB"
  echo "   stages: $stages"
  SUMMARY+=("$(printf '%-10s %-11s %8s %8s %6s %9s %5s' "$lines" "${actual:-?}" "$floor" "$job" "$ratio" \
    "${heap:-?}" "$status")")
done

echo
printf '%-10s %-11s %8s %8s %6s %9s %5s\n' "size" "order_lines" "floor_s" "job_s" "ratio" "heap_MB" "exit"
printf '%s\n' "${SUMMARY[@]}"
