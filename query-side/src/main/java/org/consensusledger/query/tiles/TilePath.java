package org.consensusledger.query.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tile's path after {@code tile/}, as c2sp.org/tlog-tiles writes it: {@code <L>/<N>[.p/<W>]} for a tile of hashes,
 * {@code entries/<N>[.p/<W>]} for an entry bundle. Read strictly: only the one way the spec writes each tile is
 * accepted (Go's {@code sumdb/tlog} reads them so too), so that every tile has a single address to cache.
 *
 * @param level   the tile's level, 0 to 63; {@link #ENTRIES} for an entry bundle
 * @param index   the tile's index {@code N} within its level; {@link #BEYOND} when it is written well but does not fit
 *                in 63 bits (no tree is that large)
 * @param width   the hashes or entries it holds: {@value #FULL} for a full tile, 1 to 255 for a partial one
 */
record TilePath(int level, long index, int width) {

    static final int ENTRIES = -1;
    static final int FULL = 256;
    static final long BEYOND = Long.MAX_VALUE;
    static final int LARGEST_LEVEL = 63;

    private static final Pattern LEVEL = Pattern.compile("0|[1-9][0-9]?");
    private static final Pattern WIDTH = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern INNER = Pattern.compile("x[0-9]{3}");
    private static final Pattern LAST = Pattern.compile("[0-9]{3}");
    static final String FORMS = "a tile is tile/<L>/<N> or tile/<L>/<N>.p/<W>, an entry bundle tile/entries/<N> or "
            + "tile/entries/<N>.p/<W> (c2sp.org/tlog-tiles)";

    /** The path refused, with the rule it breaks in words a client can act on. */
    static final class Malformed extends RuntimeException {
        Malformed(String rule) {
            super("Not a tile path: " + rule + "; " + FORMS);
        }
    }

    boolean entries() {
        return level == ENTRIES;
    }

    boolean partial() {
        return width < FULL;
    }

    /** Reads {@code rest}, the path after {@code <prefix>/tile/}. */
    static TilePath parse(String rest) {
        if (rest.endsWith("/")) {
            throw new Malformed("it must not end with /");
        }
        List<String> parts = List.of(rest.split("/", -1));
        String first = parts.get(0);
        int level;
        if (first.equals("entries")) {
            level = ENTRIES;
        } else if (LEVEL.matcher(first).matches() && Integer.parseInt(first) <= LARGEST_LEVEL) {
            level = Integer.parseInt(first);
        } else {
            throw new Malformed("the level <L> must be a whole number from 0 to 63 without leading zeros, or "
                                        + "\"entries\"");
        }
        List<String> elements = parts.subList(1, parts.size());
        int width = FULL;
        if (elements.size() >= 2 && elements.get(elements.size() - 2).endsWith(".p")) {
            String written = elements.get(elements.size() - 1);
            if (!WIDTH.matcher(written).matches() || Integer.parseInt(written) >= FULL) {
                throw new Malformed("the width <W> of a partial tile must be a whole number from 1 to 255 without "
                                            + "leading zeros");
            }
            width = Integer.parseInt(written);
            String last = elements.get(elements.size() - 2);
            elements = new ArrayList<>(elements.subList(0, elements.size() - 1));
            elements.set(elements.size() - 1, last.substring(0, last.length() - 2));
        }
        return new TilePath(level, index(elements), width);
    }

    /**
     * The index written as zero-padded three-digit elements, all but the last starting with {@code x}
     * ({@code x001/x234/067} is 1234067), with no element of leading zeros before the first significant one.
     */
    private static long index(List<String> elements) {
        if (elements.isEmpty() || elements.size() == 1 && elements.get(0).isEmpty()) {
            throw new Malformed("the index <N> is missing");
        }
        for (int i = 0; i < elements.size(); i++) {
            boolean last = i == elements.size() - 1;
            if (!(last ? LAST : INNER).matcher(elements.get(i)).matches()) {
                throw new Malformed(last ? "the last element of the index <N> must be three digits (005 for 5, "
                        + "x001/000 for 1000)" + (elements.get(i).endsWith(".p") ? ", and .p must be followed by "
                        + "/<W>" : "") : "each element of the index <N> but the last must be x and three digits "
                        + "(x001/x234/067 for 1234067)");
            }
        }
        if (elements.size() > 1 && elements.get(0).equals("x000")) {
            throw new Malformed("the index <N> must not start with x000 (write 5 as 005, 1000 as x001/000)");
        }
        long index = 0;
        for (String element : elements) {
            int group = Integer.parseInt(element.substring(element.length() - 3));
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000L), group);
            } catch (ArithmeticException e) {
                return BEYOND;
            }
        }
        return index;
    }

    /** The path as the spec writes it, after {@code tile/}: {@code 0/x001/234.p/17}. */
    String format() {
        StringBuilder path = new StringBuilder(entries() ? "entries" : Integer.toString(level));
        if (index == BEYOND) {
            path.append("/<an index beyond 2^63>");
        } else {
            String digits = Long.toString(index);
            int pad = (3 - digits.length() % 3) % 3;
            digits = "0".repeat(pad) + digits;
            for (int i = 0; i < digits.length(); i += 3) {
                path.append('/').append(i + 3 < digits.length() ? "x" : "").append(digits, i, i + 3);
            }
        }
        if (partial()) {
            path.append(".p/").append(width);
        }
        return path.toString();
    }

    /**
     * The tree size from which every hash (or entry) of this tile is fixed: {@code (N·256 + W)·256^L} leaves;
     * {@link Long#MAX_VALUE} when no tree that {@code long} sizes can hold it.
     */
    long sizeNeeded() {
        if (index == BEYOND || index > (Long.MAX_VALUE - width) / FULL) {
            return Long.MAX_VALUE;
        }
        long hashes = index * FULL + width;
        int shift = entries() ? 0 : 8 * level;
        if (shift >= 63 || hashes > (Long.MAX_VALUE >> shift)) {
            return Long.MAX_VALUE;
        }
        return hashes << shift;
    }

    /** The first hash's index among the nodes of its tree level ({@code 8·L}), or the first entry's position. */
    long firstNode() {
        return index * FULL;
    }
}
