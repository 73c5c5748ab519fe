package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Health checks of one target: how many ran and how many were ok (the uptime tile's parts). */
public final class HealthTally implements Tally {
  private long checks;
  private long ok;

  public HealthTally add(boolean wasOk) {
    checks++;
    if (wasOk) {
      ok++;
    }
    return this;
  }

  public long checks() {
    return checks;
  }

  public long ok() {
    return ok;
  }

  @Override
  public HealthTally merge(Tally other) {
    HealthTally o = (HealthTally) other;
    checks += o.checks;
    ok += o.ok;
    return this;
  }

  @Override
  public HealthTally empty() {
    return new HealthTally();
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(checks);
    out.writeLong(ok);
  }

  static HealthTally readFrom(DataInputStream in) throws IOException {
    HealthTally t = new HealthTally();
    t.checks = in.readLong();
    t.ok = in.readLong();
    return t;
  }
}
