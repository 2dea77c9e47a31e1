package io.transmog.io.orc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.orc.OrcProto;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.OrcIndex;
import org.apache.orc.impl.RecordReaderImpl;

/** Reads the row index and bloom filters of the first stripe through ORC's record reader. */
final class OrcIndexProbe {
  private final OrcIndex index;

  OrcIndexProbe(RecordReaderImpl reader, TypeDescription schema) throws IOException {
    boolean[] all = new boolean[schema.getMaximumId() + 1];
    Arrays.fill(all, true);
    this.index = reader.readRowIndex(0, all, all);
  }

  /** @return the number of row-index entries (row groups) of a column id in the first stripe */
  int rowGroups(int columnId) {
    OrcProto.RowIndex rowIndex = index.getRowGroupIndex()[columnId];
    return rowIndex == null ? 0 : rowIndex.getEntryCount();
  }

  /** @return the bloom-filter entries of a column id in the first stripe, empty when it has none */
  List<OrcProto.BloomFilter> bloomFilterKinds(int columnId) {
    OrcProto.BloomFilterIndex filters = index.getBloomFilterIndex()[columnId];
    return filters == null ? List.of() : new ArrayList<>(filters.getBloomFilterList());
  }
}
