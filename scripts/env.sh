# Sourced by ./vecnn and ./check: finds a JDK 25+ and Maven without relying on PATH's java.
# Prints one clear line and returns non-zero when something is missing.

vecnn_find_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/temurin-[3-9]* /usr/lib/jvm/java-2[5-9]* \
           /usr/lib/jvm/jdk-2[5-9]* /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release" 2>/dev/null)
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      echo "$c"
      return 0
    fi
  done
  echo "vecnn: error: no JDK 25 or newer found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm): install a JDK 25+ (for example Temurin 25) and set JAVA_HOME to it" >&2
  return 1
}

vecnn_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "vecnn: error: Maven (mvn) is not on PATH: install Maven 3.8 or newer (Debian: apt-get install maven)" >&2
    return 1
  fi
}

# Copies stdin to stderr unchanged except the JVM's one-line notice that the incubator Vector API
# module is in use, which no JVM flag silences. It ignores Ctrl-C and TERM and ends when the JVM
# closes its stderr, so the JVM's last words still get through when it is interrupted.
vecnn_incubator_filter() {
  perl -e '
      $SIG{INT} = $SIG{TERM} = "IGNORE";
      $| = 1; my $head = ""; my $done = 0;
      while (sysread(STDIN, my $b, 65536)) {
        if ($done) { syswrite(STDERR, $b); next; }
        $head .= $b;
        next unless $head =~ /\n/ || length($head) > 256;
        $head =~ s/\AWARNING: Using incubator modules: [^\n]*\n//;
        syswrite(STDERR, $head); $done = 1;
      }
      syswrite(STDERR, $head) unless $done;'
}

# Runs its arguments with stderr through vecnn_incubator_filter and returns their exit status.
vecnn_quiet_incubator() {
  "$@" 2> >(vecnn_incubator_filter)
  local status=$?
  [ -n "${!:-}" ] && wait "$!" 2>/dev/null; wait 2>/dev/null || true
  return $status
}

# The JVM flag for transparent huge pages when Linux offers them to a process that asks (madvise) or
# to all: an epoch streams a training set of up to 188 MB, and with 4 KiB pages its TLB misses and
# first-touch page faults cost a large share of memory-bound passes. Prints nothing elsewhere (the
# flag exists on Linux only, and with THP off the JVM would print a warning).
vecnn_memory_flags() {
  local f=/sys/kernel/mm/transparent_hugepage/enabled
  if [ -r "$f" ] && grep -qE '\[(always|madvise)\]' "$f"; then
    echo "-XX:+UseTransparentHugePages"
  fi
}
