#!/usr/bin/env python3
"""Latency of web pages: N sequential GETs per page over one keep-alive connection on
loopback, after 5 warm-up requests; prints median, p99 and max per page.

    bench/web_latency.py [--after-a-change] http://127.0.0.1:18090 TOKEN N PATH...

With --after-a-change, each timed GET follows a change (the caller's preferences saved
again, not timed), so nothing the server keeps between requests can be reused.
"""
import http.client
import statistics
import sys
import time
import urllib.parse


def main() -> None:
    args = sys.argv[1:]
    after_a_change = args[0] == "--after-a-change"
    if after_a_change:
        args = args[1:]
    base, token, n, paths = args[0], args[1], int(args[2]), args[3:]
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    print(f"{'page':<42} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} {'bytes':>8}")
    for path in paths:
        times = []
        size = 0
        for i in range(n + 5):
            if after_a_change:
                connection.request(
                    "POST", "/preferences", body="locale=en&calendar=&csrf_token=",
                    headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
                changed = connection.getresponse()
                changed.read()
                if changed.status != 303:
                    sys.exit(f"POST /preferences: {changed.status}")
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                sys.exit(f"GET {path}: {response.status} {body[:300]!r}")
            size = len(body)
            if i >= 5:
                times.append(elapsed)
        times.sort()
        p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
        print(f"{path:<42} {statistics.median(times):>10.1f} {p99:>8.1f} {times[-1]:>8.1f} {size:>8}")


if __name__ == "__main__":
    main()
