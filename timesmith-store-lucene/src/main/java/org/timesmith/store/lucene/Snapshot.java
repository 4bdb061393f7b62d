package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import org.timesmith.core.store.StoreException;

/**
 * A point-in-time view of one or more indices for one request: a single searcher over all of them,
 * the fields they hold, and which index each document belongs to. Close it to release the readers.
 */
final class Snapshot implements AutoCloseable {

    private final List<LuceneIndex> indices;
    private final List<IndexSearcher> acquired = new ArrayList<>();
    private final IndexSearcher searcher;
    private final MultiReader multiReader;
    private final int[] docBases;
    private final FieldQueries fields;

    Snapshot(List<LuceneIndex> indices, FieldAnalyzer analyzer) {
        this.indices = List.copyOf(indices);
        try {
            for (LuceneIndex index : indices) {
                acquired.add(index.acquire());
            }
            docBases = new int[indices.size()];
            if (acquired.size() == 1) {
                multiReader = null;
                searcher = acquired.getFirst();
            } else {
                IndexReader[] readers = new IndexReader[acquired.size()];
                int base = 0;
                for (int i = 0; i < readers.length; i++) {
                    readers[i] = acquired.get(i).getIndexReader();
                    docBases[i] = base;
                    base += readers[i].maxDoc();
                }
                multiReader = new MultiReader(readers, false);
                searcher = new IndexSearcher(multiReader);
            }
        } catch (IOException | RuntimeException e) {
            releaseAcquired();
            throw e instanceof StoreException se ? se : new StoreException("cannot open indices " + names() + ": "
                    + e.getMessage(), e);
        }
        Set<String> luceneFields = new HashSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            for (FieldInfo info : leaf.reader().getFieldInfos()) {
                luceneFields.add(info.name);
            }
        }
        fields = new FieldQueries(luceneFields, analyzer);
    }

    IndexSearcher searcher() {
        return searcher;
    }

    FieldQueries fields() {
        return fields;
    }

    /** The name of the index holding the document with this (searcher-wide) id. */
    String indexOf(int doc) {
        if (indices.size() == 1) {
            return indices.getFirst().name();
        }
        int position = Arrays.binarySearch(docBases, doc);
        if (position < 0) {
            position = -position - 2;
        }
        while (position + 1 < docBases.length && docBases[position + 1] == doc) {
            position++;
        }
        return indices.get(position).name();
    }

    /** Names of the source fields present: the source paths of the Lucene fields of every segment. */
    TreeSet<String> sourceFieldNames() {
        TreeSet<String> names = new TreeSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            for (FieldInfo info : leaf.reader().getFieldInfos()) {
                IndexLayout.sourcePathOf(info.name).ifPresent(names::add);
            }
        }
        return names;
    }

    private List<String> names() {
        return indices.stream().map(LuceneIndex::name).toList();
    }

    @Override
    public void close() {
        try {
            if (multiReader != null) {
                multiReader.close();
            }
        } catch (IOException e) {
            throw new StoreException("cannot close reader over " + names() + ": " + e.getMessage(), e);
        } finally {
            releaseAcquired();
        }
    }

    private void releaseAcquired() {
        for (int i = 0; i < acquired.size(); i++) {
            indices.get(i).release(acquired.get(i));
        }
        acquired.clear();
    }
}
