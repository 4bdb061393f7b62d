package org.timesmith.server.view;

/**
 * What a client sets on a saved search, in the forms it is stored in.
 *
 * @param queryFilter the filter object as JSON text
 * @param queryDsl    the DSL as JSON text; {@link ViewService#NO_DSL} when there is none
 * @param labelString the labels as a JSON list, or empty for none
 */
public record ViewFields(String name, String description, String queryString, String queryFilter, String queryDsl,
                         String labelString) {
}
