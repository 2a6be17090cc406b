#!/usr/bin/env python3
"""Make a large site of real prose: the example site's pages, repeated.

    example_corpus.py --pages 10000 --out /tmp/example10k

The generated benchmark site (generate.py) is written from about 150 words,
so it says little about checks that read the words themselves (spelling,
plain English, reading score). This copies the repository's example site
(site.yaml, themes/, content/ and words.txt if there is one) and adds copies
of its pages (not the section pages, `_index.md`) beside them until the
site has about `--pages` pages. Each copy's file name and title get a
number, so that no two pages share an address, a title or a summary. Standard library
only.
"""

import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def numbered(text, n, keys):
    """The page's text with ` (copy n)` after the first of `keys` it has."""
    for key in keys:
        pattern = re.compile(r"^(%s:\s*)(.*)$" % key, re.MULTILINE)
        m = pattern.search(text.split("\n---", 1)[0])
        if m:
            value = m.group(2).strip()
            quoted = len(value) > 1 and value[0] == value[-1] and value[0] in "\"'"
            if quoted:
                new = value[:-1] + " (copy %d)" % n + value[-1]
            else:
                new = value + " (copy %d)" % n
            return text[: m.start(2)] + new + text[m.end(2) :]
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    for name in ("site.yaml", "words.txt"):
        if os.path.exists(os.path.join(TOP, name)):
            shutil.copy(os.path.join(TOP, name), args.out)
    shutil.copytree(os.path.join(TOP, "themes"), os.path.join(args.out, "themes"))
    shutil.copytree(os.path.join(TOP, "content"), os.path.join(args.out, "content"))
    content = os.path.join(args.out, "content")
    pages, total = [], 0
    for folder, _, files in os.walk(content):
        for f in sorted(files):
            if f.endswith(".md"):
                total += 1
                if f != "_index.md":
                    pages.append(os.path.join(folder, f))
    pages.sort()
    if not pages:
        sys.exit("the example site has no pages to copy")
    n, size = 0, 0
    while total < args.pages:
        n += 1
        for p in pages:
            if total >= args.pages:
                break
            with open(p, encoding="utf-8") as fh:
                # Team members are titled by `name:` and summed up by `bio:`.
                text = numbered(fh.read(), n, ("title", "name"))
                text = numbered(text, n, ("summary", "bio"))
            copy = p[: -len(".md")] + "-copy%05d.md" % n
            with open(copy, "w", encoding="utf-8") as fh:
                fh.write(text)
            size += len(text.encode("utf-8"))
            total += 1
    print(
        "example corpus: %d pages (%d copies of %d pages), %.1f MB of copied markdown"
        % (total, n, len(pages), size / 1e6),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
