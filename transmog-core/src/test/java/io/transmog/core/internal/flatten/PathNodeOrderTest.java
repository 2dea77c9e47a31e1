package io.transmog.core.internal.flatten;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Finding a child by its field's position is only a shortcut: whatever order, position or String instance the field
 * names come in, the child of a name is always the one {@code child(name)} gives.
 */
class PathNodeOrderTest {
  @Test
  void shuffledAndShiftedFieldsAlwaysFindTheirOwnChild() {
    PathNode node = new PathNode("", "_");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // more fields than positions are remembered
      names.add(("f" + i).intern());
    }
    Map<String, PathNode> expected = new HashMap<>();
    for (String n : names) {
      expected.put(n, node.child(n));
    }
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<String> record = new ArrayList<>(names.subList(0, 1 + rnd.nextInt(names.size())));
      if (round % 3 == 0) {
        Collections.shuffle(record, rnd);
      } else if (round % 3 == 1 && record.size() > 2) {
        record.remove(rnd.nextInt(record.size())); // an optional field missing shifts the rest
      }
      for (int pos = 0; pos < record.size(); pos++) {
        String name = record.get(pos);
        // a name that is equal but not the parser's canonical instance must still find the same child
        String key = rnd.nextInt(10) == 0 ? new String(name) : name;
        assertThat(node.child(key, pos)).isSameAs(expected.get(name));
      }
    }
  }

  @Test
  void repeatedRecordsOfOneShapeHitTheirPositions() {
    PathNode node = new PathNode("", "_");
    String a = "a";
    String b = "b";
    PathNode first = node.child(a, 0);
    PathNode second = node.child(b, 1);
    assertThat(node.child(a, 0)).isSameAs(first);
    assertThat(node.child(b, 1)).isSameAs(second);
    assertThat(node.child(b, 0)).isSameAs(second);
    assertThat(node.child(a, 0)).isSameAs(first);
    assertThat(first.joined).isEqualTo("a");
  }
}
