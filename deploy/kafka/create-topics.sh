#!/bin/bash
# Creates the engine's topics (CONTRACT section 2) on the compose broker; existing ones are kept.
# The same names and cleanup policies as `alert-engine run` creates (TopicProvisioner); a test
# (DeployConsistencyTest) keeps the two lists equal.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:19092}"
PARTITIONS="${PARTITIONS:-3}"

TOPICS="events.requests events.payments events.game events.infra alerts events.dlq alert-rules alert-actions notifications.dlq notifications.state"
COMPACTED="alert-rules alert-actions notifications.state"

for topic in $TOPICS; do
  config=()
  if [[ " $COMPACTED " == *" $topic "* ]]; then
    config=(--config cleanup.policy=compact)
  fi
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 "${config[@]}"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
