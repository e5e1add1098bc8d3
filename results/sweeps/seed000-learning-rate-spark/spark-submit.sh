#!/usr/bin/env bash
# What Spark's bin/spark-submit and bin/spark-class do: ask the launcher (org.apache.spark.launcher.Main)
# for the java command of SparkSubmit, with the JVM options Spark adds, and run it.
export SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd)"
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
RUNNER="${JAVA_HOME:?set JAVA_HOME}/bin/java"
CMD=()
while IFS= read -d '' -r ARG; do CMD+=("$ARG"); done < <("$RUNNER" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"; printf "%d\0" $?)
COUNT=${#CMD[@]}; LAST=$((COUNT - 1)); CODE=${CMD[$LAST]}
[ "$CODE" != 0 ] && exit "$CODE"
# the launcher's output starts with a marker (NUL, then a newline) before the command itself
START=0
while [ "$START" -lt "$LAST" ] && [ -z "${CMD[$START]//$'\n'/}" ]; do START=$((START + 1)); done
CMD[$START]="${CMD[$START]##*$'\n'}"
exec "${CMD[@]:$START:$((LAST - START))}"
