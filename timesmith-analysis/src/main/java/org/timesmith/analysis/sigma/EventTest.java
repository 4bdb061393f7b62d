package org.timesmith.analysis.sigma;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one leaf of a converted rule means for a single event, so that a rule runs in-process on
 * events being imported with the meaning its query has in the store. Each leaf is built next to the
 * query clause it stands for (in {@link SigmaConverter}), from the same Sigma value after the same
 * modifiers; the differences that remain are the store's text model, which the event test does not
 * approximate: it compares whole values of any length, where the store sees a keyword only for
 * values of at most 256 characters and falls back to word-based text matching beyond that.
 */
sealed interface EventTest {

    boolean test(EventFields event);

    /**
     * A field that must have a non-empty value (and, when {@code values} is not empty, one of these
     * lower-case values) for the leaf to match: what the live rules index rules by, so that an event
     * reaches only the rules it could match.
     */
    record Requirement(String field, List<String> values) {
    }

    /** The requirement this leaf places on an event when it is not negated, if it places one. */
    default Optional<Requirement> requirement() {
        return Optional.empty();
    }

    /**
     * Sigma's value at a position (whole, contains, starts, ends) with its {@code *}/{@code ?} wildcards; no field = any field.
     * {@code keyword} is the lower-case text when the value is a keyword (no field, case-insensitive, contained
     * anywhere): what a set of rules finds for all their keywords in one pass over the event ({@link KeywordAutomaton}).
     */
    record Value(Optional<String> field, Pattern pattern, Optional<String> literal, Kind kind, boolean cased,
                 Optional<Glob> glob, Optional<String> keyword) implements EventTest {

        enum Kind { EXACT, CONTAINS, STARTS, ENDS, PATTERN }

        /**
         * A pattern whose only wildcard is {@code *}: the literal pieces between the stars, found in
         * order with {@link String#indexOf} (leftmost is always right for such patterns), because a
         * regex of several {@code .*} backtracks badly on long values.
         */
        record Glob(List<String> pieces, boolean openStart, boolean openEnd) {
            boolean matches(String value) {
                int from = 0;
                int last = pieces.size() - 1;
                for (int i = 0; i <= last; i++) {
                    String piece = pieces.get(i);
                    if (i == 0 && !openStart) {
                        if (!value.startsWith(piece)) {
                            return false;
                        }
                        from = piece.length();
                    } else if (i == last && !openEnd) {
                        return value.length() - piece.length() >= from && value.endsWith(piece);
                    } else {
                        int at = value.indexOf(piece, from);
                        if (at < 0) {
                            return false;
                        }
                        from = at + piece.length();
                    }
                }
                return openEnd || from == value.length();
            }
        }

        /** @param value Sigma's value: {@code *} and {@code ?} wildcards, {@code \*}, {@code \?}, {@code \\} escapes */
        static Value of(Optional<String> field, String value, Kind position, boolean cased) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            List<String> pieces = new java.util.ArrayList<>();
            StringBuilder piece = new StringBuilder();
            boolean wildcards = false;
            boolean question = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                    char escaped = value.charAt(++i);
                    regex.append(Pattern.quote(String.valueOf(escaped)));
                    literal.append(escaped);
                    piece.append(escaped);
                } else if (c == '*' || c == '?') {
                    regex.append(c == '*' ? ".*" : ".");
                    wildcards = true;
                    question |= c == '?';
                    pieces.add(piece.toString());
                    piece.setLength(0);
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                    literal.append(c);
                    piece.append(c);
                }
            }
            pieces.add(piece.toString());
            String body = (position == Kind.CONTAINS || position == Kind.ENDS ? ".*" : "") + regex
                    + (position == Kind.CONTAINS || position == Kind.STARTS ? ".*" : "");
            Pattern pattern = Pattern.compile(body, Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            String text = cased ? literal.toString() : literal.toString().toLowerCase(Locale.ROOT);
            Optional<Glob> glob = Optional.empty();
            if (wildcards && !question) {
                boolean openStart = position == Kind.CONTAINS || position == Kind.ENDS || pieces.getFirst().isEmpty();
                boolean openEnd = position == Kind.CONTAINS || position == Kind.STARTS || pieces.getLast().isEmpty();
                List<String> nonEmpty = pieces.stream().filter(p -> !p.isEmpty())
                        .map(p -> cased ? p : p.toLowerCase(Locale.ROOT)).toList();
                if (!nonEmpty.isEmpty()) {
                    glob = Optional.of(new Glob(nonEmpty, openStart, openEnd));
                }
            }
            Kind kind = wildcards ? Kind.PATTERN : position;
            // A keyword: no field, case-insensitive, contained anywhere (and without the NUL no value search needs).
            boolean keyword = field.isEmpty() && kind == Kind.CONTAINS && !cased && text.indexOf('\u0000') < 0;
            return new Value(field, pattern, wildcards ? Optional.empty() : Optional.of(text), kind, cased, glob,
                    keyword ? Optional.of(text) : Optional.empty());
        }

        @Override
        public boolean test(EventFields event) {
            if (keyword.isPresent()) {
                return event.containsKeyword(keyword.get());
            }
            List<String> values = field.isPresent()
                    ? (cased ? event.texts(field.get()) : event.lowerTexts(field.get()))
                    : (cased ? event.allTexts() : event.allLowerTexts());
            for (String value : values) {
                if (matches(value)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The lower-case literal pieces a keyword with {@code *} wildcards needs, each somewhere in the event,
         * before its glob can match one value: an exact prefilter the keyword automaton answers.
         */
        List<String> keywordPieces() {
            return field.isEmpty() && kind == Kind.PATTERN && !cased && glob.isPresent() ? glob.get().pieces() : List.of();
        }

        private boolean matches(String value) {
            return switch (kind) {
                case EXACT -> value.equals(literal.orElseThrow());
                case CONTAINS -> value.contains(literal.orElseThrow());
                case STARTS -> value.startsWith(literal.orElseThrow());
                case ENDS -> value.endsWith(literal.orElseThrow());
                case PATTERN -> glob.isPresent() ? glob.get().matches(value) : pattern.matcher(value).matches();
            };
        }

        @Override
        public Optional<Requirement> requirement() {
            if (field.isEmpty() || pattern.matcher("").matches()) {
                return Optional.empty();
            }
            boolean exact = kind == Kind.EXACT && !cased && literal.orElseThrow().equals(literal.orElseThrow().strip());
            return Optional.of(new Requirement(field.get(), exact ? List.of(literal.orElseThrow()) : List.of()));
        }
    }

    /** A number compared for equality: numeric values by value, text by its trimmed form. */
    record NumberEquals(String field, String number) implements EventTest {
        @Override
        public boolean test(EventFields event) {
            for (Object value : event.values(field)) {
                if (value instanceof Number n ? EventFields.sameNumber(n, number)
                        : String.valueOf(value).trim().equalsIgnoreCase(number)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<Requirement> requirement() {
            try {
                return Optional.of(new Requirement(field, List.of(Long.toString(Long.parseLong(number.trim())))));
            } catch (NumberFormatException e) {
                return Optional.of(new Requirement(field, List.of()));
            }
        }
    }

    /** {@code gt}/{@code gte}/{@code lt}/{@code lte}: numbers, or text that reads as one. */
    record Range(String field, double bound, String comparison) implements EventTest {
        @Override
        public boolean test(EventFields event) {
            for (Object value : event.values(field)) {
                Optional<Double> number = EventFields.number(value);
                if (number.isPresent()) {
                    int order = Double.compare(number.get(), bound);
                    boolean inside = switch (comparison) {
                        case "gt" -> order > 0;
                        case "gte" -> order >= 0;
                        case "lt" -> order < 0;
                        default -> order <= 0;
                    };
                    if (inside) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public Optional<Requirement> requirement() {
            return Optional.of(new Requirement(field, List.of()));
        }
    }

    /** A field with a value (not null, not an empty string or list). */
    record Exists(String field) implements EventTest {
        @Override
        public boolean test(EventFields event) {
            return event.present(field);
        }

        @Override
        public Optional<Requirement> requirement() {
            return Optional.of(new Requirement(field, List.of()));
        }
    }

    /** Sigma's {@code re}: the expression found anywhere in the value, with its flags. */
    record Regex(String field, Pattern pattern) implements EventTest {
        @Override
        public boolean test(EventFields event) {
            for (String value : event.texts(field)) {
                if (pattern.matcher(value).find()) {
                    return true;
                }
            }
            return false;
        }

        /** The field must have a non-empty value, unless the expression also matches an empty one. */
        @Override
        public Optional<Requirement> requirement() {
            return pattern.matcher("").find() ? Optional.empty() : Optional.of(new Requirement(field, List.of()));
        }
    }

    /** Sigma's {@code cidr}: the value is an IP address literal inside the network. */
    record Cidr(String field, BigInteger network, int prefix, boolean v6) implements EventTest {

        private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

        @Override
        public boolean test(EventFields event) {
            for (String value : event.texts(field)) {
                Optional<BigInteger> address = address(value.trim(), v6);
                int bits = v6 ? 128 : 32;
                if (address.isPresent() && address.get().shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix))) {
                    return true;
                }
            }
            return false;
        }

        /** The address as a number, for literals only: a name is never looked up. */
        static Optional<BigInteger> address(String text, boolean v6) {
            if (!(v6 ? V6 : V4).matcher(text).matches()) {
                return Optional.empty();
            }
            try {
                byte[] bytes = InetAddress.getByName(text).getAddress();
                return bytes.length == (v6 ? 16 : 4) ? Optional.of(new BigInteger(1, bytes)) : Optional.empty();
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<Requirement> requirement() {
            return Optional.of(new Requirement(field, List.of()));
        }
    }
}
