#!/usr/bin/env bash
# Backtests of the revenue forecast at every month start, in one JVM per data set (local mode; no rule mining).
#   jobs/bench-forecast.sh [CONF [FROM [TO]]] [--set KEY=VALUE]...
#       one data set: the config's input (default conf/local.conf, the sample data), cutoffs FROM..TO
#       (default 2024-04-01..2025-10-01)
#   jobs/bench-forecast.sh samples [N [RATE]] [--set KEY=VALUE]...
#       the same on N more samples written by `crm-affinity generate` with other opportunity and
#       contract streams (--opportunity-seed 1000, 2000, ...; default N = 5) and, with RATE, RATE opportunities
#       created a day on average (the sample's is 0.8); written under target/forecast-samples/
#   jobs/bench-forecast.sh calibration DIR... [--set KEY=VALUE]...
#       ForecastCalibrationSweep: the same cutoffs over the input folders DIR... in one JVM (validated rows cached
#       under target/forecast-cache/), a line per folder and one over all: APE, interval coverage (also by horizon
#       month), pinball losses
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/bench-common.sh
if [[ "${1:-}" == calibration ]]; then
  shift
  bench io.crmaffinity.bench.ForecastCalibrationSweep conf/local.conf 2024-04-01 2025-10-01 "$@"
  exit 0
fi
if [[ "${1:-}" == samples ]]; then
  shift
  n=5
  rate=""
  if [[ $# -gt 0 && "$1" != --set ]]; then n=$1; shift; fi
  if [[ $# -gt 0 && "$1" != --set ]]; then rate=$1; shift; fi
  for ((i = 1; i <= n; i++)); do
    seed=$((i * 1000))
    dir="target/forecast-samples/seed-$seed${rate:+-rate-$rate}"
    mkdir -p "$dir"
    if ! bench io.crmaffinity.cli.Main generate --output "$dir" --opportunity-seed "$seed" \
        ${rate:+--opportunity-rate "$rate"} >"$dir.log" 2>&1; then
      echo "sample seed $seed: the generator failed (see $dir.log), skipped"
      continue
    fi
    echo "== sample --opportunity-seed $seed${rate:+ --opportunity-rate $rate}"
    bench io.crmaffinity.bench.ForecastSweep conf/local.conf 2024-04-01 2025-10-01 --set "input.path=$dir" "$@"
  done
  exit 0
fi
conf=conf/local.conf
from=2024-04-01
to=2025-10-01
if [[ $# -gt 0 && "$1" != --set ]]; then conf=$1; shift; fi
if [[ $# -gt 0 && "$1" != --set ]]; then from=$1; shift; fi
if [[ $# -gt 0 && "$1" != --set ]]; then to=$1; shift; fi
bench io.crmaffinity.bench.ForecastSweep "$conf" "$from" "$to" "$@"
