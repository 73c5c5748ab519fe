package io.lightcat.alerts.query;

import io.lightcat.alerts.stats.DistinctTally;
import io.lightcat.alerts.stats.GameTally;
import io.lightcat.alerts.stats.HealthTally;
import io.lightcat.alerts.stats.InfraReading;
import io.lightcat.alerts.stats.InvoiceState;
import io.lightcat.alerts.stats.PaymentTally;
import io.lightcat.alerts.stats.RequestTally;
import io.lightcat.alerts.stats.SessionState;
import io.lightcat.alerts.stats.StatsKey;
import io.lightcat.alerts.stats.StatsKey.Span;
import io.lightcat.alerts.stats.Tally;
import io.lightcat.alerts.stats.TallySerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The statistics of some partitions, summed up for one {@link StatsWindow}: what one instance reads
 * from its stores and sends to the instance that answers a query, and what that instance merges
 * from all of them. Everything in it is a count, a sum, a sketch or a latest reading, so {@link
 * #merge} of the parts of every partition gives the same snapshot as one store holding all of them,
 * in any order; {@link StatsReport} turns the merged snapshot into figures.
 *
 * <p>Mutable and not thread-safe.
 */
public final class StatsSnapshot {
  private static final int FORMAT = 1;

  private final StatsWindow window;
  private PaymentTally paymentsInWindow = new PaymentTally();
  private PaymentTally paymentsLastHour = new PaymentTally();
  private PaymentTally paymentsToday = new PaymentTally();
  private long pendingInvoices;
  private final TreeMap<String, RequestTally> requests = new TreeMap<>();
  private DistinctTally activeUsers = new DistinctTally();
  private GameTally gameInWindow = new GameTally();
  private GameTally gameToday = new GameTally();
  private DistinctTally activePlayers = new DistinctTally();
  private long activeSessions;
  private final TreeMap<String, HealthTally> healthInWindow = new TreeMap<>();
  private final TreeMap<String, HealthTally> healthToday = new TreeMap<>();
  private final TreeMap<String, InfraReading> latest = new TreeMap<>();

  public StatsSnapshot(StatsWindow window) {
    this.window = Objects.requireNonNull(window, "window");
  }

  public StatsWindow window() {
    return window;
  }

  /** Adds a bucket's tally where the window wants it; buckets outside the window are ignored. */
  public StatsSnapshot addBucket(StatsKey key, Tally tally) {
    if (key.span() == Span.DAY) {
      if (key.start() == window.today()) {
        addDaily(key, tally);
      }
      return this;
    }
    long start = key.start();
    boolean inWindow = window.inWindow(start);
    boolean active = window.inLast(StatsWindow.ACTIVE, start);
    switch (key.figure()) {
      case PAYMENTS -> {
        if (inWindow) {
          paymentsInWindow.merge(tally);
        }
        if (window.inLast(Duration.ofHours(1), start)) {
          paymentsLastHour.merge(tally);
        }
      }
      case REQUESTS -> {
        if (inWindow) {
          requests.computeIfAbsent(key.dimension(), d -> new RequestTally()).merge(tally);
        }
      }
      case GAME -> {
        if (inWindow) {
          gameInWindow.merge(tally);
        }
      }
      case HEALTH -> {
        if (inWindow) {
          healthInWindow.computeIfAbsent(key.dimension(), d -> new HealthTally()).merge(tally);
        }
      }
      case ACTIVE_USERS -> {
        if (active) {
          activeUsers.merge(tally);
        }
      }
      case ACTIVE_PLAYERS -> {
        if (active) {
          activePlayers.merge(tally);
        }
      }
    }
    return this;
  }

  private void addDaily(StatsKey key, Tally tally) {
    switch (key.figure()) {
      case PAYMENTS -> paymentsToday.merge(tally);
      case GAME -> gameToday.merge(tally);
      case HEALTH ->
          healthToday.computeIfAbsent(key.dimension(), d -> new HealthTally()).merge(tally);
      default -> {}
    }
  }

  /** Counts the invoice if it is pending at the window's instant (created within a day). */
  public StatsSnapshot addInvoice(InvoiceState invoice) {
    long at = window.at().toEpochMilli();
    if (invoice.pendingAt(at - Duration.ofDays(1).toMillis(), at)) {
      pendingInvoices++;
    }
    return this;
  }

  /** Counts the session if it runs at the window's instant. */
  public StatsSnapshot addSession(SessionState session, Duration timeout) {
    long at = window.at().toEpochMilli();
    if (session.activeAt(at - timeout.toMillis(), at)) {
      activeSessions++;
    }
    return this;
  }

  /**
   * Keeps the newer of this reading and the one held for its subject, if at or before {@code at}.
   */
  public StatsSnapshot addReading(InfraReading reading) {
    if (reading.ts() <= window.at().toEpochMilli()) {
      latest.merge(reading.key(), reading, InfraReading::newer);
    }
    return this;
  }

  /** Folds {@code other}, a snapshot for the same window, into this one. */
  public StatsSnapshot merge(StatsSnapshot other) {
    if (!other.window.equals(window)) {
      throw new IllegalArgumentException(
          "cannot merge a snapshot for " + other.window + " into one for " + window);
    }
    paymentsInWindow.merge(other.paymentsInWindow);
    paymentsLastHour.merge(other.paymentsLastHour);
    paymentsToday.merge(other.paymentsToday);
    pendingInvoices += other.pendingInvoices;
    other.requests.forEach((s, t) -> requests.computeIfAbsent(s, k -> new RequestTally()).merge(t));
    activeUsers.merge(other.activeUsers);
    gameInWindow.merge(other.gameInWindow);
    gameToday.merge(other.gameToday);
    activePlayers.merge(other.activePlayers);
    activeSessions += other.activeSessions;
    other.healthInWindow.forEach(
        (s, t) -> healthInWindow.computeIfAbsent(s, k -> new HealthTally()).merge(t));
    other.healthToday.forEach(
        (s, t) -> healthToday.computeIfAbsent(s, k -> new HealthTally()).merge(t));
    other.latest.values().forEach(r -> latest.merge(r.key(), r, InfraReading::newer));
    return this;
  }

  public PaymentTally paymentsInWindow() {
    return paymentsInWindow;
  }

  public PaymentTally paymentsLastHour() {
    return paymentsLastHour;
  }

  public PaymentTally paymentsToday() {
    return paymentsToday;
  }

  public long pendingInvoices() {
    return pendingInvoices;
  }

  /** Requests in the window per service, sorted by service. */
  public SortedMap<String, RequestTally> requests() {
    return Collections.unmodifiableSortedMap(requests);
  }

  public DistinctTally activeUsers() {
    return activeUsers;
  }

  public GameTally gameInWindow() {
    return gameInWindow;
  }

  public GameTally gameToday() {
    return gameToday;
  }

  public DistinctTally activePlayers() {
    return activePlayers;
  }

  public long activeSessions() {
    return activeSessions;
  }

  /** Health checks in the window per target. */
  public SortedMap<String, HealthTally> healthInWindow() {
    return Collections.unmodifiableSortedMap(healthInWindow);
  }

  /** Health checks today per target. */
  public SortedMap<String, HealthTally> healthToday() {
    return Collections.unmodifiableSortedMap(healthToday);
  }

  /** The latest infra readings by {@link InfraReading#key()}. */
  public SortedMap<String, InfraReading> latest() {
    return Collections.unmodifiableSortedMap(latest);
  }

  /** The binary form peers send each other. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(window.at().toEpochMilli());
      out.writeLong(window.window().toMillis());
      for (Tally t : new Tally[] {paymentsInWindow, paymentsLastHour, paymentsToday}) {
        TallySerde.writeTo(out, t);
      }
      out.writeLong(pendingInvoices);
      writeTallies(out, requests);
      TallySerde.writeTo(out, activeUsers);
      TallySerde.writeTo(out, gameInWindow);
      TallySerde.writeTo(out, gameToday);
      TallySerde.writeTo(out, activePlayers);
      out.writeLong(activeSessions);
      writeTallies(out, healthInWindow);
      writeTallies(out, healthToday);
      out.writeInt(latest.size());
      for (InfraReading r : latest.values()) {
        r.writeTo(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads what {@link #toBytes} wrote.
   *
   * @throws IOException when {@code data} is not a snapshot
   */
  public static StatsSnapshot fromBytes(byte[] data) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
    int format = in.readByte();
    if (format != FORMAT) {
      throw new IOException("unknown stats snapshot format " + format);
    }
    StatsSnapshot s =
        new StatsSnapshot(
            new StatsWindow(Instant.ofEpochMilli(in.readLong()), Duration.ofMillis(in.readLong())));
    s.paymentsInWindow = read(in, PaymentTally.class);
    s.paymentsLastHour = read(in, PaymentTally.class);
    s.paymentsToday = read(in, PaymentTally.class);
    s.pendingInvoices = in.readLong();
    readTallies(in, s.requests, RequestTally.class);
    s.activeUsers = read(in, DistinctTally.class);
    s.gameInWindow = read(in, GameTally.class);
    s.gameToday = read(in, GameTally.class);
    s.activePlayers = read(in, DistinctTally.class);
    s.activeSessions = in.readLong();
    readTallies(in, s.healthInWindow, HealthTally.class);
    readTallies(in, s.healthToday, HealthTally.class);
    int readings = in.readInt();
    for (int i = 0; i < readings; i++) {
      InfraReading r = InfraReading.readFrom(in);
      s.latest.put(r.key(), r);
    }
    return s;
  }

  private static void writeTallies(DataOutputStream out, Map<String, ? extends Tally> tallies)
      throws IOException {
    out.writeInt(tallies.size());
    for (Map.Entry<String, ? extends Tally> e : tallies.entrySet()) {
      out.writeUTF(e.getKey());
      TallySerde.writeTo(out, e.getValue());
    }
  }

  private static <T extends Tally> T read(DataInputStream in, Class<T> type) throws IOException {
    Tally t = TallySerde.readFrom(in);
    if (!type.isInstance(t)) {
      throw new IOException("expected a " + type.getSimpleName() + ", not " + t.getClass());
    }
    return type.cast(t);
  }

  private static <T extends Tally> void readTallies(
      DataInputStream in, Map<String, T> into, Class<T> type) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      into.put(key, read(in, type));
    }
  }
}
