package org.timesmith.core.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.timesmith.core.time.TimeParser;
import org.timesmith.core.time.UnparseableTimeException;

/**
 * A plaso event filter expression (what psort's {@code --filter} and Timesketch's
 * {@code plaso_event_filter} upload field take), parsed once and then tested against the fields of
 * one event at a time. Immutable and thread-safe.
 *
 * <p>The language is plaso's: comparisons {@code attribute operator value} joined by {@code and}
 * ({@code &&}) and {@code or} ({@code ||}), {@code and} binding tighter, with parentheses. Operators:
 * {@code ==}, {@code is}, {@code equals}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=},
 * {@code contains} (case-insensitive substring of a text, or an element of a list), {@code inset}
 * (the value is part of the given text), {@code regexp} and {@code iregexp} (a regular expression found
 * anywhere in the value, case-sensitive / -insensitive). {@code not} negates {@code is},
 * {@code equals}, {@code contains} and {@code inset}, before or after the operator
 * ({@code tag not contains "x"}, {@code data_type is not "fs:stat"}). Keywords and operators are
 * case-insensitive. Values are quoted strings ({@code "…"} or {@code '…'}, with {@code \\ \" \' \n
 * \r \t \b \xHH} escapes; {@code \. \w \s} stay as written for regular expressions), integers
 * (decimal or {@code 0x} hexadecimal), decimals ({@code 1.5}) and {@code DATETIME("2025-09-18T10:00:00")}
 * or {@code DATETIME(microseconds since the epoch)}.
 *
 * <p>As in plaso: {@code date}, {@code datetime} and {@code time} are aliases of {@code timestamp},
 * which is compared as a point in time (a plain integer or text value given for it is read as
 * microseconds or as a date-time, as plaso's deprecated implicit conversion does); an attribute the
 * event does not have, or whose value is empty, zero or false, matches nothing (and so matches a
 * negated comparison). One deliberate difference: a number and a text that reads as a number compare
 * as numbers ({@code event_identifier == 4624} matches the text {@code "4624"} of a CSV column), where
 * plaso, seeing only typed values, would not. Regular expressions are Java's, which agree with
 * Python's for everything but exotic constructs. {@code PATH(…)} values are not supported.
 */
public final class EventFilter implements Predicate<Map<String, Object>> {

    private static final Set<String> TIMESTAMP_ALIASES = Set.of("date", "datetime", "time");
    private static final TimeParser UTC = new TimeParser(ZoneOffset.UTC);

    private final String expression;
    private final Node root;

    private EventFilter(String expression, Node root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @throws EventFilterSyntaxException naming the position, the offending token and what was expected
     */
    public static EventFilter parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return new EventFilter(expression, new Parser(expression).parse());
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** Whether an event with these fields (as a reader or the normaliser produces them) matches. */
    @Override
    public boolean test(Map<String, Object> fields) {
        return root.matches(fields);
    }

    @Override
    public String toString() {
        return expression;
    }

    // ---- the parsed expression

    private sealed interface Node permits And, Or, Comparison {
        boolean matches(Map<String, Object> fields);
    }

    private record And(Node left, Node right) implements Node {
        @Override
        public boolean matches(Map<String, Object> fields) {
            return left.matches(fields) && right.matches(fields);
        }
    }

    private record Or(Node left, Node right) implements Node {
        @Override
        public boolean matches(Map<String, Object> fields) {
            return left.matches(fields) || right.matches(fields);
        }
    }

    private enum Operator {
        EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, CONTAINS, INSET, REGEXP, IREGEXP;

        static Optional<Operator> named(String name) {
            return Optional.ofNullable(switch (name.toLowerCase(Locale.ROOT)) {
                case "==", "is", "equals" -> EQUALS;
                case "!=" -> NOT_EQUALS;
                case "<" -> LESS;
                case "<=" -> LESS_OR_EQUAL;
                case ">" -> GREATER;
                case ">=" -> GREATER_OR_EQUAL;
                case "contains" -> CONTAINS;
                case "inset" -> INSET;
                case "regexp" -> REGEXP;
                case "iregexp" -> IREGEXP;
                default -> null;
            });
        }

        boolean ordering() {
            return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
        }
    }

    /** A point in time given as {@code DATETIME(…)}, in microseconds since the epoch, UTC. */
    private record Instant(long micros) {
    }

    /**
     * One {@code attribute operator value}; {@code negated} flips the outcome, including for a missing
     * attribute, exactly as plaso's {@code not} does.
     */
    private record Comparison(String attribute, Operator operator, boolean negated, Object value,
                              Optional<Pattern> pattern) implements Node {

        @Override
        public boolean matches(Map<String, Object> fields) {
            Object actual = fields.get(attribute);
            boolean matched;
            if (value instanceof Instant instant) {
                Optional<Long> micros = micros(actual);
                matched = micros.isPresent() && compareOrdered(Long.compare(micros.get(), instant.micros()));
            } else {
                matched = truthy(actual) && compare(actual);
            }
            return matched != negated;
        }

        private boolean compare(Object actual) {
            return switch (operator) {
                case EQUALS -> same(actual, value);
                case NOT_EQUALS -> !same(actual, value);
                case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                    Optional<Integer> order = order(actual, value);
                    yield order.isPresent() && compareOrdered(order.get());
                }
                case CONTAINS -> contains(actual, value);
                case INSET -> inset(actual, value);
                case REGEXP, IREGEXP -> pattern.orElseThrow().matcher(text(actual)).find();
            };
        }

        private boolean compareOrdered(int order) {
            return switch (operator) {
                case EQUALS -> order == 0;
                case NOT_EQUALS -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
                default -> throw new IllegalStateException(operator + " is not a comparison");
            };
        }
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case String text -> !text.isEmpty();
            case Boolean flag -> flag;
            case Collection<?> list -> !list.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            case Number number -> number(number).map(n -> n.signum() != 0).orElse(true);
            default -> true;
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof String a && expected instanceof String e) {
            return a.equals(e);
        }
        Optional<BigDecimal> a = numeric(actual);
        Optional<BigDecimal> e = numeric(expected);
        return a.isPresent() && e.isPresent() && a.get().compareTo(e.get()) == 0
                && (actual instanceof Number || actual instanceof Boolean || expected instanceof Number);
    }

    private static Optional<Integer> order(Object actual, Object expected) {
        if (actual instanceof String a && expected instanceof String e) {
            return Optional.of(Integer.signum(a.compareTo(e)));
        }
        if (!(actual instanceof Number || actual instanceof Boolean || expected instanceof Number)) {
            return Optional.empty();
        }
        Optional<BigDecimal> a = numeric(actual);
        Optional<BigDecimal> e = numeric(expected);
        return a.isPresent() && e.isPresent() ? Optional.of(a.get().compareTo(e.get())) : Optional.empty();
    }

    private static boolean contains(Object actual, Object expected) {
        return switch (actual) {
            case String text when expected instanceof String part ->
                    text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
            case Collection<?> list -> list.stream().anyMatch(item -> item != null && same(item, expected));
            case Map<?, ?> map -> map.containsKey(expected);
            default -> false;
        };
    }

    private static boolean inset(Object actual, Object expected) {
        if (!(expected instanceof String set)) {
            return false;
        }
        return switch (actual) {
            case String text -> set.contains(text);
            case Collection<?> list -> list.stream().allMatch(item -> item instanceof String text && set.contains(text));
            default -> false;
        };
    }

    /** The text a regular expression is matched against: list elements joined without separator, as plaso does. */
    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            StringBuilder joined = new StringBuilder();
            list.forEach(item -> joined.append(text(item)));
            return joined.toString();
        }
        return String.valueOf(value);
    }

    /** A number, a boolean (as 1 or 0, like Python) or a text that reads as a number. */
    private static Optional<BigDecimal> numeric(Object value) {
        return switch (value) {
            case Number number -> number(number);
            case Boolean flag -> Optional.of(flag ? BigDecimal.ONE : BigDecimal.ZERO);
            case String text -> {
                String trimmed = text.trim();
                if (trimmed.isEmpty() || !(Character.isDigit(trimmed.charAt(trimmed.length() - 1)))) {
                    yield Optional.empty();
                }
                try {
                    yield Optional.of(new BigDecimal(trimmed));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            case null, default -> Optional.empty();
        };
    }

    private static Optional<BigDecimal> number(Number number) {
        return switch (number) {
            case Long l -> Optional.of(BigDecimal.valueOf(l));
            case Integer i -> Optional.of(BigDecimal.valueOf(i));
            case BigInteger big -> Optional.of(new BigDecimal(big));
            case BigDecimal decimal -> Optional.of(decimal);
            default -> {
                double d = number.doubleValue();
                yield Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
            }
        };
    }

    /** An event's timestamp: microseconds since the epoch as a number, digits, or a date-time text. */
    private static Optional<Long> micros(Object value) {
        return switch (value) {
            case Number number -> Optional.of(number.longValue());
            case String text when text.matches("-?\\d{1,18}") -> Optional.of(Long.parseLong(text));
            case String text -> {
                try {
                    yield Optional.of(UTC.parse(text));
                } catch (UnparseableTimeException e) {
                    yield Optional.empty();
                }
            }
            case null, default -> Optional.empty();
        };
    }

    // ---- lexing

    private enum Kind { OPEN, CLOSE, WORD, SYMBOL, STRING, AND, OR, END }

    /** A token; {@code value} is the decoded text of a string, {@code text} what was written. */
    private record Token(Kind kind, String text, String value, int offset) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    /** Reads one token at a time, on demand. */
    private static final class Lexer {

        private final String expression;
        private int at;

        private Lexer(String expression) {
            this.expression = expression;
        }

        Token next() {
            while (at < expression.length() && Character.isWhitespace(expression.charAt(at))) {
                at++;
            }
            int start = at;
            if (at >= expression.length()) {
                return new Token(Kind.END, "", "", start);
            }
            char c = expression.charAt(at);
            if (c == '(' || c == ')') {
                at++;
                return new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), "", start);
            }
            if (c == '"' || c == '\'') {
                return string(c);
            }
            if (expression.startsWith("&&", at) || expression.startsWith("||", at)) {
                at += 2;
                return new Token(c == '&' ? Kind.AND : Kind.OR, expression.substring(start, at), "", start);
            }
            if (c == '<' || c == '>' || c == '=' || c == '!') {
                at++;
                if (at < expression.length() && expression.charAt(at) == '=') {
                    at++;
                }
                return new Token(Kind.SYMBOL, expression.substring(start, at), "", start);
            }
            if (wordChar(c)) {
                while (at < expression.length() && wordChar(expression.charAt(at))) {
                    at++;
                }
                String word = expression.substring(start, at);
                Kind kind = word.equalsIgnoreCase("and") ? Kind.AND : word.equalsIgnoreCase("or") ? Kind.OR : Kind.WORD;
                return new Token(kind, word, "", start);
            }
            throw new EventFilterSyntaxException(expression, start, String.valueOf(c), "unexpected character");
        }

        private static boolean wordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        private Token string(char quote) {
            int start = at++;
            StringBuilder value = new StringBuilder();
            while (at < expression.length()) {
                char c = expression.charAt(at);
                if (c == quote) {
                    at++;
                    return new Token(Kind.STRING, expression.substring(start, at), value.toString(), start);
                }
                if (c != '\\') {
                    value.append(c);
                    at++;
                    continue;
                }
                if (at + 1 >= expression.length()) {
                    break;
                }
                char escaped = expression.charAt(at + 1);
                switch (escaped) {
                    case '\\', '\'', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    // Left as written: they mean something to a regular expression.
                    case '.', 'w', 's' -> value.append('\\').append(escaped);
                    case 'x' -> {
                        String hex = at + 4 <= expression.length() ? expression.substring(at + 2, at + 4) : "";
                        if (!hex.matches("[0-7][0-9a-fA-F]")) {
                            throw new EventFilterSyntaxException(expression, at, expression.substring(at,
                                    Math.min(expression.length(), at + 4)),
                                    "a \\x escape takes two hexadecimal digits of an ASCII character (00 to 7f)");
                        }
                        value.append((char) Integer.parseInt(hex, 16));
                        at += 2;
                    }
                    default -> throw new EventFilterSyntaxException(expression, at, "\\" + escaped,
                            "unknown escape; use \\\\ \\\" \\' \\n \\r \\t \\b \\xHH (or \\. \\w \\s in regular expressions)");
                }
                at += 2;
            }
            throw new EventFilterSyntaxException(expression, start, expression.substring(start),
                    "the string has no closing " + quote);
        }
    }

    // ---- parsing (and binds tighter than or, as in plaso)

    private static final class Parser {

        private static final String OPERATORS = "==, is, equals, !=, <, <=, >, >=, contains, inset, regexp, iregexp";

        private final String expression;
        private final Lexer lexer;
        /** The next token, read lazily so that a syntax error is reported where the parser meets it. */
        private Token lookahead;

        Parser(String expression) {
            this.expression = expression;
            this.lexer = new Lexer(expression);
        }

        Node parse() {
            if (peek().kind() == Kind.END) {
                throw error(peek(), "the expression is empty");
            }
            Node root = or();
            Token rest = peek();
            if (rest.kind() == Kind.CLOSE) {
                throw error(rest, "this ) closes no (");
            }
            if (rest.kind() != Kind.END) {
                throw error(rest, "expected and, or, ) or the end of the expression after a complete comparison");
            }
            return root;
        }

        /** Deeper groups are refused: the parser recurses per group and would overflow the stack. */
        private static final int MAX_NESTING = 100;
        private int depth;

        private Node or() {
            Node left = and();
            while (peek().kind() == Kind.OR) {
                take();
                left = new Or(left, and());
            }
            return left;
        }

        private Node and() {
            Node left = primary();
            while (peek().kind() == Kind.AND) {
                take();
                left = new And(left, primary());
            }
            return left;
        }

        private Node primary() {
            Token token = take();
            switch (token.kind()) {
                case OPEN -> {
                    if (++depth > MAX_NESTING) {
                        throw error(token, "parentheses nested more than " + MAX_NESTING + " deep");
                    }
                    Node inner = or();
                    depth--;
                    Token close = take();
                    if (close.kind() != Kind.CLOSE) {
                        throw error(close, "expected ) to close the ( at character " + (token.offset() + 1));
                    }
                    return inner;
                }
                case WORD -> {
                    return comparison(token, token.text());
                }
                case STRING -> {
                    return comparison(token, token.value());
                }
                default -> throw error(token, "expected an attribute name or (");
            }
        }

        private Node comparison(Token attributeToken, String written) {
            String attribute = TIMESTAMP_ALIASES.contains(written) ? "timestamp" : written;
            if (attribute.isEmpty()) {
                throw error(attributeToken, "the attribute name is empty");
            }
            boolean negated = false;
            Token first = take();
            if (first.isWord("not")) {
                negated = true;
            }
            Token operatorToken = negated ? take() : first;
            if (operatorToken.kind() != Kind.WORD && operatorToken.kind() != Kind.SYMBOL) {
                throw error(operatorToken, "expected an operator after " + written + " (" + OPERATORS + ")");
            }
            Operator operator = Operator.named(operatorToken.text()).orElseThrow(() ->
                    error(operatorToken, "unknown operator; use one of " + OPERATORS));
            if (peek().isWord("not")) {
                if (negated) {
                    throw error(peek(), "not can be used only once in a comparison");
                }
                negated = true;
                take();
            }
            String operatorName = operatorToken.text().toLowerCase(Locale.ROOT);
            if (negated && !Set.of("is", "equals", "contains", "inset").contains(operatorName)) {
                throw error(operatorToken, "the operator " + operatorToken.text()
                        + " cannot be negated; not goes with is, equals, contains and inset");
            }
            Token valueToken = peek();
            Object value = value();
            if (attribute.equals("timestamp")) {
                if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS && !operator.ordering()) {
                    throw error(operatorToken, "timestamp is compared with ==, !=, <, <=, > or >=");
                }
                value = instant(valueToken, value);
            } else if (value instanceof Instant) {
                throw error(valueToken, "DATETIME(…) values compare with timestamp (or its aliases date, datetime, time),"
                        + " not with " + written);
            }
            Optional<Pattern> pattern = Optional.empty();
            if (operator == Operator.REGEXP || operator == Operator.IREGEXP) {
                try {
                    pattern = Optional.of(Pattern.compile(text(value), Pattern.DOTALL
                            | (operator == Operator.IREGEXP ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)));
                } catch (PatternSyntaxException e) {
                    throw error(valueToken, "malformed regular expression: " + e.getDescription());
                }
            }
            return new Comparison(attribute, operator, negated, value, pattern);
        }

        private Object value() {
            Token token = take();
            if (token.kind() == Kind.STRING) {
                return token.value();
            }
            if (token.kind() != Kind.WORD) {
                throw error(token, "expected a value: a quoted string, a number or DATETIME(…)");
            }
            String text = token.text();
            try {
                if (text.matches("\\d+\\.\\d+")) {
                    return Double.parseDouble(text);
                }
                if (text.matches("0[xX][0-9a-fA-F]+")) {
                    return Long.parseLong(text.substring(2), 16);
                }
                if (text.matches("\\d+")) {
                    return Long.parseLong(text);
                }
            } catch (NumberFormatException e) {
                throw error(token, "the number is too large");
            }
            if (text.equalsIgnoreCase("DATETIME") && peek().kind() == Kind.OPEN) {
                take();
                Token argument = take();
                Object value;
                if (argument.kind() == Kind.STRING) {
                    value = instant(argument, argument.value());
                } else if (argument.kind() == Kind.WORD && argument.text().matches("\\d{1,18}")) {
                    value = new Instant(Long.parseLong(argument.text()));
                } else {
                    throw error(argument, "DATETIME takes a quoted ISO 8601 date and time or an integer of"
                            + " microseconds since the epoch");
                }
                Token close = take();
                if (close.kind() != Kind.CLOSE) {
                    throw error(close, "expected ) to close DATETIME(");
                }
                return value;
            }
            if (text.equalsIgnoreCase("PATH") && peek().kind() == Kind.OPEN) {
                throw error(token, "PATH(…) values are not supported; compare the path as a string (contains, regexp)");
            }
            throw error(token, "expected a value: a quoted string, a number or DATETIME(…) (text values need quotes)");
        }

        /** A timestamp comparison value: DATETIME, microseconds, or a date-time text (plaso's implicit conversion). */
        private Instant instant(Token token, Object value) {
            return switch (value) {
                case Instant instant -> instant;
                case Long micros -> new Instant(micros);
                case String text when text.matches("-?\\d{1,18}") -> new Instant(Long.parseLong(text));
                case String text -> {
                    try {
                        yield new Instant(UTC.parse(text));
                    } catch (UnparseableTimeException e) {
                        throw error(token, "not a date and time: " + e.getMessage());
                    }
                }
                default -> throw error(token, "timestamp is compared with DATETIME(…), microseconds or a date-time text");
            };
        }

        private Token peek() {
            if (lookahead == null) {
                lookahead = lexer.next();
            }
            return lookahead;
        }

        private Token take() {
            Token token = peek();
            if (token.kind() != Kind.END) {
                lookahead = null;
            }
            return token;
        }

        private EventFilterSyntaxException error(Token token, String problem) {
            return new EventFilterSyntaxException(expression, token.offset(), token.text(), problem);
        }
    }
}
