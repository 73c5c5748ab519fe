package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.DeadLetterRecord;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import io.lightcat.alerts.event.ParseResult.Invalid;
import io.lightcat.alerts.event.Redactor;
import io.lightcat.alerts.metrics.EngineMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates one raw input record: forwards an {@link Ingested.Accepted} event (key = record key as
 * UTF-8, timestamp = event time, no record headers) or an {@link Ingested.Rejected} dead-letter
 * copy (original timestamp). Counts {@code events.in} and {@code events.invalid}, logs one WARN
 * line per rejection with topic, partition, offset and reason — never the payload.
 *
 * <p>Never throws for a record: an unexpected exception while handling one is logged (message
 * scrubbed of secrets) and the record is dead-lettered with category {@code internal}.
 */
final class ValidateEventProcessor implements Processor<byte[], byte[], String, Ingested> {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateEventProcessor.class);

  private final EngineConfig config;
  private final EventParser parser;
  private final EngineMetrics metrics;
  private ProcessorContext<String, Ingested> context;

  ValidateEventProcessor(EngineConfig config, EventParser parser, EngineMetrics metrics) {
    this.config = config;
    this.parser = parser;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Ingested> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    String topic = metadata.map(RecordMetadata::topic).orElse("");
    int partition = metadata.map(RecordMetadata::partition).orElse(-1);
    long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
    Optional<EventStream> stream = EventStream.ofTopic(config.topics(), topic);
    String streamName = stream.map(EventStream::ruleName).orElse("unknown");
    metrics.eventIn(streamName);
    ParseResult result;
    try {
      result =
          stream.isPresent()
              ? parser.parse(stream.get(), record.key(), record.value(), record.timestamp())
              : new Invalid("record from topic that is not an event topic", Invalid.INTERNAL);
    } catch (RuntimeException e) {
      LOG.error(
          "internal error validating record topic={} partition={} offset={}",
          topic,
          partition,
          offset,
          scrubbed(e));
      result =
          new Invalid(
              "internal error while validating the record (" + e.getClass().getSimpleName() + ")",
              Invalid.INTERNAL);
    }
    if (result instanceof ParseResult.Valid valid) {
      forwardEvent(record, valid);
    } else if (result instanceof Invalid invalid) {
      forwardRejection(record, streamName, invalid, topic, partition, offset);
    }
  }

  private void forwardEvent(Record<byte[], byte[]> record, ParseResult.Valid valid) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    context.forward(
        new Record<String, Ingested>(
            key,
            new Ingested.Accepted(valid.event()),
            valid.event().timestampMs(),
            new RecordHeaders()));
  }

  private void forwardRejection(
      Record<byte[], byte[]> record,
      String streamName,
      Invalid invalid,
      String topic,
      int partition,
      long offset) {
    metrics.eventInvalid(streamName, invalid.category());
    LOG.warn(
        "rejected record topic={} partition={} offset={} category={}: {}",
        topic,
        partition,
        offset,
        invalid.category(),
        invalid.reason());
    DeadLetterRecord deadLetter =
        DeadLetterRecord.of(
            parser.redactor(),
            record.key(),
            record.value(),
            invalid.reason(),
            topic,
            partition,
            offset,
            config.maxRecordBytes());
    context.forward(
        new Record<String, Ingested>(
            null, new Ingested.Rejected(deadLetter), record.timestamp(), new RecordHeaders()));
  }

  /** A copy of {@code e} whose messages are scrubbed of secrets, with the same stack traces. */
  private Throwable scrubbed(Throwable e) {
    Redactor redactor = parser.redactor();
    String message = e.getMessage() == null ? null : redactor.scrub(e.getMessage());
    Throwable copy = new IllegalStateException(e.getClass().getName() + ": " + message);
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null && e.getCause() != e) {
      copy.initCause(scrubbed(e.getCause()));
    }
    return copy;
  }
}
