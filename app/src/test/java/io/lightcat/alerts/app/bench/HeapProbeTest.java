package io.lightcat.alerts.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapProbeTest {

  @Test
  void readsTheResidentSetLineOfProcStatus() {
    assertThat(HeapProbe.kibibytes("VmRSS:\t  123456 kB")).isEqualTo(123_456L * 1024);
  }

  @Test
  void rejectsALineWithoutKibibytes() {
    assertThatThrownBy(() -> HeapProbe.kibibytes("VmRSS: lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VmRSS: lots");
  }

  @Test
  void aReadingIsConsistent() {
    // when
    HeapProbe.Reading r = HeapProbe.read();

    // then
    assertThat(r.heapUsedBytes()).isPositive().isLessThanOrEqualTo(r.heapCommittedBytes());
    assertThat(r.heapCommittedBytes()).isLessThanOrEqualTo(r.heapMaxBytes());
    assertThat(r.collections()).isBetween(1, HeapProbe.MAX_COLLECTIONS);
    // Linux: the resident set holds at least the heap in use
    assertThat(r.rssBytes()).isGreaterThan(r.heapUsedBytes());
  }
}
