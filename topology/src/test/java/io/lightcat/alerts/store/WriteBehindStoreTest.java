package io.lightcat.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteBehindStore} on Kafka Streams' own task code: {@code TopologyTestDriver} commits
 * after every input record, through the same prepare-commit path as a stream thread, so what
 * reaches the changelog here is what a commit writes.
 */
class WriteBehindStoreTest {
  private static final String STORE = "wb";
  private static final String CHANGELOG = "wb-test-" + STORE + "-changelog";

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> commands;
  private TestOutputTopic<String, String> changelog;

  /**
   * Runs the commands of one record — {@code put k v}, {@code append k v} (changes the live value
   * in place), {@code delete k} — separated by {@code ;}, all between two commits.
   */
  private static final class CommandProcessor implements Processor<String, String, Void, Void> {
    private KeyValueStore<String, StringBuilder> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      for (String command : record.value().split(";")) {
        String[] words = command.trim().split(" ");
        switch (words[0]) {
          case "put" -> store.put(words[1], new StringBuilder(words[2]));
          case "append" -> {
            StringBuilder live = store.get(words[1]);
            live.append(words[2]);
            store.put(words[1], live);
          }
          case "delete" -> store.delete(words[1]);
          default -> throw new IllegalArgumentException(command);
        }
      }
    }
  }

  @BeforeEach
  void start() {
    Topology topology = new Topology();
    topology.addSource(
        "in", Serdes.String().deserializer(), Serdes.String().deserializer(), "commands");
    topology.addProcessor("p", CommandProcessor::new, "in");
    topology.addStateStore(
        WriteBehindStore.builder(
            STORE,
            Serdes.serdeFrom(
                (topic, sb) -> sb == null ? null : sb.toString().getBytes(),
                (topic, b) -> b == null ? null : new StringBuilder(new String(b)))),
        "p");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wb-test");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(topology, props);
    commands = driver.createInputTopic("commands", new StringSerializer(), new StringSerializer());
    changelog =
        driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aCommitWritesEachChangedKeyOnceWithItsLatestValue() {
    // when one record changes a key three times and another once before the commit
    commands.pipeInput("put a 1; append a 2; append a 3; put b x");
    // then the commit logged each key once, as it stands
    assertThat(changelog.readKeyValuesToList())
        .containsExactlyInAnyOrder(KeyValue.pair("a", "123"), KeyValue.pair("b", "x"));
  }

  @Test
  void anEntryAddedAndRemovedBetweenTwoCommitsNeverReachesTheChangelog() {
    // when
    commands.pipeInput("put a 1; append a 2; delete a");
    // then
    assertThat(changelog.isEmpty()).isTrue();
  }

  @Test
  void removingACommittedEntryLogsATombstoneAtTheNextCommit() {
    // given
    commands.pipeInput("put a 1");
    changelog.readKeyValuesToList();
    // when
    commands.pipeInput("delete a; delete never-there");
    // then one tombstone, for the key the changelog holds
    assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", null));
  }

  @Test
  void keysUnchangedSinceTheLastCommitAreNotWrittenAgain() {
    // given
    commands.pipeInput("put a 1; put b 2");
    changelog.readKeyValuesToList();
    // when
    commands.pipeInput("append b 3");
    // then
    assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("b", "23"));
  }

  @Test
  void afterItsCacheIsClearedItServesWhatWasCommitted() {
    // given committed values (a task closed dirty forgets what it did not commit)
    commands.pipeInput("put a 1; put b 2; put c 3");
    commands.pipeInput("delete c");
    @SuppressWarnings("unchecked")
    WriteBehindStore<StringBuilder> store =
        (WriteBehindStore<StringBuilder>) driver.getAllStateStores().get(STORE);
    // when
    store.clearCache();
    // then it reloads the durable entries
    List<String> entries = new ArrayList<>();
    try (var it = store.all()) {
      it.forEachRemaining(kv -> entries.add(kv.key + "=" + kv.value));
    }
    assertThat(entries).containsExactly("a=1", "b=2");
    assertThat(store.get("a")).hasToString("1");
  }

  @Test
  void otherThreadsReadWhatTheLastCommitWroteAndCannotWrite() throws Exception {
    // given a committed value, then a change the stream thread has not committed yet
    commands.pipeInput("put a 1; put b 2");
    @SuppressWarnings("unchecked")
    WriteBehindStore<StringBuilder> store =
        (WriteBehindStore<StringBuilder>) driver.getAllStateStores().get(STORE);
    store.get("a").append("9");
    store.put("a", store.get("a"));
    store.put("c", new StringBuilder("3"));

    // when an interactive query reads from another thread
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      String seen =
          other
              .submit(
                  () -> {
                    List<String> all = new ArrayList<>();
                    try (var it = store.all()) {
                      it.forEachRemaining(kv -> all.add(kv.key + "=" + kv.value));
                    }
                    return all + " " + store.get("a") + " " + store.approximateNumEntries();
                  })
              .get();
      Future<?> write = other.submit(() -> store.put("d", new StringBuilder("4")));

      // then it sees the committed entries only, and may not write
      assertThat(seen).isEqualTo("[a=1, b=2] 1 2");
      assertThatThrownBy(write::get).hasCauseInstanceOf(IllegalStateException.class);
    } finally {
      other.shutdownNow();
    }
    // and the stream thread sees its own changes
    assertThat(store.get("a")).hasToString("19");
    assertThat(store.approximateNumEntries()).isEqualTo(3);
  }
}
