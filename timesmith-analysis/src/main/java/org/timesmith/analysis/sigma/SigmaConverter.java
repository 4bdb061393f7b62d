package org.timesmith.analysis.sigma;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Converts a Sigma rule's detection into a Lucene query string for the event store, through a
 * {@link SigmaConfig} (field names and log source conditions). The query string is the one language
 * both stores answer alike (docs/query-dsl.md), so a converted rule finds the same events on the
 * embedded Lucene store and on OpenSearch.
 *
 * <p>Supported: all of Sigma 2 for single-event rules. Selections as maps (fields ANDed) or lists
 * (ORed), value lists (ORed, ANDed with {@code all}), keyword lists, {@code null} (field absent),
 * Sigma's {@code *}/{@code ?} wildcards, and every value modifier: {@code contains},
 * {@code startswith}, {@code endswith}, {@code all}, {@code cased}, {@code windash}, {@code exists},
 * {@code gt}/{@code gte}/{@code lt}/{@code lte}, {@code re} with its flags {@code i}/{@code m}/
 * {@code s} (or a leading {@code (?ims)}), {@code base64}, {@code base64offset}, {@code wide}/
 * {@code utf16le}/{@code utf16be}/{@code utf16} (before a Base64 modifier), {@code cidr} (IPv4 and
 * IPv6), {@code expand} (placeholders from the map given to the constructor). Conditions: {@code and},
 * {@code or}, {@code not}, parentheses, {@code 1 of}/{@code any of}/{@code all of} a selection
 * pattern or {@code them}, with Sigma's precedence (not, and, or).
 *
 * <p>Refused with a {@link SigmaException} naming the rule and the construct, never a silently wrong
 * query: {@code fieldref} (comparing two fields of one event needs a script, which neither store's
 * query string or DSL subset has), aggregations and correlations ({@code |} in the condition),
 * regular expressions with lookaround, backreferences, {@code \b} or anchors inside, possessive
 * quantifiers, and keywords without letters or digits (a full-text search cannot find them).
 *
 * <p>How a field value matches: Sigma compares whole values case-insensitively, so a value becomes a
 * regular expression on the field's exact keyword ({@code <field>.keyword}) with each letter in
 * both cases ({@code [cC][mM][dD]}); OR, for events whose value is too long for a keyword (over 256
 * characters), the analysed-text approximation: a one-word value is a term or wildcard, any other a
 * phrase, which matches at word boundaries ({@code endswith: '\cmd.exe'} finds
 * {@code C:\Windows\cmd.exe}). {@code message} is text only, so it always uses the approximation.
 * {@code cased} and {@code re} use the keyword alone, case-sensitive ({@code re} searches anywhere in
 * the value unless anchored); values over 256 characters therefore never match them. {@code cidr}
 * becomes one regular expression on the keyword per network: the octets or 16-bit groups its prefix
 * fixes, a partial unit expanded (IPv6 by hex digit, both cases, allowing {@code ::} for a zero group
 * right after the fixed ones); other IPv6 spellings of the same address are not found.
 */
public final class SigmaConverter {

    private static final Set<String> MODIFIERS = Set.of("contains", "startswith", "endswith", "all", "windash",
            "exists", "re", "i", "m", "s", "gt", "gte", "lt", "lte", "base64", "base64offset", "wide", "utf16le",
            "utf16be", "utf16", "cidr", "fieldref", "expand", "cased");
    private static final Set<String> ENCODINGS = Set.of("wide", "utf16le", "utf16be", "utf16");
    /** The one field stored as analysed text only, without a keyword (see docs/query-dsl.md). */
    private static final String TEXT_ONLY = "message";
    /**
     * OpenSearch refuses a regular expression over {@code index.max_regex_length} (1000) characters;
     * a needle that long (case-folded letters take four characters) is beyond any 256-character
     * keyword anyway, so only the text approximation can find it.
     */
    private static final int MAX_REGEX_QUERY = 1000;
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern HAS_WORD_CHAR = Pattern.compile("[\\p{L}\\p{N}]");
    private static final Pattern CONDITION_TOKEN = Pattern.compile("\\(|\\)|[^\\s()]+");
    private static final List<String> DASHES = List.of("-", "/", "\u2013", "\u2014", "\u2015");

    private final SigmaConfig config;
    private final Map<String, List<String>> placeholders;

    /** A converter without placeholder values: a rule using {@code expand} is refused, naming the placeholder. */
    public SigmaConverter(SigmaConfig config) {
        this(config, Map.of());
    }

    /**
     * @param placeholders the values of {@code expand}'s placeholders, by name without the
     *                     {@code %} signs ({@code Administrators → [Administrators, Administratoren]})
     */
    public SigmaConverter(SigmaConfig config, Map<String, List<String>> placeholders) {
        this.config = config;
        Map<String, List<String>> copy = new HashMap<>();
        placeholders.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.placeholders = Map.copyOf(copy);
    }

    /** The rule as a query string (log source conditions AND detection). @throws SigmaException */
    public String toQuery(SigmaRule rule) {
        return new Conversion(rule).query().render();
    }

    /** The event fields a Sigma field name stands for in the rule's events (its log source's mapping, then the global one). */
    public List<String> eventFields(SigmaRule rule, String sigmaField) {
        return config.targets(sigmaField, rule.logsource(), config.logSourcesFor(rule.logsource()));
    }

    /**
     * The rule as a query string and as a matcher for single events, from one conversion, so the
     * live rules and the store agree on what the rule means. @throws SigmaException
     */
    public SigmaMatcher toMatcher(SigmaRule rule) {
        LuceneQuery query = new Conversion(rule).query();
        return SigmaMatcher.of(rule, query.render(), query);
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
                            boolean number = value instanceof Number;
                            alternatives.add(LuceneQuery.matching(
                                    pattern(this, target, value.toString(), Position.EXACT, number),
                                    leaf(target, value.toString(), target.isEmpty() ? Position.CONTAINS : Position.EXACT,
                                            number, false)));
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
            return LuceneQuery.matching(pattern(this, Optional.empty(), value.asString(), Position.CONTAINS, false),
                    leaf(Optional.empty(), value.asString(), Position.CONTAINS, false, false));
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
                if (Set.of("i", "m", "s").contains(modifier) && !modifiers.contains("re")) {
                    throw error("modifier '" + modifier + "' on field '" + field + "' in selection '" + selection
                            + "' is a regular-expression flag and must follow 're'");
                }
                modifiers.add(modifier);
            }
            if (modifiers.contains("fieldref")) {
                // Comparing two fields of one event needs a script query; the query string and the DSL
                // subset both stores answer have none, so refusing is the only answer that is never wrong.
                throw error("modifier 'fieldref' on field '" + field + "' in selection '" + selection
                        + "' compares two fields of one event, which the event stores' query languages cannot express");
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
                    return LuceneQuery.matching(new LuceneQuery.Term(fieldName(target.get()) + ":" + range),
                            new EventTest.Range(target.get(), value.asDouble(), comparison));
                }
            }
            List<String> texts = modifiers.contains("expand") ? expand(where, value.asString()) : List.of(value.asString());
            if (modifiers.contains("re")) {
                if (target.isEmpty()) {
                    throw error("modifier 're' needs a field, " + where);
                }
                return LuceneQuery.or(texts.stream().map(t -> LuceneQuery.matching(regex(where, target.get(), t, modifiers),
                        new EventTest.Regex(target.get(), javaRegex(where, t, modifiers)))).toList());
            }
            if (modifiers.contains("cidr")) {
                if (target.isEmpty()) {
                    throw error("modifier 'cidr' needs a field, " + where);
                }
                return LuceneQuery.or(texts.stream().map(t -> LuceneQuery.matching(cidr(where, target.get(), t),
                        network(where, target.get(), t))).toList());
            }
            Position position = modifiers.contains("contains") ? Position.CONTAINS
                    : modifiers.contains("startswith") ? Position.STARTS
                    : modifiers.contains("endswith") ? Position.ENDS : Position.EXACT;
            if (position == Position.EXACT && target.isEmpty()) {
                position = Position.CONTAINS;
            }
            boolean encoded = modifiers.contains("base64") || modifiers.contains("base64offset");
            boolean number = (value.isNumber() || value.isBoolean()) && position == Position.EXACT
                    && !encoded && !modifiers.contains("expand");
            List<String> variants = transform(where, texts, modifiers, position);
            if (modifiers.contains("cased")) {
                if (target.isEmpty()) {
                    throw error("modifier 'cased' needs a field, " + where);
                }
                Position at = position;
                return LuceneQuery.or(variants.stream().map(v -> {
                    LuceneQuery q = keywordRegex(target.get(), v, at, false);
                    if (q.render().length() > MAX_REGEX_QUERY) {
                        throw error("modifier 'cased' of " + where + ": the value makes a regular expression over"
                                + " OpenSearch's index.max_regex_length of " + MAX_REGEX_QUERY);
                    }
                    return LuceneQuery.matching(q, leaf(target, v, at, false, true));
                }).toList());
            }
            List<LuceneQuery> alternatives = new ArrayList<>();
            for (String variant : variants) {
                LuceneQuery clause = storeClause(target, variant, position, number);
                // An empty value means "no value" in the store (NOT _exists_), which carries its own event test.
                alternatives.add(clause instanceof LuceneQuery.Not ? clause
                        : LuceneQuery.matching(clause, leaf(target, variant, position, number, false)));
            }
            return LuceneQuery.or(alternatives);
        }

        /** One value variant as the store matches it: the keyword exactly, the analysed text where there is no keyword. */
        private LuceneQuery storeClause(Optional<String> target, String variant, Position position, boolean number) {
            {
                LuceneQuery approximate = pattern(this, target, variant, position, number);
                LuceneQuery exact = target.isEmpty() || number || target.get().equals(TEXT_ONLY)
                        || variant.replaceAll("\\\\?[*?]", "").isEmpty()
                        ? null : keywordRegex(target.get(), variant, position, true);
                if (exact == null || exact.render().length() > MAX_REGEX_QUERY) {
                    return approximate;
                } else if (approximate.render().startsWith(fieldName(target.get() + ".keyword") + ":")) {
                    // Punctuation only: the approximation is already the keyword, and so is the exact match.
                    return exact;
                } else {
                    // Sigma compares whole values, case-insensitively: exact on the keyword; the
                    // analysed text (word-boundary phrases) only where the value is too long for one.
                    String keyword = target.get() + ".keyword";
                    return LuceneQuery.or(List.of(exact,
                            LuceneQuery.and(List.of(LuceneQuery.not(exists(keyword)), approximate))));
                }
            }
        }

        /** What a value means for one event (see {@link EventTest}): a number by value, else Sigma's text comparison. */
        private EventTest leaf(Optional<String> target, String value, Position position, boolean number, boolean cased) {
            if (number && target.isPresent()) {
                return new EventTest.NumberEquals(target.get(), value);
            }
            EventTest.Value.Kind kind = switch (position) {
                case EXACT -> EventTest.Value.Kind.EXACT;
                case CONTAINS -> EventTest.Value.Kind.CONTAINS;
                case STARTS -> EventTest.Value.Kind.STARTS;
                case ENDS -> EventTest.Value.Kind.ENDS;
            };
            return EventTest.Value.of(target, value, kind, cased);
        }

        /** Sigma's {@code re} for events: Java's regex engine with the flags, searched anywhere in the value. */
        private Pattern javaRegex(String where, String regex, List<String> modifiers) {
            int flags = (modifiers.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                    | (modifiers.contains("m") ? Pattern.MULTILINE : 0) | (modifiers.contains("s") ? Pattern.DOTALL : 0);
            try {
                return Pattern.compile(regex, flags);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw error("regular expression '" + regex + "' of " + where + " is not valid: " + e.getDescription());
            }
        }

        /** Placeholders {@code %name%} replaced by each of their configured values (every combination). */
        private List<String> expand(String where, String text) {
            List<String> results = List.of(text);
            Matcher m = PLACEHOLDER.matcher(text);
            Set<String> names = new LinkedHashSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            for (String name : names) {
                // Configuration sources may change a name's case (environment variables): exact name first.
                List<String> values = placeholders.getOrDefault(name, placeholders.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null));
                if (values == null || values.isEmpty()) {
                    throw error("placeholder '%" + name + "%' of " + where
                            + " (modifier 'expand') has no configured values");
                }
                String token = "%" + name + "%";
                results = results.stream().flatMap(r -> values.stream().map(v -> r.replace(token, v))).toList();
            }
            return results;
        }

        /** windash, UTF-16 and Base64 in the order the modifiers name them. */
        private List<String> transform(String where, List<String> texts, List<String> modifiers, Position position) {
            List<String> current = texts;
            String encoding = null;
            for (String modifier : modifiers) {
                if (modifier.equals("windash")) {
                    current = current.stream().flatMap(t -> windash(t).stream()).toList();
                } else if (ENCODINGS.contains(modifier)) {
                    if (encoding != null) {
                        throw error("modifiers '" + encoding + "' and '" + modifier + "' of " + where + " both encode the value");
                    }
                    encoding = modifier;
                } else if (modifier.equals("base64") || modifier.equals("base64offset")) {
                    if (modifier.equals("base64offset") && position != Position.CONTAINS) {
                        throw error("modifier 'base64offset' of " + where + " must be followed by 'contains'");
                    }
                    List<String> encoded = new ArrayList<>();
                    for (String text : current) {
                        byte[] bytes = bytes(where, text, encoding);
                        encoded.addAll(modifier.equals("base64") ? List.of(Base64.getEncoder().encodeToString(bytes))
                                : base64offset(bytes));
                    }
                    current = encoded;
                    encoding = null;
                }
            }
            if (encoding != null) {
                throw error("modifier '" + encoding + "' of " + where
                        + " must be followed by 'base64' or 'base64offset': events hold text, not UTF-16 bytes");
            }
            return current;
        }

        private byte[] bytes(String where, String text, String encoding) {
            StringBuilder plain = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0) {
                    plain.append(text.charAt(++i));
                } else if (c == '*' || c == '?') {
                    throw error("value '" + text + "' of " + where + " has a wildcard, which cannot be Base64-encoded");
                } else {
                    plain.append(c);
                }
            }
            String value = plain.toString();
            if (encoding == null) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
            return switch (encoding) {
                case "utf16be" -> value.getBytes(StandardCharsets.UTF_16BE);
                case "utf16" -> {
                    byte[] le = value.getBytes(StandardCharsets.UTF_16LE);
                    byte[] withBom = new byte[le.length + 2];
                    withBom[0] = (byte) 0xFF;
                    withBom[1] = (byte) 0xFE;
                    System.arraycopy(le, 0, withBom, 2, le.length);
                    yield withBom;
                }
                default -> value.getBytes(StandardCharsets.UTF_16LE);
            };
        }

        /**
         * A regular expression on the field's exact keyword (case-sensitive, whole value), searched
         * anywhere in the value as Sigma's {@code re} does, with the flags {@code i} (letters in both
         * cases), {@code m} ({@code ^}/{@code $} also at line breaks) and {@code s} ({@code .} also
         * matches a line break), given as sub-modifiers or a leading {@code (?ims)}.
         */
        private LuceneQuery regex(String where, String target, String regex, List<String> modifiers) {
            boolean caseless = modifiers.contains("i");
            boolean multiline = modifiers.contains("m");
            boolean dotall = modifiers.contains("s");
            String body = regex;
            Matcher inline = Pattern.compile("^\\(\\?([a-zA-Z]+)\\)").matcher(body);
            if (inline.find()) {
                for (char flag : inline.group(1).toCharArray()) {
                    switch (flag) {
                        case 'i' -> caseless = true;
                        case 'm' -> multiline = true;
                        case 's' -> dotall = true;
                        default -> throw error("regular expression '" + regex + "' of " + where
                                + " uses the flag '" + flag + "', which the event stores do not support");
                    }
                }
                body = body.substring(inline.end());
            }
            if (body.indexOf('^') < 0 && body.indexOf('$') < 0) {
                return regexAlternative(where, target, regex, body, caseless, multiline, dotall);
            }
            // Anchors may belong to one alternative ("(^a|b)"): each alternative is searched on its own.
            List<LuceneQuery> alternatives = new ArrayList<>();
            for (String alternative : alternatives(body)) {
                alternatives.add(regexAlternative(where, target, regex, alternative, caseless, multiline, dotall));
            }
            return LuceneQuery.or(alternatives);
        }

        private LuceneQuery regexAlternative(String where, String target, String regex, String alternative,
                                             boolean caseless, boolean multiline, boolean dotall) {
            String body = alternative;
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
            boolean afterQuantifier = false;
            boolean topLevelAlternation = false;
            int depth = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    i = escape(where, regex, body, i + 1, escaped);
                    afterQuantifier = false;
                    continue;
                }
                if (inClass) {
                    if (c == ']') {
                        inClass = false;
                        escaped.append(c);
                    } else if (caseless && Character.isLetter(c) && i + 2 < body.length() && body.charAt(i + 1) == '-'
                            && Character.isLetter(body.charAt(i + 2))) {
                        char end = body.charAt(i + 2);
                        escaped.append(c).append('-').append(end);
                        if (swapCase(c) != c && swapCase(end) != end) {
                            escaped.append(swapCase(c)).append('-').append(swapCase(end));
                        }
                        i += 2;
                    } else {
                        if ("\"<>@#&~/".indexOf(c) >= 0) {
                            escaped.append('\\');
                        }
                        escaped.append(c);
                        if (caseless && Character.isLetter(c) && swapCase(c) != c) {
                            escaped.append(swapCase(c));
                        }
                    }
                    continue;
                }
                boolean quantifier = false;
                switch (c) {
                    case '[' -> {
                        inClass = true;
                        escaped.append('[');
                        if (i + 1 < body.length() && body.charAt(i + 1) == '^') {
                            escaped.append('^');
                            i++;
                        }
                        if (i + 1 < body.length() && body.charAt(i + 1) == ']') {
                            escaped.append("\\]");
                            i++;
                        }
                    }
                    case '(' -> {
                        if (i + 1 < body.length() && body.charAt(i + 1) == '?') {
                            if (i + 2 < body.length() && body.charAt(i + 2) == ':') {
                                i += 2;
                            } else {
                                throw error("regular expression '" + regex + "' of " + where + " uses '"
                                        + body.substring(i, Math.min(body.length(), i + 4))
                                        + "…' (lookaround, named group or inline flag), which the event stores do not support");
                            }
                        }
                        depth++;
                        escaped.append('(');
                        if (i + 1 < body.length() && body.charAt(i + 1) == '|') {
                            escaped.append("()");
                        }
                    }
                    case ')' -> {
                        depth--;
                        escaped.append(')');
                        quantifier = false;
                    }
                    case '|' -> {
                        topLevelAlternation |= depth == 0;
                        if (i == 0) {
                            escaped.append("()");
                        }
                        escaped.append('|');
                        // Lucene's RegExp has no empty alternative ("(a|)"); an empty group is one.
                        if (i + 1 == body.length() || body.charAt(i + 1) == ')' || body.charAt(i + 1) == '|') {
                            escaped.append("()");
                        }
                    }
                    case '*', '+', '?' -> {
                        if (afterQuantifier && c == '?') {
                            // A lazy quantifier finds a match exactly when the greedy one does.
                        } else if (afterQuantifier) {
                            throw error("regular expression '" + regex + "' of " + where
                                    + " uses a possessive quantifier, which the event stores do not support");
                        } else {
                            escaped.append(c);
                            quantifier = true;
                        }
                    }
                    case '{' -> {
                        int close = body.indexOf('}', i);
                        if (close > i && body.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                            escaped.append(body, i, close + 1);
                            i = close;
                            quantifier = true;
                        } else {
                            escaped.append("\\{");
                        }
                    }
                    case '.' -> escaped.append(dotall ? "." : "[^\n]");
                    case '^', '$' -> throw error("regular expression '" + regex + "' of " + where + " has an anchor inside");
                    default -> {
                        if (caseless && Character.isLetter(c) && swapCase(c) != c) {
                            escaped.append('[').append(c).append(swapCase(c)).append(']');
                        } else {
                            if ("\"<>@#&~/}".indexOf(c) >= 0) {
                                escaped.append('\\');
                            }
                            escaped.append(c);
                        }
                    }
                }
                afterQuantifier = quantifier;
            }
            if (topLevelAlternation && (anchoredStart || anchoredEnd)) {
                throw error("regular expression '" + regex + "' of " + where
                        + " anchors only some of its alternatives, which the event stores cannot express");
            }
            String start = !anchoredStart ? ".*" : multiline ? "(.*\n)?" : "";
            String end = !anchoredEnd ? ".*" : multiline ? "(\n.*)?" : "";
            return checkedRegex(where, target + ".keyword", start + "(" + escaped + ")" + end);
        }

        /** {@code (a|b|…)suffix} on the keyword, in as many terms as OpenSearch's regex length limit needs. */
        private LuceneQuery alternation(String where, String target, List<String> alternatives, String suffix) {
            List<LuceneQuery> terms = new ArrayList<>();
            StringBuilder chunk = new StringBuilder();
            for (String alternative : alternatives) {
                if (!chunk.isEmpty() && chunk.length() + alternative.length() + suffix.length() + 3 > MAX_REGEX_QUERY) {
                    terms.add(checkedRegex(where, target + ".keyword", "(" + chunk + ")" + suffix));
                    chunk.setLength(0);
                }
                chunk.append(chunk.isEmpty() ? "" : "|").append(alternative);
            }
            terms.add(checkedRegex(where, target + ".keyword", "(" + chunk + ")" + suffix));
            return LuceneQuery.or(terms);
        }

        /** A regex term, refused when longer than OpenSearch accepts (the embedded store has no such limit). */
        private LuceneQuery checkedRegex(String where, String field, String regex) {
            if (regex.length() > MAX_REGEX_QUERY) {
                throw error("the regular expression for " + where + " is " + regex.length()
                        + " characters long, over OpenSearch's index.max_regex_length of " + MAX_REGEX_QUERY);
            }
            return regexTerm(field, regex);
        }

        /**
         * An IPv4 or IPv6 network as the textual addresses in it: the leading octets (IPv4) or
         * 16-bit groups (IPv6, lowercase or uppercase hex without leading zeros) its prefix fixes,
         * a prefix not on such a boundary expanded into every value of the partial unit; matched
         * as one regular expression on the field's exact keyword.
         */
        private LuceneQuery cidr(String where, String target, String text) {
            EventTest.Cidr network = network(where, target, text);
            boolean v6 = network.v6();
            int bits = v6 ? 128 : 32;
            int prefix = network.prefix();
            byte[] address = network.network().add(BigInteger.ONE.shiftLeft(bits)).toByteArray();
            address = java.util.Arrays.copyOfRange(address, address.length - bits / 8, address.length);
            String keyword = fieldName(target + ".keyword");
            if (prefix == 0) {
                return exists(target);
            }
            int unitBits = v6 ? 16 : 8;
            int units = (prefix + unitBits - 1) / unitBits;
            int free = units * unitBits - prefix;
            // 128-bit addresses: a BigInteger, not a long.
            BigInteger first = BigInteger.ZERO;
            for (int u = 0; u < units; u++) {
                int value = v6 ? ((address[2 * u] & 0xFF) << 8) | (address[2 * u + 1] & 0xFF) : address[u] & 0xFF;
                first = first.shiftLeft(unitBits).or(BigInteger.valueOf(value));
            }
            first = first.shiftRight(free).shiftLeft(free);
            if (units == bits / unitBits) {
                List<String> forms = new ArrayList<>();
                for (long n = 0; n < (1L << free); n++) {
                    forms.addAll(addressForms(first.add(BigInteger.valueOf(n)), units, v6));
                }
                return LuceneQuery.or(forms.stream().distinct().map(f -> (LuceneQuery) new LuceneQuery.Term(keyword + ":" + quoted(f))).toList());
            }
            if (v6) {
                return alternation(where, target, ipv6Prefixes(first, units, free), "");
            }
            List<String> prefixes = new ArrayList<>();
            for (long n = 0; n < (1L << free); n++) {
                prefixes.add(unitsText(first.add(BigInteger.valueOf(n)), units, false).replace(".", "\\."));
            }
            return alternation(where, target, prefixes, "\\..*");
        }

        /** A {@code cidr} value: an IPv4 or IPv6 address literal with an optional prefix length. */
        private EventTest.Cidr network(String where, String target, String text) {
            String[] parts = text.trim().split("/", 2);
            boolean v6 = parts[0].contains(":");
            int bits = v6 ? 128 : 32;
            Optional<BigInteger> address = EventTest.Cidr.address(parts[0], v6);
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (address.isEmpty() || prefix < 0 || prefix > bits) {
                throw error("modifier 'cidr' of " + where + ": '" + text + "' is not an IPv4 or IPv6 network");
            }
            return new EventTest.Cidr(target, address.get(), prefix, v6);
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
        return LuceneQuery.matching(new LuceneQuery.Term("_exists_:" + fieldName(field)), new EventTest.Exists(field));
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

    /** A regex's top-level alternatives, each group that wraps a whole alternative opened up. */
    private static List<String> alternatives(String body) {
        List<String> out = new ArrayList<>();
        for (String part : topLevel(body)) {
            Optional<String> inner = unwrapped(part);
            if (inner.isPresent()) {
                out.addAll(alternatives(inner.get()));
            } else {
                out.add(part);
            }
        }
        return out;
    }

    private static List<String> topLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inClass = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < body.length() && body.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < body.length() && body.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    /** The inside of a group that spans the whole text ({@code (x)} or {@code (?:x)}), if it does. */
    private static Optional<String> unwrapped(String part) {
        if (!part.startsWith("(") || (part.startsWith("(?") && !part.startsWith("(?:"))) {
            return Optional.empty();
        }
        List<String> atTop = topLevel(part);
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i == part.length() - 1 && atTop.size() == 1
                        ? Optional.of(part.substring(part.startsWith("(?:") ? 3 : 1, i)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * {@code field:/regex/}. The query parser reads {@code \\/} as an escaped slash, so a regex
     * ending in an escaped backslash gets an empty group after it to keep its closing slash.
     */
    private static LuceneQuery regexTerm(String field, String regex) {
        int trailing = 0;
        while (trailing < regex.length() && regex.charAt(regex.length() - 1 - trailing) == '\\') {
            trailing++;
        }
        return new LuceneQuery.Term(fieldName(field) + ":/" + regex + (trailing % 2 == 1 ? "" : trailing > 0 ? "()" : "") + "/");
    }

    private static char swapCase(char c) {
        return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
    }

    /** A regular expression matching the literal (letters, digits, ':') in either case. */
    private static String caseless(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            out.append(Character.isLetter(c) ? "[" + c + swapCase(c) + "]" : String.valueOf(c));
        }
        return out.toString();
    }

    /** The first {@code units} octets (dotted) or 16-bit groups (hex, colons) of a number. */
    private static String unitsText(BigInteger value, int units, boolean v6) {
        int unitBits = v6 ? 16 : 8;
        List<String> parts = new ArrayList<>();
        for (int u = units - 1; u >= 0; u--) {
            long unit = value.shiftRight(u * unitBits).longValue() & ((1L << unitBits) - 1);
            parts.add(v6 ? Long.toHexString(unit) : Long.toString(unit));
        }
        return String.join(v6 ? ":" : ".", parts);
    }

    /**
     * Regular expressions for the IPv6 addresses whose first {@code units} groups are
     * {@code first} with its low {@code free} bits open: the fixed groups as text, the partial group
     * by its fixed leading hex digits and any further digits (a value below 0x1000 is written with
     * fewer digits), and, where that group may be zero, the {@code ::} that compresses it.
     */
    private static List<String> ipv6Prefixes(BigInteger first, int units, int free) {
        String head = units > 1 ? caseless(unitsText(first.shiftRight(16), units - 1, true)) + ":" : "";
        int last = first.intValue() & 0xFFFF;
        int fixedBits = 16 - free;
        int fixedNibbles = (fixedBits + 3) / 4;
        int openNibbles = 4 - fixedNibbles;
        int enumerated = fixedNibbles * 4 - fixedBits;
        List<String> alternatives = new ArrayList<>();
        for (int k = 0; k < (1 << enumerated); k++) {
            int top = (last >>> (openNibbles * 4)) + k;
            String group;
            if (top == 0) {
                group = openNibbles == 0 ? "0" : "[0-9a-fA-F]{1," + openNibbles + "}";
                if (!head.isEmpty()) {
                    alternatives.add(head + ":.*");
                }
            } else {
                group = caseless(Integer.toHexString(top)) + (openNibbles == 0 ? "" : "[0-9a-fA-F]{" + openNibbles + "}");
            }
            alternatives.add(head + group + ":.*");
        }
        return alternatives;
    }

    /** A whole address as text: IPv4 dotted; IPv6 full, and with its longest zero run compressed (RFC 5952). */
    private static List<String> addressForms(BigInteger value, int units, boolean v6) {
        String full = unitsText(value, units, v6);
        if (!v6) {
            return List.of(full);
        }
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return List.of(full, full.toUpperCase(Locale.ROOT));
        }
        String compressed = String.join(":", List.of(groups).subList(0, bestStart)) + "::"
                + String.join(":", List.of(groups).subList(bestStart + bestLength, groups.length));
        return List.of(full, compressed, full.toUpperCase(Locale.ROOT), compressed.toUpperCase(Locale.ROOT));
    }

    /** Three Base64 forms of the bytes at the offsets 0, 1 and 2 of a longer text, without the edge characters that depend on their neighbours. */
    private static List<String> base64offset(byte[] bytes) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = encoded.length() - endTrim[(bytes.length + i) % 3];
            if (end > start[i]) {
                variants.add(encoded.substring(start[i], end));
            }
        }
        return variants;
    }

    /** Sigma's value as a regular expression on the field's exact keyword, case-sensitive or letters in either case. */
    private static LuceneQuery keywordRegex(String target, String value, Position position, boolean caseless) {
        StringBuilder regex = new StringBuilder();
        if (position == Position.CONTAINS || position == Position.ENDS) {
            regex.append(".*");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                regex.append('\\').append(value.charAt(++i));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                if (".?+*|{}[]()\"\\#@&<>~/^$".indexOf(c) >= 0) {
                    regex.append('\\').append(c);
                } else if (caseless && Character.isLetter(c) && swapCase(c) != c) {
                    regex.append('[').append(c).append(swapCase(c)).append(']');
                } else {
                    regex.append(c);
                }
            }
        }
        if (position == Position.CONTAINS || position == Position.STARTS) {
            regex.append(".*");
        }
        return regexTerm(target + ".keyword", regex.toString());
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
