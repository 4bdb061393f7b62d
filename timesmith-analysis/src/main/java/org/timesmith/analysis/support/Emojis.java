package org.timesmith.analysis.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Timesketch's named emojis as it stores them on events (HTML code points in the list attribute
 * {@value #FIELD}), so rules written for Timesketch ({@code emojis: ['BUCKET']}) give the same marks.
 * Only the names with a meaning for analyzers are known; country flags are not.
 */
public final class Emojis {

    /** The event attribute that holds the emoji codes. */
    public static final String FIELD = org.timesmith.core.search.EventUpdate.SetAttributes.EMOJIS;

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("BUCKET", "&#x1FAA3"), Map.entry("BOMB", "&#x1F4A3"), Map.entry("CAMERA", "&#x1F4F7"),
            Map.entry("HIGH_VOLTAGE", "&#x26A1"), Map.entry("FISHING_POLE", "&#x1F3A3"), Map.entry("FIRE", "&#x1F525"),
            Map.entry("GLOBE", "&#x1F30F"), Map.entry("HAMMER", "&#x1F528"), Map.entry("ID_BUTTON", "&#x1F194"),
            Map.entry("LINK", "&#x1F517"), Map.entry("LOCK", "&#x1F512"), Map.entry("LOCOMOTIVE", "&#x1F682"),
            Map.entry("MAGNIFYING_GLASS", "&#x1F50E"), Map.entry("PERSON_STANDING", "&#x1F9CD"),
            Map.entry("RAT", "&#x1F400"), Map.entry("SATELLITE", "&#x1F4E1"), Map.entry("SCREEN", "&#x1F5B5"),
            Map.entry("SHIELD", "&#x1F6E1"), Map.entry("SKULL_CROSSBONE", "&#x2620"), Map.entry("SKULL", "&#x1F480"),
            Map.entry("SLEEPING_FACE", "&#x1F634"), Map.entry("SPARKLES", "&#x2728"), Map.entry("SPIDER", "&#x1F577"),
            Map.entry("UNLOCK", "&#x1F513"), Map.entry("VALIDATE", "&#x2705"), Map.entry("WASTEBASKET", "&#x1F5D1"));

    private Emojis() {
    }

    /** The code of a named emoji (any case). */
    public static Optional<String> code(String name) {
        return Optional.ofNullable(CODES.get(name.toUpperCase(Locale.ROOT)));
    }

    /**
     * The codes of the names.
     *
     * @throws IllegalArgumentException naming the first unknown name
     */
    public static List<String> codes(List<String> names) {
        return names.stream().map(n -> code(n).orElseThrow(() -> new IllegalArgumentException("unknown emoji " + n
                + " (known: " + CODES.keySet().stream().sorted().toList() + ")"))).toList();
    }
}
