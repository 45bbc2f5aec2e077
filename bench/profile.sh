#!/usr/bin/env bash
# Where `offheap analyze` spends its time on one dump: a JFR recording, then the share of CPU samples
# per phase, the hottest methods (self) and the GC pauses. See bench/README.md.
#
# usage: bench/profile.sh <dump> [out dir, default /tmp/offheap-profile]
# env:   OFFHEAP_OPTS (JVM options for the analyzer), OFFHEAP_JAR (default cli/target/offheap.jar),
#        JDK (default /usr/lib/jvm/java-17-openjdk-amd64)
set -euo pipefail

dump=${1:?usage: bench/profile.sh <dump> [out dir]}
out=${2:-/tmp/offheap-profile}
jdk=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${OFFHEAP_JAR:-$root/cli/target/offheap.jar}
mkdir -p "$out"

/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" -o "$out/time.txt" \
    "$jdk/bin/java" ${OFFHEAP_OPTS:-} -XX:StartFlightRecording=filename="$out/analyze.jfr",settings=profile \
    -Xlog:gc:file="$out/gc.log" -jar "$jar" analyze "$dump" --json "$out/out.json" \
    > "$out/stdout.txt" 2> "$out/stderr.txt"
"$jdk/bin/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$out/analyze.jfr" > "$out/samples.txt"

cat "$out/time.txt"
# One sample = one stack; the phase is the first phase method found anywhere on it.
awk '
    /jdk.ExecutionSample/ { if (n) flush(); n = 1; stack = ""; top = ""; next }
    /line:/ { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (top == "") top = f; stack = stack " " f }
    function flush(   p) {
        if (stack ~ /HeapDumpReader|HprofReader\.utf8|RecordInput/ && stack !~ /GraphBuilder\.build/) p = "read + decode records"
        else if (stack ~ /GraphBuilder\.build/) p = "graph build (ids -> indices)"
        else if (stack ~ /DominatorTree/) p = "dominator tree"
        else if (stack ~ /Reachability\.of/) p = "reachability"
        else if (stack ~ /garbageCount/) p = "garbage count"
        else if (stack ~ /BufferCensus/) p = "buffer census"
        else if (stack ~ /Retainers/) p = "retainers"
        else if (stack ~ /JsonReport|jackson|writeJson/) p = "JSON report"
        else if (stack ~ /HtmlReport|gg\.jte|Svg/) p = "HTML report"
        else if (stack ~ /io\.offheap/) p = "other offheap"
        else p = "other (JVM, JIT, JFR)"
        phase[p]++; self[top]++; total++
    }
    END {
        if (n) flush()
        printf "%d CPU samples of Java code (GC threads not sampled; see the pauses below)\n", total
        for (p in phase) printf "  %5.1f%%  %s\n", 100 * phase[p] / total, p | "sort -rn"
        close("sort -rn")
        print "hottest methods (self):"
        for (m in self) printf "  %5.1f%%  %s\n", 100 * self[m] / total, m | "sort -rn | head -15"
        close("sort -rn | head -15")
    }' "$out/samples.txt"
awk '/Pause/ { sub(/ms$/, "", $NF); s += $NF; if ($NF > max) max = $NF; n++ }
     END { printf "GC: %d pauses, %.0f ms in total, longest %.0f ms\n", n, s, max }' "$out/gc.log"
grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$out/gc.log" | awk -F'[->(M]+' '{ if ($1 > peak) peak = $1 } END { printf "peak Java heap before a GC: %d MiB\n", peak }'
echo "recording: $out/analyze.jfr (jfr print --events jdk.ExecutionSample ... for stacks)"
