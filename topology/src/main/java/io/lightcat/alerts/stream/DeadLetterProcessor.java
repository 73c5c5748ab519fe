package io.lightcat.alerts.stream;

import io.lightcat.alerts.event.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a {@link Ingested.Rejected} into the bytes, key and headers of a dead-letter record; the
 * headers replace the original record's entirely.
 */
final class DeadLetterProcessor implements Processor<String, Ingested, byte[], byte[]> {
  private ProcessorContext<byte[], byte[]> context;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Ingested> record) {
    if (!(record.value() instanceof Ingested.Rejected rejected)) {
      throw new IllegalStateException(
          "dead-letter branch received " + record.value().getClass().getSimpleName());
    }
    DeadLetterRecord deadLetter = rejected.deadLetter();
    RecordHeaders headers = new RecordHeaders();
    deadLetter.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
    context.forward(
        new Record<>(deadLetter.key(), deadLetter.value(), record.timestamp(), headers));
  }
}
