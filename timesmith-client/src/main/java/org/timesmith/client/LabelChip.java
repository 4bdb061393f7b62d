package org.timesmith.client;

/** Events carrying a label of this sketch; {@link #useStarLabel()} and {@link #useCommentLabel()} select starred or commented events. */
public record LabelChip(String label, String operator) implements Chip {

    public LabelChip {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("A label chip needs a label.");
        }
        operator = Chip.checkOperator(operator);
    }

    public static LabelChip of(String label) {
        return new LabelChip(label, "must");
    }

    public static LabelChip useStarLabel() {
        return of(Sketch.STAR);
    }

    public static LabelChip useCommentLabel() {
        return of(Sketch.COMMENT);
    }

    @Override
    public String type() {
        return "label";
    }

    @Override
    public String field() {
        return "";
    }

    @Override
    public String value() {
        return label;
    }
}
