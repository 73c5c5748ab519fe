package io.lightcat.alerts.stream.backtest;

/**
 * One recorded input record, as read from an event topic: what a backtest replays.
 *
 * @param timestamp the record's timestamp (epoch ms)
 */
public record HistoryRecord(String topic, byte[] key, byte[] value, long timestamp) {}
