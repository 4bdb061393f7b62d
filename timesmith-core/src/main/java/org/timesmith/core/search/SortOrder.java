package org.timesmith.core.search;

/** Order of results by {@code timestamp}; ties are always broken by event id ascending. */
public enum SortOrder {
    ASC, DESC
}
