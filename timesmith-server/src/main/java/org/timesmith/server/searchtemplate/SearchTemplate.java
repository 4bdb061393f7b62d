package org.timesmith.server.searchtemplate;

import java.util.Optional;

/**
 * A search template: a query string (with {@code {{ parameter }}} placeholders), filter and DSL as
 * they go on the wire (JSON text).
 *
 * @param userId         the creator; empty for templates made from the DFIQ library
 * @param isPublic       readable by every user (the library's templates)
 * @param sourceViewId   the saved search it was made from, if any
 * @param sourceSketchId the sketch of that saved search
 */
public record SearchTemplate(long id, String templateUuid, Optional<Long> userId, boolean isPublic, String name,
                             String shortName, String description, String queryString, String queryFilter,
                             String queryDsl, String templateJson, Optional<Long> sourceViewId,
                             Optional<Long> sourceSketchId, String createdAt, String updatedAt) {
}
