package dev.runyard.app.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    enum Colour { RED, GREEN }

    record Leaf(int i, long l, double d, boolean b, String s, Integer boxed, Colour c) {
    }

    record Node(String name, List<Leaf> leaves, Map<String, Double> scores, Set<String> tags, Node child) {
        Node {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a node needs a name");
            }
            leaves = List.copyOf(leaves);
        }
    }

    record Holder(Node a, Node b) {
    }

    static Node sample() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("z", -0.0);
        scores.put("a", Double.NaN);
        scores.put("m", Double.MAX_VALUE);
        Set<String> tags = new LinkedHashSet<>(List.of("x", "ü✓"));
        Leaf l1 = new Leaf(Integer.MIN_VALUE, Long.MAX_VALUE, 1.5e-300, true, "", null, Colour.GREEN);
        Leaf l2 = new Leaf(-1, Long.MIN_VALUE, Double.NEGATIVE_INFINITY, false, null, 7, null);
        Node child = new Node("child", List.of(l2), Map.of(), Set.of(), null);
        return new Node("root", List.of(l1, l2, l1), scores, tags, child);
    }

    @Test
    void aGraphOfRecordsComesBackEqualWithItsMapOrder() throws Exception {
        Node n = sample();
        Node back = (Node) RecordCodec.read(RecordCodec.write(n, Set.of()));
        assertThat(back).isEqualTo(n);
        assertThat(back.scores().keySet()).containsExactly("z", "a", "m");
        assertThat(back.tags()).containsExactly("x", "ü✓");
        // equal records are one instance after reading, unless their class keeps its identity
        assertThat(back.leaves().get(0)).isSameAs(back.leaves().get(2));
        List<Object> listWithNull = new ArrayList<>(Arrays.asList("a", null, 3));
        assertThat(RecordCodec.read(RecordCodec.write(listWithNull, Set.of()))).isEqualTo(listWithNull);
    }

    @Test
    void distinctClassesKeepOneInstancePerOriginalInstance() throws Exception {
        Node n1 = sample();
        Node n2 = sample(); // equal to n1, another instance
        Holder h = (Holder) RecordCodec.read(RecordCodec.write(new Holder(n1, n2), Set.of(Node.class)));
        assertThat(h.a()).isEqualTo(h.b()).isNotSameAs(h.b());
        Holder same = (Holder) RecordCodec.read(RecordCodec.write(new Holder(n1, n1), Set.of(Node.class)));
        assertThat(same.a()).isSameAs(same.b());
        Holder merged = (Holder) RecordCodec.read(RecordCodec.write(new Holder(n1, n2), Set.of()));
        assertThat(merged.a()).isSameAs(merged.b());
    }

    @Test
    void whatItCannotHoldIsRefusedWhenWriting() {
        assertThatThrownBy(() -> RecordCodec.write(List.of(new int[] {1}), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold");
    }

    @Test
    void aRecordThatChangedShapeIsAMismatch() throws Exception {
        byte[] b = RecordCodec.write(sample(), Set.of());
        // rename the component "name" in the class table: the class at hand no longer matches
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("name", "nome");
        byte[] changed = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RecordCodec.read(changed)).isInstanceOf(RecordCodec.Mismatch.class)
                .hasMessageContaining("changed since the snapshot was written");
    }

    record Positive(int v) {
        Positive {
            if (v <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
        }
    }

    @Test
    void valuesTheConstructorRejectsAreAMismatch() throws Exception {
        byte[] b = RecordCodec.write(new Positive(5), Set.of());
        assertThat(b[b.length - 1]).isEqualTo((byte) 10); // the last component, 5, zigzag-encoded
        b[b.length - 1] = 1; // -1
        byte[] bad = b;
        assertThatThrownBy(() -> RecordCodec.read(bad)).isInstanceOf(RecordCodec.Mismatch.class)
                .hasMessageContaining("rejects its snapshot values").hasMessageContaining("must be positive");
    }

    @Property(tries = 300)
    void damagedBytesAreAMismatchOrAValueNeverAnotherError(@ForAll @IntRange(min = 0, max = 100000) int seed) {
        byte[] b = RecordCodec.write(List.of(sample(), sample()), Set.of());
        java.util.Random r = new java.util.Random(seed);
        byte[] damaged = seed % 3 == 0 ? Arrays.copyOf(b, r.nextInt(b.length)) : b.clone();
        for (int i = 0; seed % 3 != 0 && i < 1 + r.nextInt(4); i++) {
            damaged[r.nextInt(damaged.length)] = (byte) r.nextInt(256);
        }
        try {
            RecordCodec.read(damaged);
        } catch (RecordCodec.Mismatch expected) {
            // the only failure a reader may see
        }
    }

    @Test
    void truncatedBytesAreAMismatch() {
        byte[] b = RecordCodec.write(sample(), Set.of());
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            assertThatThrownBy(() -> RecordCodec.read(cut)).isInstanceOf(RecordCodec.Mismatch.class);
        }
    }
}
