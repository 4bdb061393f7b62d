package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.ForwardingBulkWriter;

/**
 * The enabled Sigma rules as matchers run on every event while it is imported, so an investigator
 * sees rule hits when the timeline is ready instead of after a query per rule over the whole index
 * (Timesketch's Sigma runs take hours). Rules are indexed by a field (and value) each must see, so
 * an event meets only the rules it could match; a hit tags the event as the {@code sigma} analyzer
 * does ({@code sigma_<title>}) and adds Timesketch's sigma attributes ({@code ts_sigma_rule}: title
 * and id; {@code ts_ttp}: the ATT&amp;CK and CAR tags) plus {@code sigma_level}, the highest level
 * among the rules that hit. Immutable and safe for concurrent imports; the counters it updates are
 * the caller's, so they outlive a rebuild after a rule changes.
 */
public final class LiveSigmaRules {

    /**
     * Hits, evaluations and time spent for one live rule; shared by every rule set that holds the rule.
     * The time is measured on a sample of the evaluations (every one of a rule's first
     * {@value #TIMED_FIRST}, then those of one event in {@value #TIMED_ONE_IN}) and scaled to all of them:
     * reading the clock costs 20 to 150 ns on a virtual machine, as much as a whole evaluation of most rules,
     * and timing each evaluation was most of what the live rules cost.
     */
    public static final class Stats {
        private final LongAdder evaluated = new LongAdder();
        private final LongAdder hits = new LongAdder();
        private final LongAdder timed = new LongAdder();
        private final LongAdder timedNanos = new LongAdder();

        /** Events the rule was evaluated on (those the index did not skip). */
        public long evaluated() {
            return evaluated.sum();
        }

        public long hits() {
            return hits.sum();
        }

        /** Time spent evaluating the rule, in nanoseconds: the timed evaluations' mean times all evaluations. */
        public long nanos() {
            long sampled = timed.sum();
            return sampled == 0 ? 0 : Math.round((double) timedNanos.sum() / sampled * evaluated.sum());
        }
    }

    /** Every evaluation of a rule is timed until it has had this many. */
    static final int TIMED_FIRST = 64;
    /** Then the evaluations of one event in this many (drawn at random, per event) are. */
    static final int TIMED_ONE_IN = 32;

    /** One live rule: its matcher and its counters. */
    public record Live(SigmaMatcher matcher, Stats stats) {
    }

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private final List<Live> unindexed = new ArrayList<>();
    /** Rules indexed under several fields (any of which may lead to them): evaluated once per event all the same. */
    private final Set<Live> multiKey = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Map<String, FieldIndex> byField = new HashMap<>();
    /** {@link #byField}'s entries, in the order they are walked. */
    private final FieldIndex[] fieldIndexes;
    /**
     * Top-level key of an event → the positions in {@link #fieldIndexes} of the fields it may hold: a field
     * {@code a.b.c} is under {@code a.b.c}, {@code a.b} or {@code a} (flattened or nested), so an event's
     * keys lead to the few indexed fields it has instead of every indexed field being looked up in it.
     */
    private final Map<String, int[]> fieldsByKey = new HashMap<>();
    /** Every keyword of every rule, found for all of them in one pass over an event's values. */
    private final KeywordAutomaton keywords;
    private final int size;

    /** The rules an indexed field leads to: by one of its lower-case values, or by its presence. */
    private static final class FieldIndex {
        final String field;
        final Map<String, List<Live>> byValue = new HashMap<>();
        final List<Live> anyValue = new ArrayList<>();

        FieldIndex(String field) {
            this.field = field;
        }
    }

    public LiveSigmaRules(Collection<Live> rules) {
        for (Live live : rules) {
            List<EventTest.Requirement> requirement = live.matcher().requirement();
            if (requirement.isEmpty()) {
                unindexed.add(live);
                continue;
            }
            if (requirement.size() > 1) {
                multiKey.add(live);
            }
            for (EventTest.Requirement alternative : requirement) {
                FieldIndex index = byField.computeIfAbsent(alternative.field(), FieldIndex::new);
                if (alternative.values().isEmpty()) {
                    index.anyValue.add(live);
                } else {
                    for (String value : alternative.values()) {
                        index.byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(live);
                    }
                }
            }
        }
        this.fieldIndexes = byField.values().toArray(FieldIndex[]::new);
        for (int i = 0; i < fieldIndexes.length; i++) {
            String field = fieldIndexes[i].field;
            for (int dot = field.indexOf('.'); ; dot = field.indexOf('.', dot + 1)) {
                String key = dot < 0 ? field : field.substring(0, dot);
                int position = i;
                fieldsByKey.merge(key, new int[] {i}, (a, b) -> a[a.length - 1] == position ? a
                        : java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray());
                if (dot < 0) {
                    break;
                }
            }
        }
        this.keywords = new KeywordAutomaton(rules.stream().flatMap(r -> r.matcher().keywords().stream()).toList());
        this.size = rules.size();
    }

    public static LiveSigmaRules none() {
        return new LiveSigmaRules(List.of());
    }

    public int size() {
        return size;
    }

    /** The rules the event matches, each evaluated at most once. */
    public List<SigmaMatcher> matches(Map<String, ?> source) {
        if (size == 0) {
            return List.of();
        }
        Pass pass = new Pass(new EventFields(source, keywords));
        for (Live live : unindexed) {
            pass.evaluate(live);
        }
        for (FieldIndex index : indexesOf(source)) {
            List<String> values = pass.fields.lowerTexts(index.field);
            if (!anyNonEmpty(values)) {
                continue;
            }
            for (Live live : index.anyValue) {
                pass.evaluate(live);
            }
            if (index.byValue.isEmpty()) {
                continue;
            }
            Set<Live> candidates = null;
            for (String value : values) {
                candidates = addCandidates(candidates, index.byValue.get(value));
                String stripped = value.strip();
                if (stripped != value) {
                    candidates = addCandidates(candidates, index.byValue.get(stripped));
                }
            }
            if (candidates != null) {
                candidates.forEach(pass::evaluate);
            }
        }
        return pass.hits;
    }

    /** The indexed fields the event may have (by its top-level keys), in index order. */
    private List<FieldIndex> indexesOf(Map<String, ?> source) {
        long[] reached = null;
        for (String key : source.keySet()) {
            int[] positions = fieldsByKey.get(key);
            if (positions != null) {
                if (reached == null) {
                    reached = new long[(fieldIndexes.length + 63) >>> 6];
                }
                for (int position : positions) {
                    reached[position >>> 6] |= 1L << position;
                }
            }
        }
        if (reached == null) {
            return List.of();
        }
        List<FieldIndex> indexes = new ArrayList<>();
        for (int word = 0; word < reached.length; word++) {
            for (long bits = reached[word]; bits != 0; bits &= bits - 1) {
                indexes.add(fieldIndexes[(word << 6) + Long.numberOfTrailingZeros(bits)]);
            }
        }
        return indexes;
    }

    private static boolean anyNonEmpty(List<String> values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Set<Live> addCandidates(Set<Live> candidates, List<Live> found) {
        if (found == null) {
            return candidates;
        }
        Set<Live> into = candidates == null ? new LinkedHashSet<>() : candidates;
        into.addAll(found);
        return into;
    }

    /** One event's evaluation: its fields, its hits, and the rules reachable by several fields already evaluated. */
    private final class Pass {
        final EventFields fields;
        final List<SigmaMatcher> hits = new ArrayList<>(0);
        final boolean timed = java.util.concurrent.ThreadLocalRandom.current().nextInt(TIMED_ONE_IN) == 0;
        Set<Live> seen;

        Pass(EventFields fields) {
            this.fields = fields;
        }

        void evaluate(Live live) {
            if (multiKey.contains(live)) {
                if (seen == null) {
                    seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                }
                if (!seen.add(live)) {
                    return;
                }
            }
            Stats stats = live.stats();
            boolean hit;
            if (timed || stats.timed.sum() < TIMED_FIRST) {
                long started = System.nanoTime();
                hit = live.matcher().matches(fields);
                stats.timedNanos.add(System.nanoTime() - started);
                stats.timed.increment();
            } else {
                hit = live.matcher().matches(fields);
            }
            stats.evaluated.increment();
            if (hit) {
                stats.hits.increment();
                hits.add(live.matcher());
            }
        }
    }

    /** The writer with these rules run on each event just before it is written; the writer itself if there are none. */
    public BulkWriter writer(BulkWriter writer) {
        if (size == 0) {
            return writer;
        }
        return new ForwardingBulkWriter(writer) {
            @Override
            public void add(Event event) {
                apply(event);
                super.add(event);
            }
        };
    }

    /** Runs the rules on the event and marks it with its hits; returns how many rules hit. */
    public int apply(Event event) {
        List<SigmaMatcher> hits = matches(event.source());
        if (!hits.isEmpty()) {
            mark(event.source(), hits.stream().map(SigmaMatcher::rule).toList());
        }
        return hits.size();
    }

    /**
     * Adds the hits' tags and attributes to an event's source: {@code tag} gets {@code sigma_<title>}
     * and the rules' tags other than ATT&amp;CK/CAR ones, {@code ts_ttp} those, {@code ts_sigma_rule}
     * the titles and ids, {@code sigma_level} the highest level. Existing values are kept.
     */
    public static void mark(Map<String, Object> source, List<SigmaRule> rules) {
        LinkedHashSet<String> tags = new LinkedHashSet<>(strings(source.get(Event.TAG)));
        LinkedHashSet<String> ttps = new LinkedHashSet<>(strings(source.get("ts_ttp")));
        LinkedHashSet<String> names = new LinkedHashSet<>(strings(source.get("ts_sigma_rule")));
        int level = LEVELS.indexOf(String.valueOf(source.get("sigma_level")));
        for (SigmaRule rule : rules) {
            tags.add(rule.matchTag());
            for (String tag : rule.tags()) {
                String lower = tag.toLowerCase(Locale.ROOT);
                (lower.startsWith("attack.") || lower.startsWith("car.") ? ttps : tags).add(tag);
            }
            names.add(rule.title());
            rule.id().ifPresent(names::add);
            level = Math.max(level, LEVELS.indexOf(rule.level().toLowerCase(Locale.ROOT)));
        }
        source.put(Event.TAG, new ArrayList<>(tags));
        source.put("ts_sigma_rule", new ArrayList<>(names));
        if (!ttps.isEmpty()) {
            source.put("ts_ttp", new ArrayList<>(ttps));
        }
        if (level >= 0) {
            source.put("sigma_level", LEVELS.get(level));
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().filter(v -> v != null).map(String::valueOf).toList();
        }
        return value == null || String.valueOf(value).isEmpty() ? List.of() : List.of(String.valueOf(value));
    }
}
