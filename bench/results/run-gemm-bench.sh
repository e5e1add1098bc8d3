#!/bin/sh
# Issue-3 kernel benchmarks. For each shape, vecnn and OpenBLAS run back to back in one JMH
# invocation (1 and 2 threads), so their ratio survives load from other processes; then the scalar
# reference (small shapes) and the KernelPool dispatch latency. Run from the repository root after
#   mvn -B -pl core,bench -am -DskipTests package
# Output: bench/results/gemm-<shape>.json, gemm-reference.json, kernel-pool.json, fma-peak.json.
# The JMH lock is ignored so a run started beside another JMH user does not silently skip shapes.
# On a CPU with AVX-512, OpenBLAS also runs with OPENBLAS_CORETYPE=SkylakeX (its AVX-512 kernel; the
# environment variable reaches the JMH fork) right after each shape, into gemm-<shape>-skylakex.json:
# Debian's OpenBLAS 0.3.21 takes Zen 5 for an AVX2 core, and the faster of the two is the baseline.
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=${JAR:-bench/target/benchmarks.jar}
OUT=${OUT:-bench/results}
OPTS=${OPTS:-"-wi 2 -w 1 -i 3 -r 1 -f 1"}
# SHAPES="a:NN b:TN" re-runs only those shapes (each one's JSON is replaced; the rest are kept);
# TAIL=0 then skips the reference, pool and FMA-ceiling runs at the end.
TAIL=${TAIL:-1}
SHAPES=${SHAPES:-"256x256x256:NN 512x512x512:NN
1024x1024x1024:NN 1024x1024x1024:NT 1024x1024x1024:TN 1024x1024x1024:TT
2048x2048x2048:NN 2048x2048x2048:NT 2048x2048x2048:TN 2048x2048x2048:TT
128x784x128:NN 784x128x128:TN 128x128x784:NT 128x784x32:NN 784x32x128:TN 128x32x784:NT
128x784x10:NN 784x10x128:TN 128x10x784:NT
60000x784x128:NN 784x128x60000:TN 60000x128x784:NT 60000x784x32:NN 784x32x60000:TN 60000x32x784:NT
60000x784x10:NN 784x10x60000:TN 60000x10x784:NT"}
mkdir -p "$OUT"
for s in $SHAPES; do
  f=$(echo "$s" | tr ':' '-')
  $J -Djmh.ignoreLock=true -jar "$JAR" 'gemm\.(GemmBenchmark|OpenBlasGemmBenchmark)\.' -p shape="$s" $OPTS -rf json -rff "$OUT/gemm-$f.json"
  if grep -qw avx512f /proc/cpuinfo; then
    OPENBLAS_CORETYPE=SkylakeX $J -Djmh.ignoreLock=true -jar "$JAR" 'gemm\.OpenBlasGemmBenchmark\.' -p shape="$s" $OPTS \
      -rf json -rff "$OUT/gemm-$f-skylakex.json"
  else
    rm -f "$OUT/gemm-$f-skylakex.json"
  fi
done
[ "$TAIL" = 0 ] && exit 0
$J -Djmh.ignoreLock=true -jar "$JAR" 'gemm\.ReferenceGemmBenchmark\.' $OPTS -rf json -rff "$OUT/gemm-reference.json"
$J -Djmh.ignoreLock=true -jar "$JAR" 'gemm\.KernelPoolBenchmark\.' $OPTS -rf json -rff "$OUT/kernel-pool.json"
$J -Djmh.ignoreLock=true -jar "$JAR" 'gemm\.FmaPeakBenchmark\.' $OPTS -rf json -rff "$OUT/fma-peak.json"
