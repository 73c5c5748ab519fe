package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
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
    private WriteBehindStore<StringBuilder> store;

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
        (WriteBehindStore<StringBuilder>) driver.getStateStore(STORE);
    // when
    store.clearCache();
    // then it reloads the durable entries
    assertThat(store.all())
        .extracting(kv -> kv.key + "=" + kv.value)
        .containsExactlyInAnyOrderElementsOf(List.of("a=1", "b=2"));
    assertThat(store.get("a")).hasToString("1");
  }
}
