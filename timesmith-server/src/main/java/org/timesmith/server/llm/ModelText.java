package org.timesmith.server.llm;

/**
 * A model's text answer as the features keep it: models often wrap an answer in a Markdown code
 * fence ({@code ```markdown … ```}) or in backticks although asked not to, and a story or a query
 * must not carry the wrapping.
 */
final class ModelText {

    private ModelText() {
    }

    /** The answer without surrounding whitespace and without one enclosing {@code ```} fence (its language tag too). */
    static String unfenced(String answer) {
        String text = answer.strip();
        if (!text.startsWith("```")) {
            return text;
        }
        int newline = text.indexOf('\n');
        text = newline < 0 ? text.substring(3) : text.substring(newline + 1);
        text = text.strip();
        return text.endsWith("```") ? text.substring(0, text.length() - 3).strip() : text;
    }
}
