package io.configvault.vault.diff;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * SQLite's sort order for key values under the {@code BINARY} collation, which is what
 * {@link DatabaseSource#rows} orders by: NULL, then numbers (INTEGER and REAL compared by value),
 * then TEXT (by UTF-8 bytes, i.e. by code point), then BLOB (by bytes). The merge join of
 * {@link TableDiff} relies on both sides agreeing with it exactly.
 */
final class KeyOrder implements Comparator<List<Value>> {

    static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compare(Value a, Value b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        return switch (a) {
            case Value.Null n -> 0;
            case Value.Int x when b instanceof Value.Int y -> Long.compare(x.value(), y.value());
            case Value.Int x -> numbers(BigDecimal.valueOf(x.value()), b);
            case Value.Real x when b instanceof Value.Real y ->
                    Double.compare(x.value(), y.value());
            case Value.Real x -> -numbers(BigDecimal.valueOf(((Value.Int) b).value()), a);
            case Value.Text x -> codePoints(x.text(), ((Value.Text) b).text());
            case Value.Blob x -> x.hex().compareTo(((Value.Blob) b).hex());
        };
    }

    /** Compares an integer with a real; infinities sort beyond every integer. */
    private static int numbers(BigDecimal integer, Value real) {
        double d = ((Value.Real) real).value();
        if (Double.isInfinite(d)) {
            return d > 0 ? -1 : 1;
        }
        return integer.compareTo(new BigDecimal(d));
    }

    static int codePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int rank(Value v) {
        return switch (v) {
            case Value.Null n -> 0;
            case Value.Int i -> 1;
            case Value.Real r -> 1;
            case Value.Text t -> 2;
            case Value.Blob b -> 3;
        };
    }
}
