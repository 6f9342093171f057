// Command go-tiles checks a ledger's tiles (c2sp.org/tlog-tiles, under /api/audit/tlog) with Go's own transparency
// log client code, golang.org/x/mod/sumdb/tlog and sumdb/note: an implementation the ledger shares no code with.
//
// It fetches the checkpoint, verifies its signature with the verifier key given, reads the hash tiles through
// tlog.TileHashReader (which authenticates every tile it reads against the checkpoint's root), computes the root of
// the whole tree from them, then reads every entry bundle and checks each entry's record hash against the level-0
// hash the tiles hold and its inclusion proof against the root. It prints one line per check and exits 1 on the first
// failure. See interop/README.md for how to run it.
package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8 // c2sp.org/tlog-tiles: tiles are always 2^8 = 256 hashes wide

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-tiles <query side URL, e.g. http://127.0.0.1:9482> <checkpoint verifier key>")
		os.Exit(2)
	}
	base := strings.TrimSuffix(os.Args[1], "/") + "/api/audit/tlog/"
	verifier, err := note.NewVerifier(os.Args[2])
	check(err, "the verifier key")

	body := fetch(base + "checkpoint")
	signed, err := note.Open(body, note.VerifierList(verifier))
	check(err, "the checkpoint's signature")
	origin, tree := parseCheckpoint(signed.Text)
	fmt.Printf("checkpoint: origin %q, size %d, root %s, signed by %s: OK\n", origin, tree.N, tree.Hash,
		signed.Sigs[0].Name)

	hashes := tlog.TileHashReader(tree, &httpTiles{base: base})
	root, err := tlog.TreeHash(tree.N, hashes)
	check(err, "the tree hash from the tiles")
	if root != tree.Hash {
		fail("the root computed from the tiles, %s, is not the checkpoint's %s", root, tree.Hash)
	}
	fmt.Printf("tree hash from %d hash tiles' levels: %s = the checkpoint's root: OK\n", levels(tree.N), root)

	var checked int64
	for bundle := int64(0); bundle*256 < tree.N; bundle++ {
		width := tree.N - bundle*256
		if width > 256 {
			width = 256
		}
		entries := splitBundle(fetch(base+bundlePath(bundle, width)), int(width))
		for i, entry := range entries {
			index := bundle*256 + int64(i)
			record := tlog.RecordHash(entry)
			stored, err := hashes.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
			check(err, fmt.Sprintf("the level-0 hash of entry %d", index))
			if stored[0] != record {
				fail("entry %d: its record hash %s is not the tiles' level-0 hash %s", index, record, stored[0])
			}
			proof, err := tlog.ProveRecord(tree.N, index, hashes)
			check(err, fmt.Sprintf("the inclusion proof of entry %d", index))
			check(tlog.CheckRecord(proof, tree.N, tree.Hash, index, record),
				fmt.Sprintf("the inclusion proof of entry %d", index))
			checked++
		}
	}
	if checked != tree.N {
		fail("the entry bundles held %d entries, the checkpoint says %d", checked, tree.N)
	}
	fmt.Printf("entries: %d of %d, each equal to its level-0 hash and proved included in the root: OK\n",
		checked, tree.N)
}

// parseCheckpoint reads c2sp.org/tlog-checkpoint's first three lines (origin, size, root); extension lines follow.
func parseCheckpoint(text string) (string, tlog.Tree) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		fail("the checkpoint has fewer than three lines: %q", text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	check(err, "the checkpoint's size")
	root, err := base64.StdEncoding.DecodeString(lines[2])
	check(err, "the checkpoint's root hash")
	if len(root) != tlog.HashSize {
		fail("the checkpoint's root hash has %d bytes", len(root))
	}
	var hash tlog.Hash
	copy(hash[:], root)
	return lines[0], tlog.Tree{N: size, Hash: hash}
}

// httpTiles reads hash tiles at c2sp.org/tlog-tiles paths (tile/<L>/<N>[.p/<W>]; Go's sumdb puts the height in the
// path, tile/8/<L>/<N>, which is the one difference in layout).
type httpTiles struct{ base string }

func (t *httpTiles) Height() int { return height }

func (t *httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, tile := range tiles {
		if tile.H != height {
			return nil, fmt.Errorf("a tile of height %d asked for", tile.H)
		}
		path := fmt.Sprintf("tile/%d/%s", tile.L, index(tile.N))
		if tile.W < 1<<height {
			path += fmt.Sprintf(".p/%d", tile.W)
		}
		data[i] = fetch(t.base + path)
	}
	return data, nil
}

func (t *httpTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func bundlePath(n, width int64) string {
	path := "tile/entries/" + index(n)
	if width < 256 {
		path += fmt.Sprintf(".p/%d", width)
	}
	return path
}

// index writes a tile index as c2sp.org/tlog-tiles does: groups of three digits, each but the last prefixed by x.
func index(n int64) string {
	digits := fmt.Sprintf("%03d", n)
	for len(digits)%3 != 0 {
		digits = "0" + digits
	}
	var path strings.Builder
	for i := 0; i < len(digits); i += 3 {
		if i+3 < len(digits) {
			path.WriteString("x" + digits[i:i+3] + "/")
		} else {
			path.WriteString(digits[i:])
		}
	}
	return path.String()
}

// splitBundle splits an entry bundle: each entry is a big-endian uint16 length and that many bytes.
func splitBundle(bundle []byte, want int) [][]byte {
	var entries [][]byte
	for len(bundle) > 0 {
		if len(bundle) < 2 {
			fail("an entry bundle ends inside a length")
		}
		size := int(bundle[0])<<8 | int(bundle[1])
		if len(bundle) < 2+size {
			fail("an entry bundle ends inside an entry")
		}
		entries = append(entries, bundle[2:2+size])
		bundle = bundle[2+size:]
	}
	if len(entries) != want {
		fail("an entry bundle holds %d entries, not %d", len(entries), want)
	}
	return entries
}

func levels(n int64) int {
	l := 0
	for n > 0 {
		n >>= height
		l++
	}
	return l
}

func fetch(url string) []byte {
	response, err := http.Get(url)
	check(err, url)
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	check(err, url)
	if response.StatusCode != http.StatusOK {
		fail("%s: %d %s", url, response.StatusCode, bytes.TrimSpace(body))
	}
	return body
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAILED: "+format+"\n", args...)
	os.Exit(1)
}
