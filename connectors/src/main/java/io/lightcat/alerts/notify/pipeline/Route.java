package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A node of the routing tree, with Alertmanager's semantics: an alert enters a node when all its
 * matchers hold; it then goes to the first matching child (and further matching siblings while
 * those have {@code continue: true}); when no child takes it, the node's own receiver gets it. The
 * root matches everything.
 *
 * @param receiver this node's receiver (inherited from the parent when not set in the config)
 * @param continueMatching after matching, also try the following siblings
 */
public record Route(
    List<LabelMatcher> matchers, String receiver, boolean continueMatching, List<Route> routes) {
  public Route {
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(receiver, "receiver");
    routes = List.copyOf(routes);
  }

  /** The receivers {@code alert} reaches, in routing order, without duplicates. */
  public List<String> receivers(Alert alert) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    collect(alert, out);
    return new ArrayList<>(out);
  }

  /** Whether this node matched (and so added receivers). */
  private boolean collect(Alert alert, LinkedHashSet<String> out) {
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
      out.add(receiver);
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
}
