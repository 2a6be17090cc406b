#!/usr/bin/env python3
"""Measure edit-to-reload time of a running `signpost serve`.

    reload_client.py --url http://127.0.0.1:PORT/ --page content/x/y.md [--times 10]

Connects to /__signpost/events, then repeatedly appends a line to the page's
markdown file and waits for the next `event: reload`. Prints one line per
edit (`edit N: X.X ms`) and a final `median: X.X ms`. Standard library only.
"""

import argparse
import socket
import statistics
import sys
import time
import urllib.parse


def open_events(url, timeout):
    u = urllib.parse.urlsplit(url)
    sock = socket.create_connection((u.hostname, u.port or 80), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(("GET /__signpost/events HTTP/1.1\r\nHost: %s\r\n"
                  "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n" % u.netloc).encode())
    f = sock.makefile("rb")
    status = f.readline().decode("latin-1").strip()
    if " 200" not in status:
        sys.exit("events stream answered: %r" % status)
    while f.readline() not in (b"\r\n", b"\n", b""):
        pass  # headers
    return sock, f


def next_event(f):
    """Reads lines until a complete event; returns its name (or None at EOF)."""
    name = None
    while True:
        line = f.readline()
        if not line:
            return None
        line = line.decode("utf-8").rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line == "" and name is not None:
            return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--page", required=True, help="markdown file to append to")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one reload")
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    args = ap.parse_args()

    sock, f = open_events(args.url, args.timeout)
    if next_event(f) != "hello":
        sys.exit("expected a hello event first")
    results = []
    for i in range(1, args.times + 1):
        time.sleep(args.pause)
        t0 = time.perf_counter()
        with open(args.page, "a", encoding="utf-8") as page:
            page.write("\nEdit %d for the reload benchmark.\n" % i)
        try:
            while True:
                ev = next_event(f)
                if ev is None:
                    sys.exit("the events stream closed")
                if ev == "reload":
                    break
        except socket.timeout:
            sys.exit("no reload event within %.0f s of edit %d" % (args.timeout, i))
        ms = (time.perf_counter() - t0) * 1000
        results.append(ms)
        print("edit %d: %.1f ms" % (i, ms), flush=True)
    sock.close()
    print("median: %.1f ms" % statistics.median(results))


if __name__ == "__main__":
    main()
