package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Payments in one bucket, each invoice's outcome counted once: invoices created, payments
 * confirmed, failed (with their reasons), invoices expired and rejected, revenue of the confirmed
 * payments, the invoice-to-confirmation times that ended in the bucket, and the consignment
 * generation and webhook response times reported in it.
 */
public final class PaymentTally implements Tally {
  private long invoices;
  private long confirmed;
  private long failed;
  private long expired;
  private long rejected;
  private long revenueSats;
  private long processed;
  private long processingSumMs;
  private long consignments;
  private double consignmentSumMs;
  private long webhooks;
  private double webhookSumMs;
  private TreeMap<String, Long> failureReasons = new TreeMap<>();

  public PaymentTally invoiceCreated() {
    invoices++;
    return this;
  }

  public PaymentTally confirmed() {
    confirmed++;
    return this;
  }

  public PaymentTally failed(String reason) {
    failed++;
    failureReasons.merge(reason, 1L, Long::sum);
    return this;
  }

  public PaymentTally expired() {
    expired++;
    return this;
  }

  public PaymentTally rejected() {
    rejected++;
    return this;
  }

  public PaymentTally revenue(long sats) {
    revenueSats += sats;
    return this;
  }

  /** One invoice confirmed {@code ms} after it was created. */
  public PaymentTally processed(long ms) {
    processed++;
    processingSumMs += ms;
    return this;
  }

  public PaymentTally consignment(double ms) {
    consignments++;
    consignmentSumMs += ms;
    return this;
  }

  public PaymentTally webhook(double ms) {
    webhooks++;
    webhookSumMs += ms;
    return this;
  }

  public long invoices() {
    return invoices;
  }

  public long confirmedCount() {
    return confirmed;
  }

  public long failedCount() {
    return failed;
  }

  public long expiredCount() {
    return expired;
  }

  public long rejectedCount() {
    return rejected;
  }

  public long revenueSats() {
    return revenueSats;
  }

  public long processedCount() {
    return processed;
  }

  public long processingSumMs() {
    return processingSumMs;
  }

  public long consignments() {
    return consignments;
  }

  public double consignmentSumMs() {
    return consignmentSumMs;
  }

  public long webhooks() {
    return webhooks;
  }

  public double webhookSumMs() {
    return webhookSumMs;
  }

  /** Failures by reason, sorted by reason. */
  public Map<String, Long> failureReasons() {
    return Map.copyOf(failureReasons);
  }

  @Override
  public PaymentTally merge(Tally other) {
    PaymentTally o = (PaymentTally) other;
    invoices += o.invoices;
    confirmed += o.confirmed;
    failed += o.failed;
    expired += o.expired;
    rejected += o.rejected;
    revenueSats += o.revenueSats;
    processed += o.processed;
    processingSumMs += o.processingSumMs;
    consignments += o.consignments;
    consignmentSumMs += o.consignmentSumMs;
    webhooks += o.webhooks;
    webhookSumMs += o.webhookSumMs;
    o.failureReasons.forEach((reason, n) -> failureReasons.merge(reason, n, Long::sum));
    return this;
  }

  @Override
  public PaymentTally empty() {
    return new PaymentTally();
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(invoices);
    out.writeLong(confirmed);
    out.writeLong(failed);
    out.writeLong(expired);
    out.writeLong(rejected);
    out.writeLong(revenueSats);
    out.writeLong(processed);
    out.writeLong(processingSumMs);
    out.writeLong(consignments);
    out.writeDouble(consignmentSumMs);
    out.writeLong(webhooks);
    out.writeDouble(webhookSumMs);
    SketchIo.writeCounts(out, failureReasons);
  }

  static PaymentTally readFrom(DataInputStream in) throws IOException {
    PaymentTally t = new PaymentTally();
    t.invoices = in.readLong();
    t.confirmed = in.readLong();
    t.failed = in.readLong();
    t.expired = in.readLong();
    t.rejected = in.readLong();
    t.revenueSats = in.readLong();
    t.processed = in.readLong();
    t.processingSumMs = in.readLong();
    t.consignments = in.readLong();
    t.consignmentSumMs = in.readDouble();
    t.webhooks = in.readLong();
    t.webhookSumMs = in.readDouble();
    t.failureReasons = SketchIo.readCounts(in);
    return t;
  }
}
