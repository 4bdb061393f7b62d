package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Converts a Sigma rule's detection into a Lucene query string for the event store, through a
 * {@link SigmaConfig} (field names and log source conditions).
 *
 * <p>Supported: selections as maps (fields ANDed) or lists (ORed), value lists (ORed, ANDed with
 * {@code all}), keyword lists, {@code null} values (field absent), the modifiers {@code contains},
 * {@code startswith}, {@code endswith}, {@code all}, {@code windash}, {@code exists}, {@code re},
 * {@code gt}/{@code gte}/{@code lt}/{@code lte}, Sigma's {@code *}/{@code ?} wildcards, and
 * conditions with {@code and}, {@code or}, {@code not}, parentheses, {@code 1 of}/{@code any of}/
 * {@code all of} a selection pattern or {@code them}. Anything else (aggregations after {@code |},
 * {@code cidr}, {@code base64offset}, {@code fieldref}, regex flags …) is a {@link SigmaException}
 * naming the rule and the construct, never a silently wrong query.
 *
 * <p>String fields are analysed text (standard analyzer, case-insensitive), so a value made of one
 * word becomes a term or wildcard ({@code *word*} for contains), and any other value becomes a
 * phrase, which matches it at word boundaries: {@code endswith: '\cmd.exe'} finds
 * {@code C:\Windows\cmd.exe}. Regular expressions apply to the whole value ({@code <field>.keyword},
 * case-sensitive), as Sigma defines them.
 */
public final class SigmaConverter {

    private static final Set<String> MODIFIERS = Set.of("contains", "startswith", "endswith", "all", "windash",
            "exists", "re", "gt", "gte", "lt", "lte");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern HAS_WORD_CHAR = Pattern.compile("[\\p{L}\\p{N}]");
    private static final Pattern CONDITION_TOKEN = Pattern.compile("\\(|\\)|[^\\s()]+");
    /** Regular-expression constructs Lucene's RegExp does not have (lookaround, flags, anchors inside, backreferences …). */
    private static final Pattern UNSUPPORTED_REGEX = Pattern.compile("\\(\\?|\\\\[bBAZzGQEpPhHkK1-9]");
    private static final List<String> DASHES = List.of("-", "/", "\u2013", "\u2014", "\u2015");

    private final SigmaConfig config;

    public SigmaConverter(SigmaConfig config) {
        this.config = config;
    }

    /** The rule as a query string (log source conditions AND detection). @throws SigmaException */
    public String toQuery(SigmaRule rule) {
        return new Conversion(rule).query().render();
    }

    private enum Position { EXACT, CONTAINS, STARTS, ENDS }

    /** One rule's conversion: its log source definitions and its selections, converted once each. */
    private final class Conversion {

        private final SigmaRule rule;
        private final List<SigmaConfig.LogSource> logSources;
        private final Map<String, LuceneQuery> converted = new HashMap<>();

        Conversion(SigmaRule rule) {
            this.rule = rule;
            this.logSources = config.logSourcesFor(rule.logsource());
        }

        private SigmaException error(String problem) {
            return new SigmaException(rule.source(), problem);
        }

        LuceneQuery query() {
            List<LuceneQuery> parts = new ArrayList<>();
            for (SigmaConfig.LogSource source : logSources) {
                source.conditions().forEach((field, values) -> {
                    List<LuceneQuery> alternatives = new ArrayList<>();
                    for (Object value : values) {
                        for (Optional<String> target : targets(field.equals("query") ? "" : field)) {
                            alternatives.add(pattern(this, target, value.toString(), Position.EXACT, value instanceof Number));
                        }
                    }
                    parts.add(LuceneQuery.or(alternatives));
                });
            }
            parts.add(condition());
            return LuceneQuery.and(parts);
        }

        private LuceneQuery condition() {
            JsonNode condition = rule.detection().get("condition");
            List<LuceneQuery> alternatives = new ArrayList<>();
            if (condition.isArray()) {
                condition.forEach(c -> alternatives.add(new ConditionParser(this, c.asString()).parse()));
            } else if (condition.isString()) {
                alternatives.add(new ConditionParser(this, condition.asString()).parse());
            } else {
                throw error("the condition must be a string or a list of strings");
            }
            if (alternatives.isEmpty()) {
                throw error("the condition is empty");
            }
            return LuceneQuery.or(alternatives);
        }

        List<String> selectionNames() {
            List<String> names = new ArrayList<>();
            rule.detection().propertyNames().forEach(name -> {
                if (!name.equals("condition") && !name.equals("timeframe")) {
                    names.add(name);
                }
            });
            return names;
        }

        LuceneQuery selection(String name) {
            LuceneQuery cached = converted.get(name);
            if (cached != null) {
                return cached;
            }
            JsonNode node = rule.detection().get(name);
            if (node == null || name.equals("condition") || name.equals("timeframe")) {
                throw error("the condition refers to selection '" + name + "', which the detection does not define");
            }
            LuceneQuery query = selection(name, node);
            converted.put(name, query);
            return query;
        }

        private LuceneQuery selection(String name, JsonNode node) {
            if (node.isObject()) {
                List<LuceneQuery> fields = new ArrayList<>();
                node.properties().forEach(e -> fields.add(field(name, e.getKey(), e.getValue())));
                if (fields.isEmpty()) {
                    throw error("selection '" + name + "' is empty");
                }
                return LuceneQuery.and(fields);
            }
            if (node.isArray()) {
                if (node.isEmpty()) {
                    throw error("selection '" + name + "' is an empty list");
                }
                List<LuceneQuery> alternatives = new ArrayList<>();
                node.forEach(item -> alternatives.add(item.isContainer() ? selection(name, item) : keyword(name, item)));
                return LuceneQuery.or(alternatives);
            }
            return keyword(name, node);
        }

        private LuceneQuery keyword(String selection, JsonNode value) {
            if (value.isNull()) {
                throw error("selection '" + selection + "' has a null keyword");
            }
            return pattern(this, Optional.empty(), value.asString(), Position.CONTAINS, false);
        }

        private LuceneQuery field(String selection, String key, JsonNode value) {
            String[] parts = key.split("\\|", -1);
            String field = parts[0].trim();
            List<String> modifiers = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String modifier = parts[i].trim().toLowerCase(Locale.ROOT);
                if (!MODIFIERS.contains(modifier)) {
                    throw error("unsupported modifier '" + parts[i] + "' on field '" + field + "' in selection '"
                            + selection + "'");
                }
                modifiers.add(modifier);
            }
            List<Optional<String>> targets = targets(field);
            if (modifiers.contains("exists")) {
                if (field.isEmpty() || !value.isBoolean()) {
                    throw error("modifier 'exists' needs a field and true or false, in selection '" + selection + "'");
                }
                LuceneQuery exists = LuceneQuery.or(targets.stream().map(t -> exists(t.orElseThrow())).toList());
                return value.asBoolean() ? exists : LuceneQuery.not(exists);
            }
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            if (values.isEmpty()) {
                throw error("field '" + field + "' in selection '" + selection + "' has an empty value list");
            }
            List<LuceneQuery> matches = new ArrayList<>();
            for (JsonNode v : values) {
                List<LuceneQuery> perTarget = new ArrayList<>();
                for (Optional<String> target : targets) {
                    perTarget.add(value(selection, field, target, v, modifiers));
                }
                matches.add(LuceneQuery.or(perTarget));
            }
            return modifiers.contains("all") ? LuceneQuery.and(matches) : LuceneQuery.or(matches);
        }

        private LuceneQuery value(String selection, String field, Optional<String> target, JsonNode value,
                                  List<String> modifiers) {
            String where = "field '" + field + "' in selection '" + selection + "'";
            if (value.isNull()) {
                if (target.isEmpty()) {
                    throw error("a null keyword in selection '" + selection + "'");
                }
                return LuceneQuery.not(exists(target.get()));
            }
            if (value.isContainer()) {
                throw error(where + " has a nested list or mapping as a value");
            }
            for (String comparison : List.of("gt", "gte", "lt", "lte")) {
                if (modifiers.contains(comparison)) {
                    if (!value.isNumber() || target.isEmpty()) {
                        throw error("modifier '" + comparison + "' needs a field and a number, " + where);
                    }
                    String n = value.asString();
                    String range = switch (comparison) {
                        case "gt" -> "{" + n + " TO *}";
                        case "gte" -> "[" + n + " TO *]";
                        case "lt" -> "{* TO " + n + "}";
                        default -> "[* TO " + n + "]";
                    };
                    return new LuceneQuery.Term(fieldName(target.get()) + ":" + range);
                }
            }
            if (modifiers.contains("re")) {
                if (target.isEmpty()) {
                    throw error("modifier 're' needs a field, " + where);
                }
                return regex(where, target.get(), value.asString());
            }
            Position position = modifiers.contains("contains") ? Position.CONTAINS
                    : modifiers.contains("startswith") ? Position.STARTS
                    : modifiers.contains("endswith") ? Position.ENDS : Position.EXACT;
            if (position == Position.EXACT && target.isEmpty()) {
                position = Position.CONTAINS;
            }
            boolean number = (value.isNumber() || value.isBoolean()) && position == Position.EXACT;
            List<String> variants = modifiers.contains("windash") ? windash(value.asString()) : List.of(value.asString());
            List<LuceneQuery> alternatives = new ArrayList<>();
            for (String variant : variants) {
                alternatives.add(pattern(this, target, variant, position, number));
            }
            return LuceneQuery.or(alternatives);
        }

        private LuceneQuery regex(String where, String target, String regex) {
            if (UNSUPPORTED_REGEX.matcher(regex).find()) {
                throw error("regular expression '" + regex + "' of " + where
                        + " uses a construct Lucene does not support (groups with '(?', \\b, backreferences …)");
            }
            String body = regex;
            boolean anchoredStart = body.startsWith("^");
            if (anchoredStart) {
                body = body.substring(1);
            }
            boolean anchoredEnd = body.endsWith("$") && !body.endsWith("\\$");
            if (anchoredEnd) {
                body = body.substring(0, body.length() - 1);
            }
            StringBuilder escaped = new StringBuilder();
            boolean inClass = false;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    i = escape(where, regex, body, i + 1, escaped);
                    continue;
                }
                if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                } else if ((c == '^' && !(inClass && body.charAt(i - 1) == '[')) || c == '$') {
                    throw error("regular expression '" + regex + "' of " + where + " has an anchor inside");
                }
                if ("\"<>@#&~/".indexOf(c) >= 0) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
            String pattern = (anchoredStart ? "" : ".*") + "(" + escaped + ")" + (anchoredEnd ? "" : ".*");
            return new LuceneQuery.Term(fieldName(target + ".keyword") + ":/" + pattern + "/");
        }

        /**
         * One escape of a PCRE-style regex at {@code at} (after the backslash) in Lucene's RegExp
         * syntax: classes {@code \\d \\s \\w} and escaped punctuation stay, control escapes and
         * {@code \\xHH} become the character; returns the index of the escape's last character.
         */
        private int escape(String where, String regex, String body, int at, StringBuilder out) {
            char c = body.charAt(at);
            String control = switch (c) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case 'r' -> "\r";
                case 'f' -> "\f";
                default -> null;
            };
            if (control != null) {
                out.append(control);
                return at;
            }
            if (c == 'x' && at + 2 < body.length() && body.substring(at + 1, at + 3).matches("[0-9a-fA-F]{2}")) {
                char literal = (char) Integer.parseInt(body.substring(at + 1, at + 3), 16);
                out.append(Character.isLetterOrDigit(literal) ? "" : "\\").append(literal);
                return at + 2;
            }
            if ("dDsSwW".indexOf(c) >= 0 || !Character.isLetterOrDigit(c)) {
                out.append('\\').append(c);
                return at;
            }
            throw error("regular expression '" + regex + "' of " + where + " uses the escape \\" + c
                    + ", which Lucene does not support");
        }

        /** The event fields for a Sigma field ({@code ""}: no field, a keyword search). */
        List<Optional<String>> targets(String field) {
            if (field.isEmpty()) {
                return List.of(Optional.empty());
            }
            return config.targets(field, rule.logsource(), logSources).stream()
                    .map(t -> t.equals("query") ? Optional.<String>empty() : Optional.of(t)).toList();
        }
    }

    /**
     * Sigma's value with its wildcards and the modifier's position as Lucene clauses (see the class
     * comment). A value without letters or digits (such as {@code '-'}) leaves no words in analysed
     * text, so it is matched against the field's exact keyword instead.
     */
    private static LuceneQuery pattern(Conversion conversion, Optional<String> target, String value, Position position,
                                       boolean number) {
        String prefix = target.map(t -> fieldName(t) + ":").orElse("");
        if (number) {
            return new LuceneQuery.Term(prefix + escapeTerm(value));
        }
        // Segments: literal text, or a one-character wildcard string "*" / "?" held in `wildcard`.
        List<String> segments = new ArrayList<>();
        List<Boolean> wildcard = new ArrayList<>();
        if (position == Position.CONTAINS || position == Position.ENDS) {
            segments.add("*");
            wildcard.add(true);
        }
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                chunk.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                segments.add(chunk.toString());
                wildcard.add(false);
                segments.add(String.valueOf(c));
                wildcard.add(true);
                chunk.setLength(0);
            } else {
                chunk.append(c);
            }
        }
        segments.add(chunk.toString());
        wildcard.add(false);
        if (position == Position.CONTAINS || position == Position.STARTS) {
            segments.add("*");
            wildcard.add(true);
        }
        List<String> literal = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (wildcard.get(i)) {
                if (!segment.equals("*") || raw.isEmpty() || raw.charAt(raw.length() - 1) != '*') {
                    raw.append(segment);
                    escaped.append(segment);
                }
            } else if (!segment.isEmpty()) {
                literal.add(segment);
                raw.append(segment);
                escaped.append(escapeTerm(segment));
            }
        }
        boolean wildcards = wildcard.contains(true);
        if (literal.isEmpty()) {
            // Only wildcards (any value), or an exact empty string (no value at all).
            if (!wildcards) {
                return LuceneQuery.not(exists(target.orElseThrow(
                        () -> conversion.error("an empty keyword cannot be searched"))));
            }
            return target.<LuceneQuery>map(SigmaConverter::exists).orElse(new LuceneQuery.Term("*"));
        }
        if (literal.stream().allMatch(s -> WORD.matcher(s).matches())) {
            return new LuceneQuery.Term(prefix + raw);
        }
        if (literal.stream().noneMatch(s -> HAS_WORD_CHAR.matcher(s).find())) {
            if (target.isEmpty()) {
                throw conversion.error("keyword '" + value + "' has no letters or digits, so a full-text search cannot find it");
            }
            return new LuceneQuery.Term(fieldName(target.get() + ".keyword") + ":"
                    + (wildcards ? escaped : quoted(String.join("", literal))));
        }
        List<LuceneQuery> phrases = new ArrayList<>();
        for (String s : literal) {
            if (HAS_WORD_CHAR.matcher(s).find()) {
                phrases.add(new LuceneQuery.Term(prefix + quoted(s.trim())));
            }
        }
        return LuceneQuery.and(phrases);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static LuceneQuery exists(String field) {
        return new LuceneQuery.Term("_exists_:" + fieldName(field));
    }

    /** Command-line flags as Windows accepts them: each leading {@code -} or {@code /} of a word in every dash form. */
    private static List<String> windash(String value) {
        LinkedHashSet<String> variants = new LinkedHashSet<>();
        Matcher flag = Pattern.compile("(^|\\s)[-/\u2013\u2014\u2015]").matcher(value);
        if (!flag.find()) {
            return List.of(value);
        }
        for (String dash : DASHES) {
            variants.add(flag.reset().replaceAll(m -> Matcher.quoteReplacement(m.group(1) + dash)));
        }
        return List.copyOf(variants);
    }

    private static String fieldName(String field) {
        return escapeTerm(field);
    }

    private static String escapeTerm(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c)) {
                // "\ " would do, but a query string's trailing blank is trimmed away with its escape.
                out.append(String.format("\\u%04x", (int) c));
                continue;
            }
            if ("+-&|!(){}[]^\"~*?:\\/".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Recursive descent over a condition: or := and ('or' and)*; and := not ('and' not)*; not := 'not' not | primary. */
    private static final class ConditionParser {

        private final Conversion conversion;
        private final String condition;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        ConditionParser(Conversion conversion, String condition) {
            this.conversion = conversion;
            this.condition = condition;
            if (condition.contains("|")) {
                throw conversion.error("aggregation conditions ('|' count/near …) are not supported: '" + condition + "'");
            }
            Matcher m = CONDITION_TOKEN.matcher(condition);
            while (m.find()) {
                tokens.add(m.group());
            }
        }

        LuceneQuery parse() {
            if (tokens.isEmpty()) {
                throw conversion.error("the condition is empty");
            }
            LuceneQuery query = or();
            if (next < tokens.size()) {
                throw malformed();
            }
            return query;
        }

        private SigmaException malformed() {
            String near = next < tokens.size() ? "near '" + tokens.get(next) + "'" : "at its end";
            return conversion.error("condition '" + condition + "' is malformed " + near);
        }

        private boolean accept(String keyword) {
            if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(keyword)) {
                next++;
                return true;
            }
            return false;
        }

        private LuceneQuery or() {
            List<LuceneQuery> parts = new ArrayList<>(List.of(and()));
            while (accept("or")) {
                parts.add(and());
            }
            return LuceneQuery.or(parts);
        }

        private LuceneQuery and() {
            List<LuceneQuery> parts = new ArrayList<>(List.of(not()));
            while (accept("and")) {
                parts.add(not());
            }
            return LuceneQuery.and(parts);
        }

        private LuceneQuery not() {
            return accept("not") ? LuceneQuery.not(not()) : primary();
        }

        private LuceneQuery primary() {
            if (next >= tokens.size()) {
                throw malformed();
            }
            if (accept("(")) {
                LuceneQuery inner = or();
                if (!accept(")")) {
                    throw malformed();
                }
                return inner;
            }
            String token = tokens.get(next);
            String lower = token.toLowerCase(Locale.ROOT);
            if (next + 1 < tokens.size() && tokens.get(next + 1).equalsIgnoreCase("of")) {
                boolean all = lower.equals("all");
                if (!all && !lower.equals("1") && !lower.equals("any")) {
                    throw conversion.error("condition '" + condition + "': only '1 of', 'any of' and 'all of' are supported, not '"
                            + token + " of'");
                }
                next += 2;
                if (next >= tokens.size()) {
                    throw malformed();
                }
                String target = tokens.get(next++);
                List<String> names = target.equalsIgnoreCase("them")
                        ? conversion.selectionNames().stream().filter(n -> !n.startsWith("_")).toList()
                        : conversion.selectionNames().stream().filter(n -> glob(target).matcher(n).matches()).toList();
                if (names.isEmpty()) {
                    throw conversion.error("condition '" + condition + "': no selection matches '" + target + "'");
                }
                List<LuceneQuery> selections = names.stream().map(conversion::selection).toList();
                return all ? LuceneQuery.and(selections) : LuceneQuery.or(selections);
            }
            if (Set.of("and", "or", "not", ")", "of").contains(lower)) {
                throw malformed();
            }
            next++;
            return conversion.selection(token);
        }

        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(regex.toString());
        }
    }
}
