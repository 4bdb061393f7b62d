package org.timesmith.analysis.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The provider SPI: how a feature reaches a model or agent, after Timesketch's
 * {@code LLMProvider} interface. A provider is made from one {@link LlmProviderConfig} and serves the
 * features configured to use it. Two abilities, each optional: streaming a log to an agent and
 * reading its answer while still sending ({@link #analyzeLogs}, the log analyzer), and answering one
 * prompt with text ({@link #generate}, natural language to query, summaries).
 */
public interface LlmProvider {

    /** The provider's configured name (the key under {@code timesmith.llm.providers}). */
    String name();

    /** Whether {@link #analyzeLogs} works. */
    boolean streamsLogs();

    /** Whether {@link #generate} works. */
    boolean generatesText();

    /**
     * Sends the request body {@code events} writes (NDJSON, one event per line) and hands the response
     * body to {@code answer} while the events are still being written: neither side holds the data.
     *
     * @throws LlmException if the agent cannot be reached, answers with an error status, is silent
     *                      for longer than the read timeout, or closes the connection mid-answer
     */
    void analyzeLogs(RequestBody events, ResponseBody answer);

    /** One prompt → the model's text answer. */
    String generate(String prompt);

    /** Writes a request body; runs on its own thread while the answer is read. */
    @FunctionalInterface
    interface RequestBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Reads a response body as it arrives; {@code contentType} as the agent sent it (may be empty). */
    @FunctionalInterface
    interface ResponseBody {
        void read(String contentType, InputStream body) throws IOException;
    }
}
