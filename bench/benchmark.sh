#!/usr/bin/env bash
# Speed and memory of `offheap analyze`, measured as a whole process (see bench/README.md).
#
# usage: bench/benchmark.sh
# env:   OFFHEAP_BENCH_DIR  dump cache (default /tmp/offheap-bench); dumps are made only if missing
#        OFFHEAP_OPTS       JVM options for the analyzer (default: -XX:+UseParallelGC, what ./offheap runs with)
#        RUNS               runs per input and tool (default 3; medians are reported)
#        SCALES             BigHeap scales, smallest first (default "0.25 0.5 1"); the last also gets a -gz=1 copy
#        JDK                JDK that makes the dumps and runs the analyzer (default /usr/lib/jvm/java-17-openjdk-amd64)
#        CORPUS             real dumps; the largest (decoded) one that analyzes is measured too
#                           (default /work/shared/corpus/hprof)
# Writes bench/results/latest.txt (overwritten on every run): the machine, then one line per measurement.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bench_dir=${OFFHEAP_BENCH_DIR:-/tmp/offheap-bench}
runs=${RUNS:-3}
scales=${SCALES:-0.25 0.5 1}
jdk=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
corpus=${CORPUS:-/work/shared/corpus/hprof}
opts=${OFFHEAP_OPTS:--XX:+UseParallelGC}
java=$jdk/bin/java
jar=$root/cli/target/offheap.jar
results=$here/results/latest.txt

say() { echo "benchmark: $*" >&2; }
die() { say "$*"; exit 1; }

# --- tools -----------------------------------------------------------------------------------------
[ -x "$java" ] || die "no JDK at $jdk (set JDK=...)"
command -v jq >/dev/null || die "needs jq (Debian package jq)"
if [ ! -x /usr/bin/time ]; then
    say "/usr/bin/time is missing: it measures peak RSS. Installing the Debian package 'time' (apt-get install -y time)"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; }
    else
        die "run: sudo apt-get install time"
    fi
fi

# --- (a) the jars ----------------------------------------------------------------------------------
samples_jar=$(ls "$root"/samples/target/offheap-samples-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [ ! -f "$jar" ]; then
    say "building $jar"
    (cd "$root" && mvn -B -q install -DskipTests)
elif [ -z "$samples_jar" ] || [ "$root/samples/src/main/java/io/offheap/samples/BigHeap.java" -nt "$samples_jar" ]; then
    say "building the samples jar"
    (cd "$root" && mvn -B -q -pl samples install -DskipTests)
fi
samples_jar=$(ls "$root"/samples/target/offheap-samples-*.jar | grep -v -e sources -e tests | head -1)
# Measure a copy: other people may rebuild cli/target/offheap.jar while this runs.
jar_stamp() { echo "built $(date -u -r "$jar" '+%Y-%m-%d %H:%M:%S UTC'), sha256 $(sha256sum "$jar" | cut -c1-12)"; }
jar_at_start=$(jar_stamp)
mkdir -p "$bench_dir"
cp "$jar" "$bench_dir/offheap-under-test.jar"
jar=$bench_dir/offheap-under-test.jar
# The baseline decoder, compiled once so that its runs measure decoding, not javac.
"$jdk/bin/javac" -d "$bench_dir/decode" "$here/SequentialDecode.java"

# --- (b) the dumps ---------------------------------------------------------------------------------
largest=${scales##* }
# BigHeap.jvmArgs(outDir), plus what SampleRun adds.
bigheap_args=(-XX:+UseParallelGC -Xms4g -Xmx4g -Xmn512m -XX:MaxDirectMemorySize=2g
              --add-opens java.base/java.nio=ALL-UNNAMED -cp "$samples_jar" io.offheap.samples.BigHeap)

# make_dump <scale>: $bench_dir/bigheap-<scale>/BigHeap.hprof (+ BigHeap.hprof.gz for the largest scale).
# Made in a temporary directory and renamed, so an interrupted run leaves nothing that looks cached.
make_dump() {
    local scale=$1 dir=$bench_dir/bigheap-$1 gz=false
    [ "$scale" = "$largest" ] && gz=true
    if [ -f "$dir/BigHeap.hprof" ] && [ -f "$dir/expected.properties" ] && { ! $gz || [ -f "$dir/BigHeap.hprof.gz" ]; }; then
        return
    fi
    local tmp=$dir.tmp
    rm -rf "$tmp" "$dir"; mkdir -p "$tmp"
    say "making the scale $scale dump in $dir (BigHeap on $jdk)"
    if ! $gz; then
        "$java" "${bigheap_args[@]}" "$tmp" "$scale" > "$tmp/stdout.txt" 2> "$tmp/stderr.txt" \
            || die "BigHeap failed: $(cat "$tmp/stderr.txt")"
    else
        "$java" "${bigheap_args[@]}" "$tmp" "$scale" --wait > "$tmp/stdout.txt" 2> "$tmp/stderr.txt" &
        local bigheap=$!
        while [ ! -f "$tmp/ready" ]; do
            kill -0 $bigheap 2>/dev/null || { wait $bigheap || true; die "BigHeap failed: $(cat "$tmp/stderr.txt")"; }
            sleep 1
        done
        say "taking the compressed copy: jcmd $(cat "$tmp/ready") GC.heap_dump -all -gz=1"
        "$jdk/bin/jcmd" "$(cat "$tmp/ready")" GC.heap_dump -all -gz=1 "$tmp/BigHeap.hprof.gz" > "$tmp/jcmd.txt"
        touch "$tmp/done"
        wait $bigheap || die "BigHeap failed after the jcmd dump: $(cat "$tmp/stderr.txt")"
    fi
    mv "$tmp" "$dir"
}

mkdir -p "$bench_dir"
for s in $scales; do make_dump "$s"; done

# The largest corpus dump by decoded size that the analyzer accepts (the corpus holds a corrupt one).
corpus_dump=
if [ -d "$corpus" ]; then
    while read -r _ f; do
        if "$java" $opts -jar "$jar" analyze "$f" > /dev/null 2>&1; then corpus_dump=$f; break; fi
    done < <(find "$corpus" -type f \( -name '*.hprof' -o -name '*.hprof.gz' -o -name '*.bin' \) -print0 |
             while IFS= read -r -d '' f; do
                 case $f in *.gz) n=$(gzip -dc "$f" | wc -c) ;; *) n=$(stat -c %s "$f") ;; esac
                 echo "$n $f"
             done | sort -rn)
fi

# --- (c) measurements ------------------------------------------------------------------------------

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# run_once <label> <command...>: one run under /usr/bin/time -v; sets run_s (wall, from bash's clock in
# microseconds; time -v rounds to 10 ms), run_kb (peak RSS) and run_cpu (user + sys). Needs bash 5 (EPOCHREALTIME).
run_once() {
    local label=$1; shift
    local t0 t1 out=$bench_dir/time.txt
    t0=$EPOCHREALTIME
    if ! /usr/bin/time -v -o "$out" "$@" > /dev/null 2> "$bench_dir/stderr.txt"; then
        die "$label failed: $(tail -5 "$bench_dir/stderr.txt")"
    fi
    t1=$EPOCHREALTIME
    run_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
    run_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
    run_cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$out")
}

# summarize <name>: from the arrays <name>_s, <name>_kb and <name>_cpu, sets med_s, spread_s, med_cpu, med_kb.
summarize() {
    local -n s=$1_s kb=$1_kb cpu=$1_cpu
    med_s=$(printf '%s\n' "${s[@]}" | median)
    spread_s=$(printf '%s\n' "${s[@]}" | sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.1f-%.1f", lo, hi}')
    med_cpu=$(printf '%s\n' "${cpu[@]}" | median)
    med_kb=$(printf '%s\n' "${kb[@]}" | median)
}

# timed <label> <command...>: runs the command $runs times; sets med_s, spread_s, med_cpu and med_kb.
timed() {
    local label=$1; shift
    local i
    one_s=() one_kb=() one_cpu=()
    for ((i = 0; i < runs; i++)); do
        run_once "$label" "$@"
        one_s+=("$run_s") one_kb+=("$run_kb") one_cpu+=("$run_cpu")
    done
    summarize one
}

mkdir -p "$(dirname "$results")"
{
    echo "# offheap benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "# machine: $(nproc) cpus ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, $(uname -sr)"
    echo "# java: $("$java" -version 2>&1 | sed -n 2p)"
    echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: compare cpu_s, user+sys, when wall times are noisy)"
    echo "# jar: cli/target/offheap.jar $jar_at_start (a copy is measured)"
    echo "# OFFHEAP_OPTS: ${opts:-(none: JVM defaults)}; runs: $runs; commit: $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
    echo "# baselines (page cache warm): cat or gzip -dc to /dev/null; decode = bench/SequentialDecode.java, one plain pass"
    echo "#   over every record that builds nothing. ratio: median seconds / the decode line's median seconds"
    echo "# analyze writes the JSON and the HTML report"
    echo "# B/obj: analyze peak RSS / dump objects (DESIGN.md budget <= 80)"
    printf '%-52s %-8s %9s %11s %4s %9s %11s %8s %9s %7s %6s\n' input tool MiB objects runs median_s min-max_s cpu_s rss_MiB ratio B/obj
} > "$results.tmp"
cat "$results.tmp"

# measure <file>: the baselines (cat or gzip, and a plain decode), then offheap analyze; one line each.
measure() {
    local f=$1 label size_mib base_s objects json=$bench_dir/out.json html=$bench_dir/out.html baseline
    case $f in
        "$bench_dir"/*) label=${f#"$bench_dir"/} ;;
        "$corpus"/*)    label=corpus:${f#"$corpus"/} ;;
        *)              label=$f ;;
    esac
    size_mib=$(awk -v b="$(stat -c %s "$f")" 'BEGIN {printf "%.1f", b / 1048576}')
    cat "$f" > /dev/null  # warm the page cache
    case $f in
        *.gz) baseline=gzip; timed "gzip -dc $f" sh -c 'exec gzip -dc "$1" > /dev/null' sh "$f" ;;
        *)    baseline=cat;  timed "cat $f" sh -c 'exec cat "$1" > /dev/null' sh "$f" ;;
    esac
    line "$label" "$baseline" "$size_mib" - "$med_s" "$med_kb" - -
    # The decode baseline and the analysis take turns, run by run: the machine's speed drifts over minutes,
    # and the ratio of the two medians should not depend on which of them ran in a slow stretch.
    local i
    dec_s=() dec_kb=() dec_cpu=() ana_s=() ana_kb=() ana_cpu=()
    for ((i = 0; i < runs; i++)); do
        run_once "decode $f" "$java" -cp "$bench_dir/decode" SequentialDecode "$f"
        dec_s+=("$run_s") dec_kb+=("$run_kb") dec_cpu+=("$run_cpu")
        rm -f "$json" "$html"
        run_once "offheap analyze $f" "$java" $opts -jar "$jar" analyze "$f" --json "$json" --html "$html"
        ana_s+=("$run_s") ana_kb+=("$run_kb") ana_cpu+=("$run_cpu")
    done
    summarize dec
    base_s=$med_s
    line "$label" decode "$size_mib" - "$med_s" "$med_kb" 1.0 -
    summarize ana
    objects=$(jq -r '.dump.objects // "-"' "$json")
    line "$label" analyze "$size_mib" "$objects" "$med_s" "$med_kb" \
        "$(awk -v a="$med_s" -v b="$base_s" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "-"}')" \
        "$(awk -v k="$med_kb" -v o="$objects" 'BEGIN {if (o + 0 > 0) printf "%.0f", k * 1024 / o; else print "-"}')"
}

line() {
    printf '%-52s %-8s %9s %11s %4s %9s %11s %8s %9.0f %7s %6s\n' "$1" "$2" "$3" "$4" "$runs" "$5" "$spread_s" "$med_cpu" \
        "$(awk -v k="$6" 'BEGIN {print k / 1024}')" "$7" "$8" |
        tee -a "$results.tmp"
}

for s in $scales; do measure "$bench_dir/bigheap-$s/BigHeap.hprof"; done
measure "$bench_dir/bigheap-$largest/BigHeap.hprof.gz"
if [ -n "$corpus_dump" ]; then measure "$corpus_dump"; else say "no corpus dump found under $corpus"; fi

# --- (d) results -----------------------------------------------------------------------------------
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results.tmp"
mv "$results.tmp" "$results"
rm -rf "$bench_dir/out.json" "$bench_dir/out.html" "$bench_dir/time.txt" "$bench_dir/stderr.txt" "$bench_dir/decode" "$jar"
say "written to $results; dumps cached in $bench_dir ($(du -sh "$bench_dir" | cut -f1))"
