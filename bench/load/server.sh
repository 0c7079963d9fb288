#!/usr/bin/env bash
# The distinct-question load test as docs/ranking.md reports it: starts `serve` from a built jar with the launcher's
# server options (or RUNYARD_JAVA_OPTS), waits until its warm-up is over (3 s without CPU), then sends five sets of 96
# machines it has never ranked (rank-distinct-2.txt, the same machines with RAM x20/24, x28/24 and x36/24, then
# rank-distinct-1.txt) from 16 clients, and prints each set's latency and what each group of the server's threads
# spent of CPU on it (from /proc: Linux only). Usage: bench/load/server.sh [JAR]   (default runyard-app/target/runyard.jar)
set -euo pipefail
export LC_ALL=C # sort and join must agree on the order of thread names
cd "$(dirname "$0")/../.."
JAR=${1:-runyard-app/target/runyard.jar}
OPTS=${RUNYARD_JAVA_OPTS:-"-XX:+UseParallelGC -Xms2g -Xmx2g -XX:+AlwaysPreTouch"}
PORT=${PORT:-8098}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for base in 20 28 36; do
  awk -v b=$base -F'ram=' '{print $1 "ram=" ($2 * b / 24)}' bench/load/rank-distinct-2.txt > "$work/set-$base.txt"
done
XDG_DATA_HOME="$work/data" java $OPTS -jar "$JAR" serve --port "$PORT" > "$work/serve.log" 2>&1 &
pid=$!
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
threads() { # thread group (name without its number) -> CPU ticks
  for t in /proc/$pid/task/*; do
    printf '%s|%s\n' "$(sed 's/[0-9#-]*$//;s/ *$//' "$t/comm" 2>/dev/null)" "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
  done | awk -F'|' '$1 != "" {s[$1] += $2} END {for (k in s) print k "|" s[k]}' | sort
}
prev=0; idle=0
for i in $(seq 1 300); do
  sleep 1
  now=$(cpu "$pid"); if [ "$prev" -gt 0 ] && [ $((now - prev)) -lt 30 ]; then idle=$((idle + 1)); else idle=0; fi
  prev=$now; [ "$idle" -ge 3 ] && break
done
echo "warm after ${i} s; load average $(cut -d' ' -f1 /proc/loadavg)"
tick=$((1000 / $(getconf CLK_TCK)))
for f in bench/load/rank-distinct-2.txt "$work"/set-20.txt "$work"/set-28.txt "$work"/set-36.txt bench/load/rank-distinct-1.txt; do
  threads > "$work/t0"
  r=$(java bench/load/Load.java "http://127.0.0.1:$PORT" "$f" 16 2>&1 | tail -1)
  threads > "$work/t1"
  used=$(join -t'|' "$work/t0" "$work/t1" | awk -F'|' -v t=$tick '{d = ($3 - $2) * t; if (d > 0) printf "%s %d ms, ", $1, d}')
  echo "$(basename "$f"): $r; server CPU: ${used%, }"
done
