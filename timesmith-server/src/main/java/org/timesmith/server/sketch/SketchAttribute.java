package org.timesmith.server.sketch;

import java.util.List;

/**
 * A sketch attribute as a client sends it (§3.7): a name, an ontology ({@code text} unless named)
 * and its values (none when the request deletes it). The service checks the name and the values.
 *
 * @param name as sent, empty when the body has none (the service answers 400 for a blank name)
 */
public record SketchAttribute(String name, String ontology, List<String> values) {

    public SketchAttribute {
        values = List.copyOf(values);
    }
}
