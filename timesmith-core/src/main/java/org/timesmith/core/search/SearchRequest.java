package org.timesmith.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One search over one or more indices: a query string in Lucene syntax (default operator AND over
 * all fields) and/or a query in the supported subset of the OpenSearch query DSL, filters, the
 * fields to return, order and paging. Used unchanged by explore, counts, aggregations, exports and
 * analyzers, so every one of them sees the same matches.
 *
 * @param query  query string; empty, blank or {@code *} match everything
 * @param dsl    an OpenSearch DSL query object (the value of {@code "query"}), ANDed with the rest
 * @param fields source fields to return; empty returns the whole source
 * @param after  start after this sort key (for deep paging without {@code from})
 */
public record SearchRequest(List<String> indices, Optional<String> query, Optional<JsonNode> dsl,
                            List<Filter> filters, List<String> fields, SortOrder order, int from, int size,
                            Optional<SearchAfter> after) {

    public static final int DEFAULT_SIZE = 40;

    public SearchRequest {
        indices = List.copyOf(indices);
        filters = List.copyOf(filters);
        fields = List.copyOf(fields);
        if (from < 0 || size < 0) {
            throw new IllegalArgumentException("from and size must not be negative");
        }
    }

    public static Builder builder(String... indices) {
        return new Builder().indices(List.of(indices));
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.indices = indices;
        b.query = query;
        b.dsl = dsl;
        b.filters = new ArrayList<>(filters);
        b.fields = fields;
        b.order = order;
        b.from = from;
        b.size = size;
        b.after = after;
        return b;
    }

    /** Builds requests field by field; defaults: match all, ascending, first 40. */
    public static final class Builder {
        private List<String> indices = List.of();
        private Optional<String> query = Optional.empty();
        private Optional<JsonNode> dsl = Optional.empty();
        private List<Filter> filters = new ArrayList<>();
        private List<String> fields = List.of();
        private SortOrder order = SortOrder.ASC;
        private int from;
        private int size = DEFAULT_SIZE;
        private Optional<SearchAfter> after = Optional.empty();

        public Builder indices(List<String> value) {
            indices = value;
            return this;
        }

        public Builder query(String value) {
            query = Optional.ofNullable(value);
            return this;
        }

        public Builder dsl(JsonNode value) {
            dsl = Optional.ofNullable(value);
            return this;
        }

        public Builder filter(Filter value) {
            filters.add(value);
            return this;
        }

        public Builder filters(List<Filter> value) {
            filters = new ArrayList<>(value);
            return this;
        }

        public Builder fields(List<String> value) {
            fields = value;
            return this;
        }

        public Builder order(SortOrder value) {
            order = value;
            return this;
        }

        public Builder from(int value) {
            from = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder after(SearchAfter value) {
            after = Optional.ofNullable(value);
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(indices, query, dsl, filters, fields, order, from, size, after);
        }
    }
}
