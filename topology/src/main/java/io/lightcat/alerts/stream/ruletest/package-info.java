/**
 * Rule unit tests, the engine's {@code promtool test rules}: YAML files of timed input events and
 * expected firing alerts, run against the production topology in a {@code TopologyTestDriver}.
 *
 * <p>{@link io.lightcat.alerts.stream.ruletest.RuleTestRunner} is the entry point; {@code rules
 * test PATH} calls {@link
 * io.lightcat.alerts.stream.ruletest.RuleTestRunner#run(java.nio.file.Path)} and prints {@link
 * io.lightcat.alerts.stream.ruletest.RuleTestReport#lines()}.
 */
package io.lightcat.alerts.stream.ruletest;
