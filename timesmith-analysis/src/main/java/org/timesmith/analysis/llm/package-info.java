/**
 * Large-language-model features and the providers they talk to, after Timesketch's
 * {@code timesketch/lib/llms}: the {@code llm_log_analyzer} analyzer hands a sketch's events to the
 * {@link org.timesmith.analysis.llm.LogAnalyzer} feature, which streams them through an
 * {@link org.timesmith.analysis.llm.LlmProvider} to a log-reasoning agent and turns the findings it
 * streams back into DFIQ questions and conclusions. Providers are configured per feature
 * ({@link org.timesmith.analysis.llm.LlmProviders}), as Timesketch's {@code LLM_PROVIDER_CONFIGS}.
 * The package {@code agent} holds the offline reference agent ({@code timesmith agent}).
 */
package org.timesmith.analysis.llm;
