#!/usr/bin/env bash
# Issue 7: vecnn side by side with PyTorch, NumPy and Deeplearning4j on this machine, in one command.
#
#   peers/compare.sh            full comparison: settings sweep, 3 alternating rounds, 1 and 2 threads;
#                                     writes bench/results/peers.{csv,md,png} and peers-runs.csv
#   peers/compare.sh --quick    1 round, short epochs, no sweep; writes peers/target/peers-quick/
#   peers/compare.sh --help     every option (--rounds, --threads, --cases, --peers, --data, --out, ...)
#
# Peers: PyTorch and NumPy from Debian (apt-get install python3-torch python3-numpy; they live under
# /usr/bin/python3, override with VECNN_PYTHON), Deeplearning4j when its jar is built
# (mvn -B -q -Pdl4j -DskipTests -pl peers-dl4j -am package). A peer that is not installed is skipped
# with a message. Every timing run takes /tmp/vecnn-bench.lock (flock) so benchmarks never overlap.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$root/scripts/env.sh"
JAVA_HOME="$(vecnn_find_jdk)" || exit 1
export JAVA_HOME
cd "$root"

jar="$root/peers/target/vecnn-peers.jar"
stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/core" "$root/peers/pom.xml" "$root/peers/src" -newer "$jar" \
            \( -name '*.java' -o -name 'pom.xml' \) -print -quit 2>/dev/null)" ]
}
if [ -z "${VECNN_PEERS_JAR:-}" ] && stale; then
  vecnn_require_maven || exit 1
  echo "compare: building vecnn's peer jar ..." >&2
  mkdir -p "$root/peers/target"
  if ! mvn -B -q -ntp -DskipTests -pl core,peers -am package >"$root/peers/target/peers-build.log" 2>&1; then
    echo "compare: error: the build failed; the log is in peers/target/peers-build.log" >&2
    exit 1
  fi
fi

# Run from a private copy: another build in this tree must not swap the jar out half-way through.
# VECNN_PEERS_JAR names a prebuilt vecnn-peers.jar to use instead (for example one built from a clean checkout,
# so edits in progress in this tree are not measured), VECNN_PEERS_BUILD what to call it in the report.
work="$(mktemp -d "${TMPDIR:-/tmp}/vecnn-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "${VECNN_PEERS_JAR:-$jar}" "$work/vecnn-peers.jar"
jar="$work/vecnn-peers.jar"
dl4j="$root/peers-dl4j/target/peers-dl4j.jar"
if [ -f "$dl4j" ]; then cp "$dl4j" "$work/peers-dl4j.jar"; dl4j="$work/peers-dl4j.jar"; fi
build="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
[ -n "${VECNN_PEERS_JAR:-}" ] && build="${VECNN_PEERS_BUILD:-prebuilt $VECNN_PEERS_JAR}"

python="${VECNN_PYTHON:-/usr/bin/python3}"
if [ ! -x "$python" ]; then
  python="$(command -v python3 || true)"
fi
data="${VECNN_DATA_DIR:-$HOME/.cache/vecnn/mnist}"
lock=(--lock /tmp/vecnn-bench.lock)
command -v flock >/dev/null 2>&1 || { echo "compare: flock not found: timing runs are not serialised" >&2; lock=(--no-lock); }

"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$jar" dev.vecnn.peers.compare.Compare \
  --java "$JAVA_HOME/bin/java" --jar "$jar" --dl4j-jar "$dl4j" --build "$build" \
  --python "${python:-/usr/bin/python3}" --peers-dir "$here" --data "$data" "${lock[@]}" \
  --command "peers/compare.sh $*" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
