package io.sentinel.detect.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLruTableTest {

    @Test
    void behavesLikeAnAccessOrderedMapWithEvictionUnderRandomOperations() {
        int cap = 64;
        LongLruTable<Long> table = new LongLruTable<>(cap);
        LinkedHashMap<Long, Long> ref = new LinkedHashMap<>(16, 0.75f, true);
        Random r = new Random(11);
        long now = 0;
        for (int i = 0; i < 200_000; i++) {
            long key = r.nextInt(200) * 0x1_0000_0001L; // collisions in the low bits on purpose
            now++;
            switch (r.nextInt(4)) {
                case 0 -> {
                    table.put(key, key + 1, now);
                    ref.put(key, key + 1);
                    if (ref.size() > cap) ref.remove(ref.keySet().iterator().next());
                }
                case 1 -> {
                    Long v = table.touch(key, now);
                    assertThat(v).isEqualTo(ref.get(key));
                }
                case 2 -> assertThat(table.remove(key)).isEqualTo(ref.remove(key));
                default -> assertThat(table.get(key)).isEqualTo(ref.containsKey(key) ? key + 1 : null);
            }
            assertThat(table.size()).isEqualTo(ref.size());
        }
        List<Long> order = new ArrayList<>();
        table.forEach((k, v, t) -> order.add(k));
        assertThat(order).containsExactlyElementsOf(ref.keySet());
    }

    @Test
    void expireDropsEntriesNotTouchedSinceTheCutoffAndNeverExceedsCapacity() {
        LongLruTable<String> t = new LongLruTable<>(3);
        t.put(1, "a", 10);
        t.put(2, "b", 20);
        t.put(3, "c", 30);
        t.touch(1, 40);
        t.put(4, "d", 50); // evicts 2, the least recently touched
        assertThat(t.get(2)).isNull();
        assertThat(t.evictions()).isEqualTo(1);
        List<Long> expired = new ArrayList<>();
        assertThat(t.expire(45, (k, v, touched) -> expired.add(k))).isEqualTo(2);
        assertThat(expired).containsExactly(3L, 1L);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get(4)).isEqualTo("d");
    }

    @Test
    void distinctWindowCountsDistinctValuesPerWindowAndSaturatesAtItsCap() {
        DistinctWindow w = new DistinctWindow(50);
        long s = 1_000_000_000L;
        for (int i = 0; i < 30; i++) w.add(i % 10, i, 10 * s);
        assertThat(w.distinct()).isEqualTo(10);
        for (int i = 0; i < 1000; i++) w.add(1000 + i, 100 + i, 10 * s);
        assertThat(w.distinct()).isEqualTo(50);
        assertThat(w.saturated()).isTrue();
        w.add(7, 11 * s, 10 * s); // next window
        assertThat(w.distinct()).isEqualTo(1);
        assertThat(w.previous()).isEqualTo(50);
    }
}
