package io.lightcat.alerts.app.http;

import io.lightcat.alerts.query.QueryResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One query over state spread across instances: this instance's part read locally, every other part
 * fetched in parallel from the instance that holds it (an {@code /internal/.../local} endpoint),
 * and the parts merged.
 *
 * <p>All or nothing: when this instance's stores are not queryable, the assignment is unknown, or
 * any other instance does not answer 200 with a readable body, the result is not ready — a caller
 * must not mistake a rebalance for "less state". An instance that holds no part (more instances
 * than partitions) reads no local store and merges only its peers' parts.
 *
 * @param <Q> the query
 * @param <T> one instance's part, and the merged whole
 */
public final class FanOut<Q, T> {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Reads a peer's answer body. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] body) throws IOException;
  }

  private final HostInfo self;
  private final Function<Q, QueryResult<T>> local;
  private final Supplier<QueryResult<List<HostInfo>>> hosts;
  private final BiFunction<HostInfo, Q, URI> peerUri;
  private final Decoder<T> decoder;
  private final Function<List<T>, T> merge;
  private final ApiAccess access;
  private final HttpClient client;

  /**
   * @param self this instance's {@code application.server}
   * @param local reads this instance's part
   * @param hosts the instances holding a part, this one included when it does
   * @param peerUri where a peer answers its local part of a query
   * @param decoder reads a peer's 200 answer
   * @param merge merges the parts (this instance's first, then the peers' in {@code hosts} order)
   * @param access the token sent to peers, which check it like any caller's
   */
  public FanOut(
      HostInfo self,
      Function<Q, QueryResult<T>> local,
      Supplier<QueryResult<List<HostInfo>>> hosts,
      BiFunction<HostInfo, Q, URI> peerUri,
      Decoder<T> decoder,
      Function<List<T>, T> merge,
      ApiAccess access) {
    this.self = Objects.requireNonNull(self, "self");
    this.local = Objects.requireNonNull(local, "local");
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.peerUri = Objects.requireNonNull(peerUri, "peerUri");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.merge = Objects.requireNonNull(merge, "merge");
    this.access = Objects.requireNonNull(access, "access");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Every instance's part of {@code query}, merged; or why not all of them can be read now. */
  public QueryResult<T> query(Q query) {
    QueryResult<List<HostInfo>> owners = hosts.get();
    if (owners instanceof QueryResult.NotReady<List<HostInfo>> notReady) {
      return QueryResult.notReady(notReady.reason());
    }
    Map<HostInfo, CompletableFuture<QueryResult<T>>> parts = new LinkedHashMap<>();
    boolean selfHoldsAPart = false;
    for (HostInfo host : ((QueryResult.Ready<List<HostInfo>>) owners).value()) {
      if (host.equals(self)) {
        selfHoldsAPart = true;
      } else {
        parts.put(host, fetch(host, query));
      }
    }
    List<T> found = new ArrayList<>();
    if (selfHoldsAPart) {
      QueryResult<T> mine = local.apply(query);
      if (mine instanceof QueryResult.NotReady<T> notReady) {
        return notReady;
      }
      found.add(((QueryResult.Ready<T>) mine).value());
    }
    for (var part : parts.entrySet()) {
      QueryResult<T> theirs = part.getValue().join();
      if (theirs instanceof QueryResult.NotReady<T> notReady) {
        return QueryResult.notReady(
            "instance "
                + part.getKey().host()
                + ":"
                + part.getKey().port()
                + ": "
                + notReady.reason());
      }
      found.add(((QueryResult.Ready<T>) theirs).value());
    }
    return QueryResult.ready(merge.apply(found));
  }

  private CompletableFuture<QueryResult<T>> fetch(HostInfo host, Q query) {
    HttpRequest request =
        access
            .authorize(HttpRequest.newBuilder(peerUri.apply(host, query)))
            .timeout(TIMEOUT)
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                // the reason reaches REST answers: no exception class names there
                return QueryResult.notReady("unreachable: " + Unreachable.describe(cause));
              }
              if (response.statusCode() != 200) {
                return QueryResult.notReady("answered " + response.statusCode());
              }
              try {
                return QueryResult.ready(decoder.decode(response.body()));
              } catch (IOException | RuntimeException e) {
                // a parser's message names classes; the answer must not
                return QueryResult.notReady("answered an unreadable body");
              }
            });
  }

  /** {@code http://host:port} followed by {@code pathAndQuery}. */
  static URI uri(HostInfo host, String pathAndQuery) {
    return URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
  }
}
