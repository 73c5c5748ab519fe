package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.LabelMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A node of the routing tree, with Alertmanager's semantics: an alert enters a node when all its
 * matchers hold; it then goes to the first matching child (and further matching siblings while
 * those have {@code continue: true}); when no child takes it, the node's own receiver gets it. The
 * root matches everything.
 *
 * @param key the node's stable identity (its path of matchers and its receiver), what alert groups
 *     are stored under so they survive a restart
 * @param receiver this node's receiver (inherited from the parent when not set in the config)
 * @param continueMatching after matching, also try the following siblings
 * @param grouping how the node batches alerts (inherited from the parent when not set)
 * @param muteTimeIntervals names of time intervals during which this node notifies nobody
 * @param activeTimeIntervals names of time intervals outside which this node notifies nobody
 *     (empty: always active)
 */
public record Route(
    String key,
    List<LabelMatcher> matchers,
    String receiver,
    boolean continueMatching,
    List<Route> routes,
    Grouping grouping,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals) {
  public Route {
    Objects.requireNonNull(key, "key");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(receiver, "receiver");
    routes = List.copyOf(routes);
    Objects.requireNonNull(grouping, "grouping");
    muteTimeIntervals = List.copyOf(muteTimeIntervals);
    activeTimeIntervals = List.copyOf(activeTimeIntervals);
  }

  /** A node that notifies each alert on its own, at once, and is never muted. */
  public Route(
      List<LabelMatcher> matchers, String receiver, boolean continueMatching, List<Route> routes) {
    this(
        keyOf("", matchers, receiver),
        matchers,
        receiver,
        continueMatching,
        routes,
        Grouping.PER_ALERT,
        List.of(),
        List.of());
  }

  /**
   * The key of a child of {@code parentKey}: the parent's, then the child's matchers and receiver.
   */
  static String keyOf(String parentKey, List<LabelMatcher> matchers, String receiver) {
    return parentKey
        + "/{"
        + matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(","))
        + "}:"
        + receiver;
  }

  /** The receivers {@code alert} reaches, in routing order, without duplicates. */
  public List<String> receivers(Alert alert) {
    return matchingNodes(alert).stream().map(Route::receiver).toList();
  }

  /**
   * The nodes whose receivers {@code alert} reaches, in routing order; of several nodes with the
   * same receiver only the first.
   */
  public List<Route> matchingNodes(Alert alert) {
    Map<String, Route> out = new LinkedHashMap<>();
    collect(alert, out);
    return new ArrayList<>(out.values());
  }

  /** Whether this node matched (and so added receivers). */
  private boolean collect(Alert alert, Map<String, Route> out) {
    if (!matches(alert)) {
      return false;
    }
    boolean childMatched = false;
    for (Route child : routes) {
      if (child.collect(alert, out)) {
        childMatched = true;
        if (!child.continueMatching) {
          break;
        }
      }
    }
    if (!childMatched) {
      out.putIfAbsent(receiver, this);
    }
    return true;
  }

  public boolean matches(Alert alert) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(alert)) {
        return false;
      }
    }
    return true;
  }

  /** This node or a descendant with {@code key}. */
  public Optional<Route> find(String key) {
    if (this.key.equals(key)) {
      return Optional.of(this);
    }
    for (Route child : routes) {
      Optional<Route> found = child.find(key);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
