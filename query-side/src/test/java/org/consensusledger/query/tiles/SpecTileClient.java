package org.consensusledger.query.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A tile client written from c2sp.org/tlog-tiles and RFC 6962 §2.1 alone, to check the query side's tiles against
 * an independent reading of the layout: it shares no code with the tiles it reads ({@link TilePath}, {@link Tiles})
 * nor with the ledger's Merkle tree. It fetches each tile once, at the width the spec gives it for the tree size.
 */
final class SpecTileClient {

    private static final int HEIGHT = 8;
    private static final int WIDTH = 1 << HEIGHT;

    /** Fetches a path after the prefix (e.g. {@code tile/0/x001/234.p/17}) and answers its bytes. */
    private final Function<String, byte[]> fetch;
    private final long size;
    private final Map<String, byte[]> fetched = new HashMap<>();

    SpecTileClient(Function<String, byte[]> fetch, long size) {
        this.fetch = fetch;
        this.size = size;
    }

    /** {@code x001/x234/067} for 1234067: zero-padded 3-digit elements, all but the last starting with x. */
    static String index(long n) {
        String path = String.format("%03d", n % 1000);
        for (long rest = n / 1000; rest > 0; rest /= 1000) {
            path = String.format("x%03d/", rest % 1000) + path;
        }
        return path;
    }

    /** The tile path ("entries" or a level) for tile {@code n} of this tree: full, or partial of the spec's width. */
    String path(String level, int l, long n) {
        int width = width(l, n);
        return "tile/" + level + "/" + index(n) + (width == WIDTH ? "" : ".p/" + width);
    }

    /**
     * How many hashes tile {@code n} of level {@code l} holds in a tree of this size: 256 when the tree holds its end
     * index {@code (n+1)·256^(l+1)}, else the partial tile's {@code floor(s / 256^l) mod 256}.
     */
    int width(int l, long n) {
        long perHash = 1L << (HEIGHT * l);
        if ((n + 1) * WIDTH <= size / perHash) {
            return WIDTH;
        }
        return (int) ((size / perHash) % WIDTH);
    }

    /** Hash {@code j} of tile level {@code l}: the MTH of leaves {@code [j·256^l, (j+1)·256^l)}. */
    byte[] tileHash(int l, long j) {
        long n = j / WIDTH;
        int i = (int) (j % WIDTH);
        int width = width(l, n);
        if (i >= width) {
            throw new IllegalStateException("hash " + j + " of level " + l + " is not in the tree of size " + size);
        }
        byte[] tile = fetched.computeIfAbsent(path(Integer.toString(l), l, n), fetch);
        if (tile.length != 32 * width) {
            throw new AssertionError(path(Integer.toString(l), l, n) + " is " + tile.length + " bytes, not "
                                             + 32 * width);
        }
        return Arrays.copyOfRange(tile, 32 * i, 32 * i + 32);
    }

    /**
     * The complete subtree {@code k} of tree height {@code h} (MTH of leaves {@code [k·2^h, (k+1)·2^h)}): a tile hash
     * when {@code h} is a multiple of 8, else hashed up from the tile level below ("the Merkle Tree levels between
     * those expressed by the tile hashes are reconstructed by hashing the leaves").
     */
    byte[] node(int h, long k) {
        if (h % HEIGHT == 0) {
            return tileHash(h / HEIGHT, k);
        }
        return interior(node(h - 1, 2 * k), node(h - 1, 2 * k + 1));
    }

    /** RFC 6962's MTH(D[a:b]), from the tiles. */
    byte[] mth(long a, long b) {
        long n = b - a;
        if (Long.bitCount(n) == 1 && a % n == 0) {
            return node(Long.numberOfTrailingZeros(n), a / n);
        }
        long k = Long.highestOneBit(n - 1);
        return interior(mth(a, a + k), mth(a + k, b));
    }

    /** The root of the whole tree. */
    byte[] root() {
        return mth(0, size);
    }

    /** RFC 6962's PATH(m, D[0:size]), from the tiles: the inclusion proof of leaf {@code m}. */
    List<byte[]> inclusionProof(long m) {
        List<byte[]> proof = new ArrayList<>();
        path(m, 0, size, proof);
        return proof;
    }

    private void path(long m, long a, long b, List<byte[]> proof) {
        long n = b - a;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m - a < k) {
            path(m, a, a + k, proof);
            proof.add(mth(a + k, b));
        } else {
            path(m, a + k, b, proof);
            proof.add(mth(a, a + k));
        }
    }

    /** The entries of bundle {@code n}: big-endian uint16 length-prefixed, exactly as many as the bundle's width. */
    List<byte[]> entries(long n) {
        String path = path("entries", 0, n);
        byte[] bundle = fetch.apply(path);
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (at + 2 > bundle.length) {
                throw new AssertionError(path + ": a length cut short at byte " + at);
            }
            int length = (bundle[at] & 0xFF) << 8 | bundle[at + 1] & 0xFF;
            if (at + 2 + length > bundle.length) {
                throw new AssertionError(path + ": an entry of " + length + " bytes at byte " + at + " is cut short");
            }
            entries.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            at += 2 + length;
        }
        if (entries.size() != width(0, n)) {
            throw new AssertionError(path + " holds " + entries.size() + " entries, not " + width(0, n));
        }
        return entries;
    }

    static byte[] leafHash(byte[] entry) {
        return sha256(new byte[] {0}, entry);
    }

    static byte[] interior(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
