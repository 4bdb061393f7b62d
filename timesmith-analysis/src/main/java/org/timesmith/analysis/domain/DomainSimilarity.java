package org.timesmith.analysis.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a domain looks like one of the watched domains, as Timesketch's phishy domains analyzer
 * decides it: {@code www.} is ignored; a watched domain itself or its subdomains are never phishy;
 * else the domain's labels without the last one, taken at the watched domain's depth
 * ({@code login.gooogle.com} is compared as {@code gooogle} with {@code google.com}), must share at
 * least {@code threshold} of their characters (Jaccard similarity of the character sets, which
 * Timesketch estimates with MinHash; here it is exact) and a common substring of at least half of
 * the shorter name.
 */
final class DomainSimilarity {

    /** A watched domain that a domain resembles, and how much. */
    record Match(String watched, double score) {
    }

    private final Map<String, Integer> watchedDepths;
    private final double threshold;

    /** @param watched watched domain → its number of labels */
    DomainSimilarity(Map<String, Integer> watched, double threshold) {
        this.watchedDepths = watched;
        this.threshold = threshold;
    }

    static String stripWww(String domain) {
        return domain.startsWith("www.") ? domain.substring(4) : domain;
    }

    /** The name without its last label ({@code gooogle} for {@code gooogle.com}). */
    static String withoutTld(String domain) {
        int dot = domain.lastIndexOf('.');
        return dot < 0 ? domain : domain.substring(0, dot);
    }

    List<Match> similar(String rawDomain) {
        String domain = stripWww(rawDomain);
        List<Match> matches = new ArrayList<>();
        if (!domain.contains(".") || watchedDepths.containsKey(domain)
                || watchedDepths.keySet().stream().anyMatch(w -> domain.endsWith("." + w))) {
            return matches;
        }
        String[] labels = domain.split("\\.");
        for (Map.Entry<String, Integer> watched : watchedDepths.entrySet()) {
            int depth = watched.getValue();
            if (depth < 2 || depth > labels.length) {
                continue;
            }
            String part = withoutTld(String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - depth, labels.length)));
            String watchedPart = withoutTld(watched.getKey());
            double score = jaccard(part, watchedPart);
            if (score < threshold) {
                continue;
            }
            int needed = Math.min(withoutTld(domain).length() / 2, watchedPart.length() / 2);
            if (longestCommonSubstring(withoutTld(domain), watchedPart) >= needed) {
                matches.add(new Match(watched.getKey(), score));
            }
        }
        matches.sort(java.util.Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::watched));
        return matches;
    }

    static double jaccard(String a, String b) {
        Set<Integer> left = new HashSet<>();
        a.codePoints().forEach(left::add);
        Set<Integer> right = new HashSet<>();
        b.codePoints().forEach(right::add);
        Set<Integer> union = new HashSet<>(left);
        union.addAll(right);
        left.retainAll(right);
        return union.isEmpty() ? 0 : (double) left.size() / union.size();
    }

    static int longestCommonSubstring(String a, String b) {
        int best = 0;
        int[] previous = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            for (int j = 1; j <= b.length(); j++) {
                if (a.charAt(i - 1) == b.charAt(j - 1)) {
                    current[j] = previous[j - 1] + 1;
                    best = Math.max(best, current[j]);
                }
            }
            previous = current;
        }
        return best;
    }
}
