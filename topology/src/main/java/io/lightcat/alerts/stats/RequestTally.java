package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Requests to one service: how many, how many failed (5xx), latency (sum and a KLL sketch for
 * percentiles), and the security counts of the LIGHTCAT plan — rate-limit violations (429), failed
 * logins (401 or 403 on a route containing {@code auth} or {@code login}, as the {@code
 * failed-login-spike} rule counts them) and not-found answers (404).
 */
public final class RequestTally implements Tally {
  /** KLL accuracy, as in the rule engine: k=200 is about 1.3% rank error. */
  static final int KLL_K = 200;

  private long requests;
  private long errors;
  private long rateLimited;
  private long failedLogins;
  private long notFound;
  private double latencySumMs;
  private KllDoublesSketch latency;

  /** Counts one request. */
  public RequestTally add(int status, double latencyMs, String route) {
    requests++;
    if (status >= 500) {
      errors++;
    } else if (status == 429) {
      rateLimited++;
    } else if (status == 404) {
      notFound++;
    } else if ((status == 401 || status == 403) && isLoginRoute(route)) {
      failedLogins++;
    }
    latencySumMs += latencyMs;
    if (latency == null) {
      latency = KllDoublesSketch.newHeapInstance(KLL_K);
    }
    latency.update(latencyMs);
    return this;
  }

  private static boolean isLoginRoute(String route) {
    if (route == null) {
      return false;
    }
    String r = route.toLowerCase(Locale.ROOT);
    return r.contains("auth") || r.contains("login");
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  public long rateLimited() {
    return rateLimited;
  }

  public long failedLogins() {
    return failedLogins;
  }

  public long notFound() {
    return notFound;
  }

  public double latencySumMs() {
    return latencySumMs;
  }

  /** The {@code q} quantile of the latencies, or null without requests. */
  public Double latencyQuantileMs(double q) {
    if (latency == null || latency.isEmpty()) {
      return null;
    }
    return latency.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
  }

  @Override
  public RequestTally merge(Tally other) {
    RequestTally o = (RequestTally) other;
    requests += o.requests;
    errors += o.errors;
    rateLimited += o.rateLimited;
    failedLogins += o.failedLogins;
    notFound += o.notFound;
    latencySumMs += o.latencySumMs;
    if (o.latency != null && !o.latency.isEmpty()) {
      if (latency == null) {
        latency = KllDoublesSketch.newHeapInstance(KLL_K);
      }
      latency.merge(o.latency);
    }
    return this;
  }

  @Override
  public RequestTally empty() {
    return new RequestTally();
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(requests);
    out.writeLong(errors);
    out.writeLong(rateLimited);
    out.writeLong(failedLogins);
    out.writeLong(notFound);
    out.writeDouble(latencySumMs);
    SketchIo.writeKll(out, latency);
  }

  static RequestTally readFrom(DataInputStream in) throws IOException {
    RequestTally t = new RequestTally();
    t.requests = in.readLong();
    t.errors = in.readLong();
    t.rateLimited = in.readLong();
    t.failedLogins = in.readLong();
    t.notFound = in.readLong();
    t.latencySumMs = in.readDouble();
    t.latency = SketchIo.readKll(in);
    return t;
  }
}
