package org.timesmith.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer of each field as OpenSearch's Timesketch mapping has it: the standard analyzer (no
 * stop words) for text, none for keywords, so query terms are analysed like the indexed values.
 */
final class FieldAnalyzer extends DelegatingAnalyzerWrapper {

    private final Analyzer text = new StandardAnalyzer();
    private final Analyzer keyword = new KeywordAnalyzer();

    FieldAnalyzer() {
        super(PER_FIELD_REUSE_STRATEGY);
    }

    Analyzer text() {
        return text;
    }

    /**
     * OpenSearch's gap between the values of a multi-valued text field, so that a phrase never
     * matches across two values.
     */
    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return IndexLayout.isKeywordField(fieldName) ? keyword : text;
    }
}
