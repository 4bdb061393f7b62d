package org.timesmith.server.api;

import java.util.List;

/**
 * Labels to add to or remove from something that keeps a {@code label_string} (a sketch, a
 * timeline): Timesketch's clients send the same {@code labels} + {@code label_action} pair to both
 * routes, so both decode it with {@link WireValues#labelChange} and apply it here.
 *
 * @param action {@code add} or {@code remove} as sent; {@link #applyTo} refuses anything else
 */
public record LabelChange(List<String> labels, String action) {

    public LabelChange {
        labels = List.copyOf(labels);
    }

    /**
     * Adds the labels not there yet, or removes these labels, in {@code current} (changed in
     * place); whether anything changed. 400 for an action other than add or remove.
     */
    public boolean applyTo(List<String> current) {
        return switch (action) {
            case "add" -> {
                boolean changed = false;
                for (String label : labels) {
                    if (!current.contains(label)) {
                        current.add(label);
                        changed = true;
                    }
                }
                yield changed;
            }
            case "remove" -> current.removeAll(labels);
            default -> throw ApiException.badRequest("label_action must be add or remove.");
        };
    }
}
