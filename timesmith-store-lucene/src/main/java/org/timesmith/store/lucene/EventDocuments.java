package org.timesmith.store.lucene;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.EventStore;

/** Turns an event into its Lucene document following {@link IndexLayout}. */
final class EventDocuments {

    /** Scores are never used (results are sorted by time), so norms would only cost space and time. */
    private static final FieldType TEXT = new FieldType();

    static {
        TEXT.setTokenized(true);
        TEXT.setOmitNorms(true);
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TEXT.freeze();
    }

    private final SourceCodec codec;

    EventDocuments(SourceCodec codec) {
        this.codec = codec;
    }

    /** Checks what the index needs from every event, so a bad event fails when it is added. */
    static void validate(Event event) {
        Object timestamp = event.source().get(Event.TIMESTAMP);
        if (!(timestamp instanceof Number)) {
            throw new IllegalArgumentException("event " + event.id() + ": field " + Event.TIMESTAMP
                    + " must be a number of microseconds since the epoch, got " + timestamp);
        }
    }

    Document toDocument(Event event) {
        validate(event);
        Document doc = new Document();
        BytesRef id = new BytesRef(event.id());
        doc.add(new StringField(IndexLayout.ID, event.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(IndexLayout.ID_SORT, id));
        doc.add(new StoredField(IndexLayout.SOURCE, codec.encode(event.source())));
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, Object> entry : event.source().entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            switch (field) {
                case Event.TIMESTAMP -> {
                    long micros = ((Number) value).longValue();
                    doc.add(new LongPoint(Event.TIMESTAMP, micros));
                    doc.add(new NumericDocValuesField(Event.TIMESTAMP, micros));
                }
                case Event.DATETIME -> addDatetime(doc, value, names);
                case Event.TAG -> addKeywords(doc, Event.TAG, value);
                case Event.LABEL -> addLabels(doc, value, names);
                default -> addValue(doc, field, value, names);
            }
        }
        // only values without doc values need a name term for _exists_ (see FieldQueries#exists)
        for (String name : names) {
            doc.add(new StringField(IndexLayout.FIELD_NAMES, name, Field.Store.NO));
        }
        return doc;
    }

    private void addDatetime(Document doc, Object value, Set<String> names) {
        OptionalLong millis = value instanceof String s ? IndexLayout.parseDateMillis(s) : OptionalLong.empty();
        if (millis.isPresent()) {
            doc.add(new LongPoint(IndexLayout.DATETIME_MILLIS, millis.getAsLong()));
            names.add(Event.DATETIME);
        } else {
            addValue(doc, Event.DATETIME, value, names);
        }
    }

    private static void addKeywords(Document doc, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> values) {
            for (Object element : values) {
                addKeywords(doc, field, element);
            }
            return;
        }
        doc.add(new KeywordField(field, String.valueOf(value), Field.Store.NO));
    }

    private void addLabels(Document doc, Object value, Set<String> names) {
        if (!(value instanceof Collection<?> labels)) {
            addValue(doc, Event.LABEL, value, names);
            return;
        }
        for (Object label : labels) {
            if (label instanceof Map<?, ?> map && map.get("name") != null) {
                String name = String.valueOf(map.get("name"));
                doc.add(new KeywordField(IndexLayout.LABEL_NAME, name, Field.Store.NO));
                Object sketch = map.get("sketch_id");
                if (sketch instanceof Number n) {
                    doc.add(new StringField(IndexLayout.LABEL, IndexLayout.labelTerm(n.longValue(), name),
                            Field.Store.NO));
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!"name".equals(entry.getKey())) {
                        addValue(doc, Event.LABEL + "." + entry.getKey(), entry.getValue(), names);
                    }
                }
            } else {
                addValue(doc, Event.LABEL, label, names);
            }
        }
    }

    private void addValue(Document doc, String path, Object value, Set<String> names) {
        switch (value) {
            case null -> {
            }
            case String s -> addString(doc, path, s, names);
            case Integer i -> addLong(doc, path, i);
            case Long l -> addLong(doc, path, l);
            case Short s -> addLong(doc, path, s);
            case Byte b -> addLong(doc, path, b);
            case BigInteger big when big.bitLength() < 64 -> addLong(doc, path, big.longValue());
            case Double d -> addDouble(doc, path, d);
            case Float f -> addDouble(doc, path, f);
            case BigDecimal big -> addDouble(doc, path, big.doubleValue());
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    addValue(doc, path + "." + entry.getKey(), entry.getValue(), names);
                }
            }
            case Collection<?> values -> {
                for (Object element : values) {
                    addValue(doc, path, element, names);
                }
            }
            default -> addString(doc, path, String.valueOf(value), names);
        }
    }

    private static void addString(Document doc, String path, String value, Set<String> names) {
        doc.add(new TextField(path, value));
        if (value.length() <= EventStore.KEYWORD_MAX_CHARS && !IndexLayout.TEXT_ONLY_FIELDS.contains(path)) {
            doc.add(new KeywordField(path + IndexLayout.KEYWORD_SUFFIX, value, Field.Store.NO));
        } else {
            names.add(path);
        }
    }

    /**
     * Analysed text that takes the {@link AsciiWordTokens} shortcut when it gives the analyzer's
     * tokens. Lucene consumes and closes a value's stream before it asks for the next one, so one
     * shortcut stream per indexing thread serves every field, and a value the shortcut does not take
     * costs no new stream.
     */
    private static final class TextField extends Field {

        private static final ThreadLocal<AsciiWordTokens> ASCII_TOKENS = ThreadLocal.withInitial(AsciiWordTokens::new);

        TextField(String name, String value) {
            super(name, value, TEXT);
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            AsciiWordTokens tokens = ASCII_TOKENS.get();
            return tokens.setValue(stringValue()) ? tokens : super.tokenStream(analyzer, reuse);
        }
    }

    private static void addLong(Document doc, String path, long value) {
        doc.add(new LongField(path + IndexLayout.LONG_SUFFIX, value, Field.Store.NO));
    }

    private static void addDouble(Document doc, String path, double value) {
        doc.add(new DoubleField(path + IndexLayout.DOUBLE_SUFFIX, value, Field.Store.NO));
    }
}
