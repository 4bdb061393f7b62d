/**
 * Sigma rules: reading rule and configuration YAML, converting a rule's detection into a Lucene
 * query string through a Timesketch-style field mapping ({@code SigmaConfig}, {@code
 * SigmaConverter}), and the Sigma analyzer that tags matching events per rule. Conversion lives
 * here, not in the server, so it is tested without HTTP; unsupported constructs fail with a {@code
 * SigmaException} naming the rule and the construct.
 */
package org.timesmith.analysis.sigma;
