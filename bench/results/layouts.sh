#!/usr/bin/env bash
# Reproduces bench/results/layouts.json (raw JMH JSON), layouts.md (the summary tables, winner of each
# shape marked) and layouts-charts/*.png: the layout, engine, epilogue and kernel benchmarks with -prof gc,
# about 40 minutes on 2 cores. Waits for /tmp/vecnn-bench.lock so benchmark runs never overlap.
# The "Findings" section of layouts.md is written by hand from the tables; this script rewrites the header
# and the tables. Usage: bench/results/layouts.sh [extra JMH options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/env.sh"
JAVA_HOME="$(vecnn_find_jdk)"
export JAVA_HOME
cd "$root"
mvn -B -q -ntp -DskipTests -pl bench -am package
out=bench/results
# Run from a copy, so a rebuild of bench/target during the half hour cannot change the code mid-run.
jar="$(mktemp -d)/benchmarks.jar"
cp bench/target/benchmarks.jar "$jar"
exec 9>>/tmp/vecnn-bench.lock
flock 9
start_load="$(cut -d' ' -f1-3 /proc/loadavg)"
# JMH refuses to start while another JMH run holds /tmp/jmh.lock: wait for it.
until "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar "$jar" \
        -rf json -rff "$out/layouts.json" -prof gc "$@" 'bench\.(layout|kernels)\.' > "$out/layouts.log" 2>&1; do
  grep -q "Unable to acquire the JMH lock" "$out/layouts.log" || { tail -20 "$out/layouts.log" >&2; exit 1; }
  sleep 5
done
{
  echo "## Layout benchmarks"
  echo
  if grep -qw avx512f /proc/cpuinfo; then isa="AVX-512, 512-bit vectors"; else isa="AVX2 + FMA, 256-bit vectors"; fi
  echo "Machine: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(nproc) vCPUs ($isa)," \
       "load average $start_load at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1). JMH 1.37, 1 fork, 3 x 1 s warm-up (training steps: 10 x 1 s), 4 x 1 s measurement"
  echo "(reference engine: 1 x 2 s, 3 x 2 s), fork flags \`--add-modules jdk.incubator.vector -Xmx3g\`, \`-prof gc\`."
  echo "Command: \`bench/results/layouts.sh\` (raw results: \`bench/results/layouts.json\`). Synthetic data of the real shapes;"
  echo "samples/s = rows per step x steps/s. Batch-major rows of LayoutBenchmark are vecnn's own Mlp; the other variants"
  echo "are \`dev.vecnn.bench.layout.ExplicitNet\`, tested to compute the same step."
  echo
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$jar" \
    dev.vecnn.bench.report.JmhSummary "$out/layouts.json" --png-dir "$out/layouts-charts" 2>/dev/null
} > "$out/layouts.md"
echo "wrote $out/layouts.json, $out/layouts.md and $out/layouts-charts/"
