/**
 * Backtests: what rules would have done over retained history. Recorded input records are replayed
 * through the production topology ({@link io.lightcat.alerts.stream.EngineTopology#build}) in a
 * TopologyTestDriver, so no cluster state is touched, and two runs can be compared alert by alert.
 */
package io.lightcat.alerts.stream.backtest;
