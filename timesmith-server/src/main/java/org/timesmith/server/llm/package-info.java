/**
 * The LLM providers of a deployment ({@code timesmith.llm.*}, Timesketch's
 * {@code LLM_PROVIDER_CONFIGS}), offered to analyzers and features as one
 * {@link org.timesmith.analysis.llm.LlmProviders} resource.
 */
package org.timesmith.server.llm;
