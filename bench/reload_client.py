#!/usr/bin/env python3
"""Measure edit-to-reload time of a running `signpost serve`.

    reload_client.py --url http://127.0.0.1:PORT/ --page content/x/y.md
                     [--times 10] [--edits text,title,add,rename,delete]

Connects to /__signpost/events, then makes each kind of edit --times times
and waits for the next `event: reload` after each:

- text: appends a line to the page's markdown;
- title: changes the page's `title:` (then checks, untimed, that its
  section's listing shows the new title);
- add: writes a copy of the page beside it, under a new title (then
  checks its address answers);
- rename: renames that new page (then checks the new address answers and
  the old one is gone);
- delete: deletes the renamed page (then checks its address is gone).

add, rename and delete run in turn as one cycle, --times cycles. Prints one
line per edit (`title 3: X.X ms`) and a median per kind (`median text:
X.X ms`). The page file is put back as it was at the end. Standard library
only.
"""

import argparse
import os
import queue
import re
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

KINDS = ("text", "title", "add", "rename", "delete")


def open_events(url, timeout):
    u = urllib.parse.urlsplit(url)
    sock = socket.create_connection((u.hostname, u.port or 80), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(("GET /__signpost/events HTTP/1.1\r\nHost: %s\r\n"
                  "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n" % u.netloc).encode())
    sock.settimeout(None)  # the reader thread waits as long as it must
    f = sock.makefile("rb")
    status = f.readline().decode("latin-1").strip()
    if " 200" not in status:
        sys.exit("events stream answered: %r" % status)
    while f.readline() not in (b"\r\n", b"\n", b""):
        pass  # headers
    return sock, f


def read_events(f, events):
    """Puts (time, event name) on the queue for each event; None at the end."""
    name = None
    while True:
        line = f.readline()
        if not line:
            events.put((time.perf_counter(), None))
            return
        line = line.decode("utf-8").rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line == "" and name is not None:
            events.put((time.perf_counter(), name))
            name = None


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


class Bench:
    def __init__(self, args):
        self.args = args
        self.sock, f = open_events(args.url, args.timeout)
        self.events = queue.Queue()
        threading.Thread(target=read_events, args=(f, self.events), daemon=True).start()
        if self.wait_for("hello") is None:
            sys.exit("expected a hello event first")
        self.results = {k: [] for k in KINDS}

    def wait_for(self, wanted, since=0.0):
        """The time of the first `wanted` event at or after `since`."""
        deadline = time.perf_counter() + self.args.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            try:
                at, name = self.events.get(timeout=left)
            except queue.Empty:
                return None
            if name is None:
                sys.exit("the events stream closed")
            if name == wanted and at >= since:
                return at

    def drain(self):
        """Lets any late events of the last edit arrive, then forgets them."""
        time.sleep(self.args.pause)
        while True:
            try:
                self.events.get_nowait()
            except queue.Empty:
                return

    def timed(self, kind, n, edit):
        self.drain()
        t0 = time.perf_counter()
        edit()
        at = self.wait_for("reload", t0)
        if at is None:
            sys.exit("no reload event within %.0f s of %s edit %d" % (self.args.timeout, kind, n))
        ms = (at - t0) * 1000
        self.results[kind].append(ms)
        print("%s %d: %.1f ms" % (kind, n, ms), flush=True)


def address(base, content_dir, path):
    """The preview address of a page file: `content/a/b.md` is `/a/b/`."""
    rel = os.path.relpath(path, content_dir).replace(os.sep, "/")
    rel = rel[:-3] if rel.endswith(".md") else rel
    return urllib.parse.urljoin(base, urllib.parse.quote(rel) + "/")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--page", required=True, help="a markdown page in a section of content/")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--edits", default="text", help="comma-separated: " + ",".join(KINDS))
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one reload")
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    args = ap.parse_args()
    kinds = [k for k in args.edits.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        sys.exit("unknown edit kind %s: use %s" % (", ".join(unknown), ",".join(KINDS)))

    page = os.path.abspath(args.page)
    section_dir = os.path.dirname(page)
    content_dir = os.path.dirname(section_dir)
    section_url = urllib.parse.urljoin(args.url, urllib.parse.quote(os.path.basename(section_dir)) + "/")
    original = open(page, encoding="utf-8").read()
    if not re.search(r"(?m)^title:", original):
        sys.exit("%s has no title: line" % page)
    bench = Bench(args)
    try:
        if "text" in kinds:
            for i in range(1, args.times + 1):
                def append(i=i):
                    with open(page, "a", encoding="utf-8") as f:
                        f.write("\nEdit %d for the reload benchmark.\n" % i)
                bench.timed("text", i, append)
        if "title" in kinds:
            for i in range(1, args.times + 1):
                title = "Renamed for the reload benchmark %d" % i
                new = re.sub(r"(?m)^title:.*$", 'title: "%s"' % title, original, count=1)
                bench.timed("title", i, lambda new=new: open(page, "w", encoding="utf-8").write(new))
                code, body = status_of(section_url)
                if code != 200 or title not in body:
                    sys.exit("the section listing %s does not show the new title %r" % (section_url, title))
        for i in range(1, args.times + 1):
            added = os.path.join(section_dir, "zz-reload-bench-%d.md" % i)
            renamed = os.path.join(section_dir, "zz-reload-bench-%d-renamed.md" % i)
            if "add" in kinds or "rename" in kinds or "delete" in kinds:
                # A copy of the page under a new title, so it has whatever
                # fields its section's kind asks for.
                text = re.sub(r"(?m)^title:.*$", 'title: "Reload benchmark page %d"' % i, original, count=1)
                make = lambda: open(added, "w", encoding="utf-8").write(text)
                if "add" in kinds:
                    bench.timed("add", i, make)
                    if status_of(address(args.url, content_dir, added))[0] != 200:
                        sys.exit("the added page %s is not served" % added)
                else:
                    make()
                    bench.drain()
            if "rename" in kinds or "delete" in kinds:
                move = lambda: os.rename(added, renamed)
                if "rename" in kinds:
                    bench.timed("rename", i, move)
                    if status_of(address(args.url, content_dir, renamed))[0] != 200 \
                            or status_of(address(args.url, content_dir, added))[0] != 404:
                        sys.exit("after renaming %s the preview does not follow" % added)
                else:
                    move()
                    bench.drain()
            if "delete" in kinds:
                bench.timed("delete", i, lambda: os.remove(renamed))
                if status_of(address(args.url, content_dir, renamed))[0] != 404:
                    sys.exit("the deleted page %s is still served" % renamed)
            elif os.path.exists(renamed):
                os.remove(renamed)
            elif os.path.exists(added):
                os.remove(added)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
    bench.sock.close()
    for kind in kinds:
        if bench.results[kind]:
            print("median %s: %.1f ms" % (kind, statistics.median(bench.results[kind])))


if __name__ == "__main__":
    main()
