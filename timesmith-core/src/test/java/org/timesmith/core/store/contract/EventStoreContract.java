package org.timesmith.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.store.contract.ContractEvents.HOUR;
import static org.timesmith.core.store.contract.ContractEvents.SECOND;
import static org.timesmith.core.store.contract.ContractEvents.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.Label;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.HistogramIntervals;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract every {@link EventStore} passes: the embedded Lucene store and the OpenSearch store
 * must give the same answers, so this kit pins what OpenSearch gives for the Timesketch mapping
 * (text with a {@code .keyword} subfield of at most 256 characters, {@code tag} keyword,
 * {@code timestamp} long, {@code datetime} date, {@code query_string} with default operator AND over
 * all fields). Subclasses only say how to make a store; one fresh store per test.
 */
public abstract class EventStoreContract {

    protected static final String INDEX = "contract-basic";
    protected static final String OTHER_INDEX = "contract-other";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    protected Path dir;

    protected EventStore store;

    /** A new store keeping its data under {@code dir} (ignored by stores that keep it elsewhere). */
    protected abstract EventStore newStore(Path dir);

    @BeforeEach
    void openStore() {
        store = newStore(dir);
        store.deleteIndex(INDEX);
        store.deleteIndex(OTHER_INDEX);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.deleteIndex(INDEX);
            store.deleteIndex(OTHER_INDEX);
            store.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    protected void write(String index, List<Event> events) {
        try (BulkWriter writer = store.bulkWriter(index)) {
            events.forEach(writer::add);
            writer.flush();
            assertThat(writer.written()).isEqualTo(events.size());
        }
    }

    protected void writeBasic() {
        store.createIndex(INDEX);
        write(INDEX, ContractEvents.basic());
    }

    protected static SearchRequest.Builder request() {
        return SearchRequest.builder(INDEX).size(100);
    }

    protected List<String> ids(SearchRequest request) {
        return store.search(request).hits().stream().map(StoredEvent::id).toList();
    }

    protected List<String> ids(String query) {
        return ids(request().query(query).build());
    }

    protected List<String> dsl(String json) {
        return ids(request().dsl(json(json)).build());
    }

    protected List<String> filtered(Filter... filters) {
        return ids(request().filters(List.of(filters)).build());
    }

    protected static JsonNode json(String json) {
        return JSON.readTree(json);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    // ---------------------------------------------------------------- indices

    @Test
    void createdIndexExistsAndOthersDoNot() {
        store.createIndex(INDEX);
        store.createIndex(INDEX);
        assertThat(store.indexExists(INDEX)).isTrue();
        assertThat(store.indexExists(OTHER_INDEX)).isFalse();
        assertThat(store.count(request().build())).isZero();
    }

    @Test
    void deletedIndexIsGoneWithItsEvents() {
        writeBasic();
        store.deleteIndex(INDEX);
        assertThat(store.indexExists(INDEX)).isFalse();
        store.deleteIndex(INDEX);
        store.createIndex(INDEX);
        assertThat(store.count(request().build())).isZero();
    }

    @Test
    void closedIndexKeepsItsEventsButRefusesSearchesUntilOpened() {
        writeBasic();
        long all = store.count(request().build());
        store.closeIndex(INDEX);
        store.closeIndex(INDEX);
        assertThat(store.indexExists(INDEX)).isTrue();
        assertThat(store.indexClosed(INDEX)).isTrue();
        assertThatThrownBy(() -> store.count(request().build())).isInstanceOf(StoreException.class)
                .hasMessageContaining(INDEX);
        store.openIndex(INDEX);
        store.openIndex(INDEX);
        assertThat(store.indexClosed(INDEX)).isFalse();
        assertThat(store.count(request().build())).isEqualTo(all);
        store.closeIndex(INDEX);
        store.deleteIndex(INDEX);
        assertThat(store.indexExists(INDEX)).isFalse();
        assertThat(store.indexClosed(INDEX)).isFalse();
        store.closeIndex("contract-missing");
        store.openIndex("contract-missing");
        assertThat(store.indexClosed("contract-missing")).isFalse();
    }

    @Test
    void unknownIndexIsAnErrorNamingIt() {
        writeBasic();
        SearchRequest unknown = SearchRequest.builder(INDEX, "contract-missing").build();
        assertThatThrownBy(() -> store.search(unknown)).isInstanceOf(StoreException.class)
                .hasMessageContaining("contract-missing");
        assertThatThrownBy(() -> store.count(unknown)).isInstanceOf(StoreException.class)
                .hasMessageContaining("contract-missing");
        assertThatThrownBy(() -> store.get("contract-missing", "e1")).isInstanceOf(StoreException.class)
                .hasMessageContaining("contract-missing");
        assertThatThrownBy(() -> store.fieldNames(List.of("contract-missing"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("contract-missing");
    }

    // ---------------------------------------------------------------- writing and reading back

    @Test
    void flushedEventsAreCountedAndSearchable() {
        writeBasic();
        assertThat(store.count(request().build())).isEqualTo(5);
        assertThat(store.search(request().build()).total()).isEqualTo(5);
    }

    @Test
    void rewritingAnIdReplacesTheEventInsteadOfDuplicatingIt() {
        writeBasic();
        write(INDEX, ContractEvents.basic());
        write(INDEX, List.of(event("e1", SECOND, 1, "message", "rewritten event", "user", "alice")));
        assertThat(store.count(request().build())).isEqualTo(5);
        assertThat(ids("rewritten")).containsExactly("e1");
        assertThat(ids("\"logged in\"")).isEmpty();
        assertThat(store.get(INDEX, "e1").orElseThrow().source()).doesNotContainKey("port");
    }

    @Test
    void eventWithoutNumericTimestampIsRejectedWhenAdded() {
        store.createIndex(INDEX);
        try (BulkWriter writer = store.bulkWriter(INDEX)) {
            writer.add(event("ok", SECOND, 1, "message", "fine"));
            Event broken = new Event("broken", new LinkedHashMap<>(Map.of("message", "no time")));
            assertThatThrownBy(() -> writer.add(broken)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("broken").hasMessageContaining("timestamp");
            writer.flush();
            assertThat(writer.written()).isEqualTo(1);
        }
        assertThat(ids("*")).containsExactly("ok");
    }

    @Test
    void getReturnsTheWholeSourceOrNothing() {
        writeBasic();
        StoredEvent e1 = store.get(INDEX, "e1").orElseThrow();
        assertThat(e1.index()).isEqualTo(INDEX);
        assertThat(e1.id()).isEqualTo("e1");
        assertThat(e1.timestamp()).isEqualTo(SECOND);
        Map<String, Object> source = e1.source();
        assertThat(source.get("message")).isEqualTo("User alice logged in from 10.0.0.1");
        assertThat(source.get("datetime")).isEqualTo("1970-01-01T00:00:01.000000+00:00");
        assertThat(number(source.get("port"))).isEqualTo(22);
        assertThat(((Number) source.get("score")).doubleValue()).isEqualTo(1.5);
        assertThat(number(source.get(Event.TIMELINE_ID))).isEqualTo(1);
        assertThat(source.get("tag")).isEqualTo(List.of("malware"));
        assertThat(source.get("path")).isEqualTo(ContractEvents.WINDOWS_PATH);
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) source.get("http");
        assertThat(http.get("method")).isEqualTo("GET");
        assertThat(number(http.get("status"))).isEqualTo(200);
        assertThat(store.get(INDEX, "nope")).isEmpty();
    }

    @Test
    void flushMakesWritesVisibleAtOnce() {
        store.createIndex(INDEX);
        try (BulkWriter writer = store.bulkWriter(INDEX)) {
            writer.add(event("a", SECOND, 1, "message", "first"));
            writer.flush();
            assertThat(ids("*")).containsExactly("a");
            writer.add(event("b", 2 * SECOND, 1, "message", "second"));
            writer.flush();
            assertThat(ids("*")).containsExactly("a", "b");
        }
    }

    @Test
    void closingTheWriterFlushesIt() {
        store.createIndex(INDEX);
        BulkWriter writer = store.bulkWriter(INDEX);
        writer.add(event("a", SECOND, 1, "message", "first"));
        writer.close();
        store.refresh(INDEX);
        assertThat(ids("*")).containsExactly("a");
    }

    @Test
    void searchesRunWhileAnotherThreadWrites() throws Exception {
        store.createIndex(INDEX);
        List<Event> events = ContractEvents.generated("g", 3_000, 0, 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writerThread = new Thread(() -> {
            try {
                write(INDEX, events);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writerThread.start();
        long last = 0;
        while (writerThread.isAlive()) {
            long count = store.count(request().query("generated").build());
            assertThat(count).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(3_000);
            last = count;
        }
        writerThread.join();
        assertThat(failure.get()).isNull();
        assertThat(store.count(request().query("generated").build())).isEqualTo(3_000);
    }

    // ---------------------------------------------------------------- query string

    @Test
    void emptyBlankAndStarMatchEverything() {
        writeBasic();
        List<String> all = List.of("e1", "e2", "e3", "e4", "e5");
        assertThat(ids(request().build())).isEqualTo(all);
        assertThat(ids("")).isEqualTo(all);
        assertThat(ids("   ")).isEqualTo(all);
        assertThat(ids("*")).isEqualTo(all);
    }

    /**
     * OpenSearch does not split a query string on whitespace: words without an operator between
     * them are analysed together and must all match in one field (default operator AND); explicit
     * operators combine terms that may match in different fields.
     */
    @Test
    void unfieldedTermsAreAndedWithinAFieldAndOperatorsCombineFields() {
        writeBasic();
        assertThat(ids("logged")).containsExactly("e1", "e2");
        assertThat(ids("alice logged")).containsExactly("e1");
        assertThat(ids("alice bob")).isEmpty();
        assertThat(ids("failed root")).isEmpty();
        assertThat(ids("failed AND root")).containsExactly("e3");
        assertThat(ids("failed AND user:root")).containsExactly("e3");
    }

    @Test
    void fieldedTermsMatchOnlyThatField() {
        writeBasic();
        assertThat(ids("user:alice")).containsExactly("e1");
        assertThat(ids("message:alice")).containsExactly("e1");
        assertThat(ids("user:logged")).isEmpty();
        assertThat(ids("nosuchfield:alice")).isEmpty();
        assertThat(ids("_id:e4")).containsExactly("e4");
    }

    @Test
    void phrasesMatchWordsInOrder() {
        writeBasic();
        assertThat(ids("\"logged in\"")).containsExactly("e1");
        assertThat(ids("\"in logged\"")).isEmpty();
        assertThat(ids("message:\"User bob\"")).containsExactly("e2");
    }

    @Test
    void wildcardsAndPrefixesMatchTerms() {
        writeBasic();
        assertThat(ids("message:log*")).containsExactly("e1", "e2");
        assertThat(ids("user:al*e")).containsExactly("e1");
        assertThat(ids("user:b?b")).containsExactly("e2");
        assertThat(ids("message:*ogged")).containsExactly("e1", "e2");
        assertThat(ids("ALI*")).containsExactly("e1");
    }

    @Test
    void rangesCompareNumbersAsNumbers() {
        writeBasic();
        assertThat(ids("port:[80 TO 443]")).containsExactly("e2", "e3");
        assertThat(ids("port:{22 TO 443}")).containsExactly("e2");
        assertThat(ids("port:[* TO 80]")).containsExactly("e1", "e2");
        assertThat(ids("score:[1 TO 2]")).containsExactly("e1");
        assertThat(ids("http.status:[200 TO 299]")).containsExactly("e1");
    }

    @Test
    void rangesOnTimestampAndDatetime() {
        writeBasic();
        assertThat(ids("timestamp:[2000000 TO 3600000000]")).containsExactly("e2", "e3", "e4");
        assertThat(ids("timestamp:{2000000 TO *]")).containsExactly("e4", "e5");
        assertThat(ids("datetime:[\"1970-01-01T00:00:02Z\" TO \"1970-01-01T01:00:00Z\"]"))
                .containsExactly("e2", "e3", "e4");
        assertThat(ids("datetime:{\"1970-01-01T00:00:02Z\" TO *]")).containsExactly("e4", "e5");
    }

    @Test
    void booleanOperatorsAndParentheses() {
        writeBasic();
        assertThat(ids("alice OR bob")).containsExactly("e1", "e2");
        assertThat(ids("logged NOT alice")).containsExactly("e2");
        assertThat(ids("logged AND NOT alice")).containsExactly("e2");
        assertThat(ids("NOT user:alice")).containsExactly("e2", "e3", "e4", "e5");
        assertThat(ids("-user:alice")).containsExactly("e2", "e3", "e4", "e5");
        assertThat(ids("(alice OR bob) AND logged")).containsExactly("e1", "e2");
        assertThat(ids("user:(alice OR root)")).containsExactly("e1", "e3");
        assertThat(ids("(alice OR failed) -root")).containsExactly("e1");
    }

    @Test
    void existsMatchesFieldsAndObjects() {
        writeBasic();
        assertThat(ids("_exists_:port")).containsExactly("e1", "e2", "e3");
        assertThat(ids("_exists_:http")).containsExactly("e1", "e4");
        assertThat(ids("_exists_:http.status")).containsExactly("e1", "e4");
        assertThat(ids("NOT _exists_:port")).containsExactly("e4", "e5");
        assertThat(ids("port:*")).containsExactly("e1", "e2", "e3");
        assertThat(ids("_exists_:nosuchfield")).isEmpty();
    }

    @Test
    void escapedSpecialCharactersMatchLiterally() {
        writeBasic();
        assertThat(ids("path:C\\:\\\\Windows\\\\System32\\\\cmd.exe")).containsExactly("e1");
        assertThat(ids("path.keyword:C\\:\\\\Windows\\\\System32\\\\cmd.exe")).containsExactly("e1");
        assertThat(ids("path.keyword:\"C:\\\\Windows\\\\System32\\\\cmd.exe\"")).containsExactly("e1");
        assertThat(ids("path.keyword:c\\:\\\\windows\\\\system32\\\\cmd.exe")).isEmpty();
        assertThat(ids("message:\\/index.html")).containsExactly("e4");
    }

    @Test
    void textIsCaseInsensitiveAndKeywordIsExact() {
        writeBasic();
        assertThat(ids("ALICE")).containsExactly("e1");
        assertThat(ids("message:ALICE")).containsExactly("e1");
        assertThat(ids("hostname:webserver01")).containsExactly("e1");
        assertThat(ids("hostname.keyword:WebServer01")).containsExactly("e1");
        assertThat(ids("hostname.keyword:webserver01")).isEmpty();
        assertThat(ids("hostname.keyword:WebServer")).isEmpty();
        assertThat(ids("data_type.keyword:\"auth:login\"")).containsExactly("e1", "e3");
    }

    @Test
    void keywordsHoldAtMost256Characters() {
        writeBasic();
        assertThat(ids("long:word42")).containsExactly("e5");
        assertThat(ids("long.keyword:word0")).isEmpty();
    }

    /**
     * A term filter (a term chip, "filter in" on a value of an event) finds that event even where
     * the value has no keyword to match exactly: the message, values over 256 characters.
     */
    @Test
    void termFilterOnAValueTooLongForAKeywordFindsItsEvent() {
        writeBasic();
        assertThat(filtered(new Filter.Term("long", ContractEvents.LONG_VALUE, false))).containsExactly("e5");
        assertThat(filtered(new Filter.Term("long", ContractEvents.LONG_VALUE, true)))
                .containsExactly("e1", "e2", "e3", "e4");
        assertThat(filtered(new Filter.Term("message", "User bob logged out", false))).containsExactly("e2");
        assertThat(filtered(new Filter.Term("message", "User bob logged out", true)))
                .containsExactly("e1", "e3", "e4", "e5");
    }

    @Test
    void nestedObjectsAreSearchedByDottedPath() {
        writeBasic();
        assertThat(ids("http.method:get")).containsExactly("e1", "e4");
        assertThat(ids("http.method.keyword:GET")).containsExactly("e1", "e4");
        assertThat(ids("http.status:404")).containsExactly("e4");
    }

    @Test
    void numbersMatchByValue() {
        writeBasic();
        assertThat(ids("port:22")).containsExactly("e1");
        assertThat(ids("score:1.5")).containsExactly("e1");
        assertThat(ids("__ts_timeline_id:2")).containsExactly("e4", "e5");
    }

    @Test
    void tagsAreKeywords() {
        writeBasic();
        assertThat(ids("tag:malware")).containsExactly("e1");
        assertThat(ids("malware")).containsExactly("e1");
        assertThat(ids("tag:Malware")).isEmpty();
    }

    @Test
    void invalidQuerySyntaxIsAnIllegalArgument() {
        writeBasic();
        assertThatThrownBy(() -> ids("message:(unclosed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids("\"unterminated")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- query DSL

    @Test
    void dslMatchAllAndTerm() {
        writeBasic();
        assertThat(dsl("{\"match_all\":{}}")).hasSize(5);
        assertThat(dsl("{\"term\":{\"tag\":\"malware\"}}")).containsExactly("e1");
        assertThat(dsl("{\"term\":{\"user.keyword\":\"bob\"}}")).containsExactly("e2");
        assertThat(dsl("{\"term\":{\"user.keyword\":{\"value\":\"root\"}}}")).containsExactly("e3");
        assertThat(dsl("{\"term\":{\"message\":\"alice\"}}")).containsExactly("e1");
        assertThat(dsl("{\"term\":{\"message\":\"Alice\"}}")).isEmpty();
        assertThat(dsl("{\"term\":{\"port\":80}}")).containsExactly("e2");
    }

    @Test
    void dslTerms() {
        writeBasic();
        assertThat(dsl("{\"terms\":{\"user.keyword\":[\"alice\",\"bob\",\"nobody\"]}}")).containsExactly("e1", "e2");
        assertThat(dsl("{\"terms\":{\"port\":[22,443]}}")).containsExactly("e1", "e3");
    }

    @Test
    void dslMatchAnalysesWithOrByDefault() {
        writeBasic();
        assertThat(dsl("{\"match\":{\"message\":\"ALICE bob\"}}")).containsExactly("e1", "e2");
        assertThat(dsl("{\"match\":{\"message\":{\"query\":\"user logged\",\"operator\":\"and\"}}}"))
                .containsExactly("e1", "e2");
        assertThat(dsl("{\"match\":{\"message\":{\"query\":\"alice bob\",\"operator\":\"and\"}}}")).isEmpty();
    }

    @Test
    void dslMatchPhrase() {
        writeBasic();
        assertThat(dsl("{\"match_phrase\":{\"message\":\"logged out\"}}")).containsExactly("e2");
        assertThat(dsl("{\"match_phrase\":{\"message\":{\"query\":\"out logged\"}}}")).isEmpty();
    }

    @Test
    void dslQueryStringDefaultsToOr() {
        writeBasic();
        assertThat(dsl("{\"query_string\":{\"query\":\"alice logged\"}}")).containsExactly("e1", "e2");
        assertThat(dsl("{\"query_string\":{\"query\":\"alice logged\",\"default_operator\":\"AND\"}}"))
                .containsExactly("e1");
    }

    @Test
    void dslRange() {
        writeBasic();
        assertThat(dsl("{\"range\":{\"port\":{\"gte\":80,\"lt\":443}}}")).containsExactly("e2");
        assertThat(dsl("{\"range\":{\"timestamp\":{\"gt\":1000000}}}")).containsExactly("e2", "e3", "e4", "e5");
        assertThat(dsl("{\"range\":{\"datetime\":{\"gte\":\"1970-01-01T01:00:00Z\"}}}")).containsExactly("e4", "e5");
    }

    @Test
    void dslExistsPrefixWildcardIds() {
        writeBasic();
        assertThat(dsl("{\"exists\":{\"field\":\"http\"}}")).containsExactly("e1", "e4");
        assertThat(dsl("{\"exists\":{\"field\":\"user\"}}")).containsExactly("e1", "e2", "e3");
        assertThat(dsl("{\"prefix\":{\"user.keyword\":\"ro\"}}")).containsExactly("e3");
        assertThat(dsl("{\"prefix\":{\"message\":{\"value\":\"fail\"}}}")).containsExactly("e3");
        assertThat(dsl("{\"wildcard\":{\"user.keyword\":\"b?b\"}}")).containsExactly("e2");
        assertThat(dsl("{\"wildcard\":{\"user.keyword\":{\"value\":\"*o*\"}}}")).containsExactly("e2", "e3");
        assertThat(dsl("{\"ids\":{\"values\":[\"e1\",\"e5\",\"zzz\"]}}")).containsExactly("e1", "e5");
    }

    @Test
    void dslBool() {
        writeBasic();
        assertThat(dsl("{\"bool\":{\"must\":[{\"match\":{\"message\":\"user\"}}],"
                + "\"must_not\":[{\"term\":{\"user.keyword\":\"bob\"}}]}}")).containsExactly("e1", "e3");
        assertThat(dsl("{\"bool\":{\"filter\":{\"term\":{\"data_type.keyword\":\"auth:login\"}},"
                + "\"should\":[{\"term\":{\"user.keyword\":\"nobody\"}}]}}")).containsExactly("e1", "e3");
        assertThat(dsl("{\"bool\":{\"should\":[{\"term\":{\"user.keyword\":\"alice\"}},"
                + "{\"term\":{\"user.keyword\":\"bob\"}}]}}")).containsExactly("e1", "e2");
        assertThat(dsl("{\"bool\":{\"should\":[{\"match\":{\"message\":\"user\"}},{\"match\":{\"message\":\"logged\"}},"
                + "{\"match\":{\"message\":\"alice\"}}],\"minimum_should_match\":2}}")).containsExactly("e1", "e2");
        assertThat(dsl("{\"bool\":{\"must_not\":{\"exists\":{\"field\":\"port\"}}}}")).containsExactly("e4", "e5");
    }

    @Test
    void dslAndQueryStringAreAnded() {
        writeBasic();
        assertThat(ids(request().query("logged").dsl(json("{\"term\":{\"user.keyword\":\"bob\"}}")).build()))
                .containsExactly("e2");
    }

    @Test
    void unsupportedDslClauseIsAnIllegalArgumentNamingIt() {
        writeBasic();
        assertThatThrownBy(() -> dsl("{\"fuzzy\":{\"message\":\"alise\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fuzzy");
        assertThatThrownBy(() -> dsl("{\"more_like_this\":{\"like\":\"alice\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more_like_this");
        assertThatThrownBy(() -> dsl("{\"bool\":{\"must\":{\"geo_distance\":{}}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("geo_distance");
    }

    @Test
    void malformedDslIsAnIllegalArgument() {
        writeBasic();
        assertThatThrownBy(() -> dsl("{\"term\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dsl("{\"match_all\":{},\"term\":{\"a\":\"b\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dsl("{\"range\":{\"port\":{\"gte\":\"eighty\"}}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dsl("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- filters

    @Test
    void timelineFilter() {
        writeBasic();
        assertThat(filtered(new Filter.Timelines(Set.of(2L), false))).containsExactly("e4", "e5");
        assertThat(filtered(new Filter.Timelines(Set.of(2L), true))).containsExactly("e1", "e2", "e3");
        assertThat(filtered(new Filter.Timelines(Set.of(1L, 2L), false))).hasSize(5);
        assertThat(filtered(new Filter.Timelines(Set.of(9L), false))).isEmpty();
    }

    @Test
    void termFilterIsExact() {
        writeBasic();
        assertThat(filtered(new Filter.Term("data_type", "auth:login", false))).containsExactly("e1", "e3");
        assertThat(filtered(new Filter.Term("data_type", "auth:login", true))).containsExactly("e2", "e4", "e5");
        assertThat(filtered(new Filter.Term("data_type", "auth", false))).isEmpty();
        assertThat(filtered(new Filter.Term("user", "ALICE", false))).isEmpty();
        assertThat(filtered(new Filter.Term("port", "22", false))).containsExactly("e1");
        assertThat(filtered(new Filter.Term("tag", "malware", false))).containsExactly("e1");
        assertThat(filtered(new Filter.Term("http.method", "GET", false))).containsExactly("e1", "e4");
    }

    @Test
    void timeRangeFilterIsInclusive() {
        writeBasic();
        assertThat(filtered(new Filter.TimeRange(2 * SECOND, HOUR, false))).containsExactly("e2", "e3", "e4");
        assertThat(filtered(new Filter.TimeRange(2 * SECOND, HOUR, true))).containsExactly("e1", "e5");
    }

    @Test
    void queryFilter() {
        writeBasic();
        assertThat(filtered(new Filter.Query("user:alice OR user:bob", false))).containsExactly("e1", "e2");
        assertThat(filtered(new Filter.Query("user:alice OR user:bob", true))).containsExactly("e3", "e4", "e5");
    }

    @Test
    void filtersAndQueryAreAnded() {
        writeBasic();
        assertThat(ids(request().query("user")
                .filter(new Filter.Timelines(Set.of(1L), false))
                .filter(new Filter.Term("data_type", "auth:logout", true)).build()))
                .containsExactly("e1", "e3");
    }

    @Test
    void labelFilterIsPerSketch() {
        writeBasic();
        store.update(INDEX, List.of("e1", "e4"), new EventUpdate.AddLabel(new Label(Event.STAR_LABEL, 1, 7)));
        store.update(INDEX, List.of("e5"), new EventUpdate.AddLabel(new Label(Event.STAR_LABEL, 2, 7)));
        store.refresh(INDEX);
        assertThat(filtered(new Filter.Label(1, Event.STAR_LABEL, false))).containsExactly("e1", "e4");
        assertThat(filtered(new Filter.Label(1, Event.STAR_LABEL, true))).containsExactly("e2", "e3", "e5");
        assertThat(filtered(new Filter.Label(2, Event.STAR_LABEL, false))).containsExactly("e5");
        assertThat(filtered(new Filter.Label(3, Event.STAR_LABEL, false))).isEmpty();
        assertThat(filtered(new Filter.Label(1, Event.COMMENT_LABEL, false))).isEmpty();
    }

    // ---------------------------------------------------------------- sort and paging

    @Test
    void sortedByTimeWithTiesBrokenByIdAscendingInBothOrders() {
        writeBasic();
        assertThat(ids(request().order(SortOrder.ASC).build())).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(ids(request().order(SortOrder.DESC).build())).containsExactly("e5", "e4", "e2", "e3", "e1");
        write(INDEX, List.of(event("t-c", 5 * SECOND, 1, "message", "tie"), event("t-a", 5 * SECOND, 1, "message", "tie"),
                event("t-b", 5 * SECOND, 1, "message", "tie")));
        assertThat(ids(request().query("tie").order(SortOrder.ASC).build())).containsExactly("t-a", "t-b", "t-c");
        assertThat(ids(request().query("tie").order(SortOrder.DESC).build())).containsExactly("t-a", "t-b", "t-c");
    }

    @Test
    void fromAndSizeSliceTheOrderedMatches() {
        writeBasic();
        SearchResult middle = store.search(request().from(1).size(2).build());
        assertThat(middle.total()).isEqualTo(5);
        assertThat(middle.hits()).extracting(StoredEvent::id).containsExactly("e2", "e3");
        assertThat(middle.next()).contains(new SearchAfter(2 * SECOND, "e3"));
        SearchResult last = store.search(request().from(3).size(2).build());
        assertThat(last.hits()).extracting(StoredEvent::id).containsExactly("e4", "e5");
        assertThat(last.next()).isEmpty();
        SearchResult countOnly = store.search(request().size(0).build());
        assertThat(countOnly.total()).isEqualTo(5);
        assertThat(countOnly.hits()).isEmpty();
        assertThat(store.search(request().order(SortOrder.DESC).from(1).size(2).build()).hits())
                .extracting(StoredEvent::id).containsExactly("e4", "e2");
    }

    @Test
    void pagingWithAfterVisitsEveryMatchOnceInBothOrders() {
        writeBasic();
        for (SortOrder order : SortOrder.values()) {
            List<String> all = ids(request().order(order).build());
            List<String> paged = new ArrayList<>();
            Optional<SearchAfter> after = Optional.empty();
            do {
                SearchRequest.Builder page = request().order(order).size(2);
                after.ifPresent(page::after);
                SearchResult result = store.search(page.build());
                assertThat(result.total()).isEqualTo(5);
                result.hits().forEach(hit -> paged.add(hit.id()));
                after = result.next();
            } while (after.isPresent());
            assertThat(paged).isEqualTo(all);
        }
        assertThat(ids(request().after(new SearchAfter(2 * SECOND, "e2")).build())).containsExactly("e3", "e4", "e5");
        assertThat(ids(request().order(SortOrder.DESC).after(new SearchAfter(2 * SECOND, "e2")).build()))
                .containsExactly("e3", "e1");
    }

    @Test
    void fieldsProjectionKeepsOnlyTheRequestedFields() {
        writeBasic();
        StoredEvent e1 = store.search(request().query("alice").fields(List.of("message", "http.status")).build())
                .hits().getFirst();
        assertThat(e1.source()).containsOnlyKeys("message", "http");
        assertThat(e1.source().get("message")).isEqualTo("User alice logged in from 10.0.0.1");
        assertThat(e1.source().get("http")).isEqualTo(Map.of("status", 200));
        try (EventStream stream = store.stream(request().query("alice").fields(List.of("user")).build())) {
            assertThat(stream.next().source()).isEqualTo(Map.of("user", "alice"));
        }
    }

    @Test
    void searchesOverSeveralIndicesMergeInOrder() {
        writeBasic();
        store.createIndex(OTHER_INDEX);
        write(OTHER_INDEX, List.of(event("e6", 1_500_000, 3, "message", "from the other index")));
        SearchRequest both = SearchRequest.builder(INDEX, OTHER_INDEX).size(100).build();
        List<StoredEvent> hits = store.search(both).hits();
        assertThat(hits).extracting(StoredEvent::id).containsExactly("e1", "e6", "e2", "e3", "e4", "e5");
        assertThat(hits).extracting(StoredEvent::index)
                .containsExactly(INDEX, OTHER_INDEX, INDEX, INDEX, INDEX, INDEX);
        assertThat(store.count(both)).isEqualTo(6);
        assertThat(store.fieldNames(List.of(OTHER_INDEX))).doesNotContain("user");
        assertThat(store.fieldNames(List.of(INDEX, OTHER_INDEX))).contains("user", "message");
    }

    // ---------------------------------------------------------------- many events

    @Test
    void totalsAboveTenThousandAreExactAndStreamsReturnEverythingInOrder() {
        store.createIndex(INDEX);
        write(INDEX, ContractEvents.generated("g", 12_000, 0, 1));
        assertThat(store.count(request().build())).isEqualTo(12_000);
        assertThat(store.search(request().size(10).build()).total()).isEqualTo(12_000);
        assertThat(store.count(request().query("even").build())).isEqualTo(6_000);
        for (SortOrder order : SortOrder.values()) {
            try (EventStream stream = store.stream(request().order(order).build())) {
                long previous = order == SortOrder.ASC ? Long.MIN_VALUE : Long.MAX_VALUE;
                int seen = 0;
                while (stream.hasNext()) {
                    long timestamp = stream.next().timestamp();
                    assertThat(order == SortOrder.ASC ? timestamp > previous : timestamp < previous).isTrue();
                    previous = timestamp;
                    seen++;
                }
                assertThat(seen).isEqualTo(12_000);
            }
        }
        try (EventStream odd = store.stream(request().query("odd").filter(new Filter.TimeRange(0, 999 * SECOND, false))
                .build())) {
            int seen = 0;
            while (odd.hasNext()) {
                assertThat(odd.next().source().get("message").toString()).endsWith("odd");
                seen++;
            }
            assertThat(seen).isEqualTo(500);
        }
        AggregationResult.Terms terms = (AggregationResult.Terms) store.aggregate(request().build(),
                new Aggregation.Terms("data_type", 1));
        assertThat(terms.buckets()).containsExactly(new AggregationResult.TermBucket("gen:other", 8_000));
        assertThat(terms.otherCount()).isEqualTo(4_000);
        long updated = store.updateByQuery(request().filter(new Filter.TimeRange(0, 2_499 * SECOND, false)).build(),
                new EventUpdate.AddTags(List.of("early")));
        assertThat(updated).isEqualTo(2_500);
        store.refresh(INDEX);
        assertThat(store.count(request().query("tag:early").build())).isEqualTo(2_500);
        assertThat(store.count(request().build())).isEqualTo(12_000);
    }

    @Test
    void streamStartsAfterTheCursorAndCanBeClosedEarly() {
        writeBasic();
        try (EventStream stream = store.stream(request().after(new SearchAfter(2 * SECOND, "e2")).size(1).build())) {
            List<String> ids = new ArrayList<>();
            stream.forEachRemaining(e -> ids.add(e.id()));
            assertThat(ids).containsExactly("e3", "e4", "e5");
        }
        EventStream early = store.stream(request().build());
        assertThat(early.next().id()).isEqualTo("e1");
        early.close();
    }

    /**
     * A column stream gives every match with the same values a stream gives for leaf fields
     * (integers as any whole number type), also where one event has a value a column cannot hold:
     * several values, a string and a number in one field, a string beyond the keyword limit.
     */
    @Test
    void columnStreamGivesTheStreamedValuesOfEveryMatchInAnyOrder() {
        store.createIndex(INDEX);
        List<Event> events = new ArrayList<>(ContractEvents.generated("g", 3_000, 0, 1));
        events.add(event("odd-list", 5 * SECOND, 1, "message", "m", "data_type", "gen:odd",
                "service", List.of("http", "dns"), "orig_bytes", 7));
        events.add(event("odd-mixed", 6 * SECOND, 1, "message", "m", "data_type", List.of("gen:odd", 3),
                "service", ContractEvents.LONG_VALUE, "orig_bytes", 2.5));
        events.add(event("odd-missing", 7 * SECOND, 1, "message", "m", "data_type", "gen:odd"));
        write(INDEX, events);
        List<String> fields = List.of("timestamp", "data_type", "service", "orig_bytes", "n", "absent");
        Map<String, Map<String, Object>> streamed = new LinkedHashMap<>();
        try (EventStream stream = store.stream(request().fields(fields).build())) {
            stream.forEachRemaining(e -> streamed.put(e.id(), normalised(e.source())));
        }
        Map<String, Map<String, Object>> columns = new LinkedHashMap<>();
        try (EventStream stream = store.streamColumns(request().fields(fields).build())) {
            stream.forEachRemaining(e -> {
                assertThat(e.index()).isEqualTo(INDEX);
                columns.put(e.id(), normalised(e.source()));
            });
        }
        assertThat(columns).hasSize(3_003).isEqualTo(streamed);
        try (EventStream even = store.streamColumns(request().query("even").fields(fields).build())) {
            int seen = 0;
            for (; even.hasNext(); even.next()) {
                seen++;
            }
            assertThat(seen).isEqualTo(1_500);
        }
        EventStream early = store.streamColumns(request().fields(fields).build());
        assertThat(early.hasNext()).isTrue();
        early.close();
        assertThat(early.hasNext()).isFalse();
        assertThatThrownBy(() -> store.streamColumns(request().build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> {
            try (EventStream broken = store.streamColumns(request().query("(unbalanced").fields(fields).build())) {
                broken.hasNext();
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    /** Whole numbers as longs: a source says 7 where a column says 7L. */
    private static Map<String, Object> normalised(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
        return copy;
    }

    // ---------------------------------------------------------------- aggregations

    @Test
    void termsAggregationCountsTopValuesAndTheRest() {
        writeBasic();
        AggregationResult.Terms top2 = (AggregationResult.Terms) store.aggregate(request().build(),
                new Aggregation.Terms("data_type", 2));
        assertThat(top2.buckets()).containsExactly(new AggregationResult.TermBucket("auth:login", 2),
                new AggregationResult.TermBucket("web:access", 2));
        assertThat(top2.otherCount()).isEqualTo(1);
        AggregationResult.Terms all = (AggregationResult.Terms) store.aggregate(request().build(),
                new Aggregation.Terms("data_type.keyword", 10));
        assertThat(all.buckets()).extracting(AggregationResult.TermBucket::key)
                .containsExactly("auth:login", "web:access", "auth:logout");
        assertThat(all.otherCount()).isZero();
        AggregationResult.Terms users = (AggregationResult.Terms) store.aggregate(request().query("_exists_:port").build(),
                new Aggregation.Terms("user", 10));
        assertThat(users.buckets()).containsExactly(new AggregationResult.TermBucket("alice", 1),
                new AggregationResult.TermBucket("bob", 1), new AggregationResult.TermBucket("root", 1));
        AggregationResult.Terms tags = (AggregationResult.Terms) store.aggregate(request().build(),
                new Aggregation.Terms("tag", 10));
        assertThat(tags.buckets()).containsExactly(new AggregationResult.TermBucket("malware", 1));
        AggregationResult.Terms none = (AggregationResult.Terms) store.aggregate(request().query("nothing").build(),
                new Aggregation.Terms("data_type", 10));
        assertThat(none.buckets()).isEmpty();
        assertThat(none.otherCount()).isZero();
    }

    @Test
    void fixedDateHistogramIncludesEmptyBucketsBetween() {
        writeBasic();
        AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) store.aggregate(
                request().build(), new Aggregation.DateHistogram(Optional.of(HOUR), 0));
        assertThat(histogram.intervalMicros()).isEqualTo(HOUR);
        assertThat(histogram.buckets()).containsExactly(new AggregationResult.TimeBucket(0, 3),
                new AggregationResult.TimeBucket(HOUR, 1), new AggregationResult.TimeBucket(2 * HOUR, 0),
                new AggregationResult.TimeBucket(3 * HOUR, 1));
        AggregationResult.DateHistogram filteredHistogram = (AggregationResult.DateHistogram) store.aggregate(
                request().filter(new Filter.Timelines(Set.of(2L), false)).build(),
                new Aggregation.DateHistogram(Optional.of(HOUR), 0));
        assertThat(filteredHistogram.buckets()).extracting(AggregationResult.TimeBucket::startMicros)
                .containsExactly(HOUR, 2 * HOUR, 3 * HOUR);
    }

    @Test
    void autoDateHistogramPicksTheSmallestRoundIntervalThatFits() {
        writeBasic();
        AggregationResult.DateHistogram four = (AggregationResult.DateHistogram) store.aggregate(request().build(),
                new Aggregation.DateHistogram(Optional.empty(), 4));
        assertThat(four.intervalMicros()).isEqualTo(HOUR);
        assertThat(four.buckets()).extracting(AggregationResult.TimeBucket::count).containsExactly(3L, 1L, 0L, 1L);
        AggregationResult.DateHistogram ten = (AggregationResult.DateHistogram) store.aggregate(request().build(),
                new Aggregation.DateHistogram(Optional.empty(), 10));
        assertThat(ten.intervalMicros()).isEqualTo(30 * 60 * SECOND)
                .isEqualTo(HistogramIntervals.choose(SECOND, 3 * HOUR + 5 * SECOND, 10));
        assertThat(ten.buckets()).extracting(AggregationResult.TimeBucket::count)
                .containsExactly(3L, 0L, 1L, 0L, 0L, 0L, 1L);
        AggregationResult.DateHistogram empty = (AggregationResult.DateHistogram) store.aggregate(
                request().query("nothing").build(), new Aggregation.DateHistogram(Optional.empty(), 10));
        assertThat(empty.buckets()).isEmpty();
    }

    @Test
    void dateHistogramBucketsBeforeTheEpochAlignDownwards() {
        store.createIndex(INDEX);
        write(INDEX, List.of(event("before", -1, 1, "message", "x"), event("after", 1, 1, "message", "x")));
        AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) store.aggregate(
                request().build(), new Aggregation.DateHistogram(Optional.of(HOUR), 0));
        assertThat(histogram.buckets()).containsExactly(new AggregationResult.TimeBucket(-HOUR, 1),
                new AggregationResult.TimeBucket(0, 1));
    }

    @Test
    void filteredCountsCountEachQueryWithinTheMatches() {
        writeBasic();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("logins", "data_type:\"auth:login\"");
        queries.put("web", "data_type:\"web:access\"");
        queries.put("none", "nothing");
        AggregationResult.FilteredCounts all = (AggregationResult.FilteredCounts) store.aggregate(request().build(),
                new Aggregation.FilteredCounts(queries));
        assertThat(all.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("logins", 2L, "web", 2L, "none", 0L));
        AggregationResult.FilteredCounts timeline1 = (AggregationResult.FilteredCounts) store.aggregate(
                request().filter(new Filter.Timelines(Set.of(1L), false)).build(), new Aggregation.FilteredCounts(queries));
        assertThat(timeline1.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("logins", 2L, "web", 0L, "none", 0L));
    }

    // ---------------------------------------------------------------- updates

    @Test
    void labelsArePerSketchAndAddedOnce() {
        writeBasic();
        Label star1 = new Label(Event.STAR_LABEL, 1, 7);
        assertThat(store.update(INDEX, List.of("e1", "e4", "missing"), new EventUpdate.AddLabel(star1))).isEqualTo(2);
        store.update(INDEX, List.of("e1"), new EventUpdate.AddLabel(star1));
        store.update(INDEX, List.of("e1"), new EventUpdate.AddLabel(new Label(Event.STAR_LABEL, 2, 8)));
        store.refresh(INDEX);
        List<?> labels = (List<?>) store.get(INDEX, "e1").orElseThrow().source().get(Event.LABEL);
        assertThat(labels).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) labels.getFirst();
        assertThat(first.get("name")).isEqualTo(Event.STAR_LABEL);
        assertThat(number(first.get("sketch_id"))).isEqualTo(1);
        assertThat(number(first.get("user_id"))).isEqualTo(7);
        store.update(INDEX, List.of("e1"), new EventUpdate.RemoveLabel(new Label(Event.STAR_LABEL, 1, 99)));
        store.refresh(INDEX);
        assertThat(filtered(new Filter.Label(1, Event.STAR_LABEL, false))).containsExactly("e4");
        assertThat(filtered(new Filter.Label(2, Event.STAR_LABEL, false))).containsExactly("e1");
        StoredEvent e1 = store.get(INDEX, "e1").orElseThrow();
        assertThat(e1.source().get("message")).isEqualTo("User alice logged in from 10.0.0.1");
        assertThat(ids("alice logged")).containsExactly("e1");
    }

    @Test
    void updateEachGivesEachEventItsOwnUpdate() {
        writeBasic();
        Map<String, EventUpdate> updates = new java.util.LinkedHashMap<>();
        updates.put("e1", new EventUpdate.AddLabel(new Label("__ts_fact_1", 1, 7)));
        updates.put("e4", new EventUpdate.AddLabel(new Label("__ts_fact_2", 1, 7)));
        updates.put("missing", new EventUpdate.AddTags(List.of("never")));
        assertThat(store.updateEach(INDEX, updates)).isEqualTo(2);
        store.refresh(INDEX);
        assertThat(filtered(new Filter.Label(1, "__ts_fact_1", false))).containsExactly("e1");
        assertThat(filtered(new Filter.Label(1, "__ts_fact_2", false))).containsExactly("e4");
        assertThat(store.updateEach(INDEX, Map.of("e1", new EventUpdate.RemoveLabel(new Label("__ts_fact_1", 1, 7)))))
                .isEqualTo(1);
        store.refresh(INDEX);
        assertThat(filtered(new Filter.Label(1, "__ts_fact_1", false))).isEmpty();
        assertThat(store.get(INDEX, "e1").orElseThrow().source().get("message")).isEqualTo("User alice logged in from 10.0.0.1");
    }

    @Test
    void tagsAreAddedOnceAndRemoved() {
        writeBasic();
        assertThat(store.update(INDEX, List.of("e1", "e2"), new EventUpdate.AddTags(List.of("suspicious", "malware"))))
                .isEqualTo(2);
        store.refresh(INDEX);
        assertThat(store.get(INDEX, "e1").orElseThrow().source().get("tag")).isEqualTo(List.of("malware", "suspicious"));
        assertThat(store.get(INDEX, "e2").orElseThrow().source().get("tag")).isEqualTo(List.of("suspicious", "malware"));
        assertThat(ids("tag:suspicious")).containsExactly("e1", "e2");
        store.update(INDEX, List.of("e1", "e2"), new EventUpdate.RemoveTags(List.of("malware")));
        store.refresh(INDEX);
        assertThat(ids("tag:malware")).isEmpty();
        assertThat(store.get(INDEX, "e1").orElseThrow().source().get("tag")).isEqualTo(List.of("suspicious"));
    }

    @Test
    void attributesAreSetAndSearchable() {
        writeBasic();
        assertThat(store.update(INDEX, List.of("e2"), new EventUpdate.SetAttributes(
                Map.of("verdict", "benign", "severity", 5)))).isEqualTo(1);
        store.refresh(INDEX);
        Map<String, Object> source = store.get(INDEX, "e2").orElseThrow().source();
        assertThat(source.get("verdict")).isEqualTo("benign");
        assertThat(number(source.get("severity"))).isEqualTo(5);
        assertThat(source.get("user")).isEqualTo("bob");
        assertThat(ids("verdict:benign")).containsExactly("e2");
        assertThat(ids("severity:[4 TO 6]")).containsExactly("e2");
        assertThatThrownBy(() -> new EventUpdate.SetAttributes(Map.of("timestamp", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> new EventUpdate.SetAttributes(Map.of("_id", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("_id");
    }

    @Test
    void updateByQueryChangesEveryMatchAndNothingElse() {
        writeBasic();
        long updated = store.updateByQuery(request().query("data_type:\"auth:login\"").build(),
                new EventUpdate.AddLabel(new Label(Event.COMMENT_LABEL, 4, 2)));
        assertThat(updated).isEqualTo(2);
        store.refresh(INDEX);
        assertThat(filtered(new Filter.Label(4, Event.COMMENT_LABEL, false))).containsExactly("e1", "e3");
        assertThat(store.updateByQuery(request().query("nothing").build(), new EventUpdate.AddTags(List.of("x"))))
                .isZero();
        assertThat(store.count(request().build())).isEqualTo(5);
    }

    @Test
    void deleteTimelineRemovesOnlyThatTimelineInThatIndex() {
        writeBasic();
        store.createIndex(OTHER_INDEX);
        write(OTHER_INDEX, List.of(event("o1", SECOND, 2, "message", "other")));
        assertThat(store.deleteTimeline(INDEX, 2)).isEqualTo(2);
        store.refresh(INDEX);
        assertThat(ids("*")).containsExactly("e1", "e2", "e3");
        assertThat(store.deleteTimeline(INDEX, 2)).isZero();
        assertThat(store.count(SearchRequest.builder(OTHER_INDEX).build())).isEqualTo(1);
    }

    @Test
    void fieldNamesAreDottedSourceLeaves() {
        writeBasic();
        assertThat(store.fieldNames(List.of(INDEX))).contains("message", "datetime", "timestamp", "timestamp_desc",
                Event.TIMELINE_ID, "data_type", "user", "port", "score", "tag", "http.method", "http.status", "path",
                "hostname", "long").doesNotContain("http", "message.keyword", "nosuchfield");
    }
}
