#!/usr/bin/env bash
# The same pair twice at the same time, one without and one with lane-agent, each under its own wrk
# (benchmarks/pair-load.sh): both measured in the same window of the machine, so its drift (on a shared
# 2-core host, CPU per request moved by ±30 % from one run to the next) falls on both alike. The two pairs swap
# ports every round. Prints pair-load.sh's RESULT (and THREADS) lines, one pair of them per round.
#
# Usage: benchmarks/pair-side-by-side.sh boot2|boot3 <agent jar> <seconds> <rounds>
set -euo pipefail
cd "$(dirname "$0")/.."
pair=$1 agent=$2 seconds=$3 rounds=$4
# each pair gets half of wrk's default load; start-up of four JVMs and a 30 s warm-up fit in 90 s here
export CONNECTIONS="1 8" WARMUP=${WARMUP:-30} THREAD_CPU=1
for round in $(seq 1 "$rounds"); do
  a="18180 18181" b="18190 18191"
  [ $((round % 2)) = 0 ] && { a="18190 18191"; b="18180 18181"; }
  export MEASURE_AT=$(( $(date +%s) + ${LEAD:-90} ))
  PORTS=$a benchmarks/pair-load.sh "$pair" none "$seconds" > "${TMPDIR:-/tmp}/side-none.$$" &
  none=$!
  PORTS=$b benchmarks/pair-load.sh "$pair" "$agent" "$seconds" > "${TMPDIR:-/tmp}/side-lane.$$" &
  lane=$!
  wait $none $lane
  cat "${TMPDIR:-/tmp}/side-none.$$" "${TMPDIR:-/tmp}/side-lane.$$"
done
rm -f "${TMPDIR:-/tmp}/side-none.$$" "${TMPDIR:-/tmp}/side-lane.$$"
