package io.configvault.bench;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Figure}'s table as aligned plain text (console) or as Markdown (docs). */
public final class Tables {

    private Tables() {
    }

    /** The title, an aligned text table with a rule under the headings, and the notes. */
    public static String text(Figure figure) {
        int[] widths = widths(figure);
        StringBuilder out = new StringBuilder(figure.title()).append('\n');
        out.append(line(figure.columns(), widths)).append('\n');
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        out.append(line(rule, widths)).append('\n');
        for (List<String> row : figure.rows()) {
            out.append(line(row, widths)).append('\n');
        }
        for (String note : figure.notes()) {
            out.append("  ").append(note).append('\n');
        }
        return out.toString();
    }

    /** A Markdown table; a pipe in a cell is escaped. */
    public static String markdown(Figure figure) {
        StringBuilder out = new StringBuilder();
        out.append(mdRow(figure.columns())).append('\n');
        out.append("|").append(" --- |".repeat(figure.columns().size())).append('\n');
        for (List<String> row : figure.rows()) {
            out.append(mdRow(row)).append('\n');
        }
        return out.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return out.toString();
    }

    private static int[] widths(Figure figure) {
        int[] widths = new int[figure.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = figure.columns().get(i).length();
            for (List<String> row : figure.rows()) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append("  ");
            }
            String cell = cells.get(i);
            out.append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        return out.toString().stripTrailing();
    }
}
