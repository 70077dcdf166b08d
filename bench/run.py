#!/usr/bin/env python3
"""The performance benchmark, side by side: see bench/run.sh and bench/README.md."""
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, os.environ.get("RELEASE_DIR", "target/release"))
POSTBACK = os.path.join(RELEASE, "postback")
FLOOR = os.path.join(RELEASE, "examples", "toml_floor")
PYTHON = [sys.executable, os.path.join(ROOT, "bench", "urls.py")]
GNU_TIME = "/usr/bin/time"


def run(argv, stdin_path=None):
    """Wall time (s) of one whole process, from spawn to exit."""
    stdin = open(stdin_path, "rb") if stdin_path else None
    try:
        start = time.perf_counter()
        code = subprocess.call(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    finally:
        if stdin:
            stdin.close()
    if code not in (0, 1):
        sys.exit(f"failed ({code}): {' '.join(argv)}")
    return elapsed


def peak_mib(argv, stdin_path=None):
    """Peak RSS (MiB) of one run, by GNU time: a child of this script would inherit the
    script's own high-water mark."""
    if not os.path.exists(GNU_TIME):
        return float("nan")
    with tempfile.NamedTemporaryFile("r") as report:
        stdin = open(stdin_path, "rb") if stdin_path else None
        try:
            subprocess.call([GNU_TIME, "-f", "%M", "-o", report.name] + argv, stdin=stdin,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            if stdin:
                stdin.close()
        return int(report.read().strip().splitlines()[-1]) / 1024


def measure(argv, runs, stdin_path=None):
    """Median wall time (s) of `runs` runs, and the peak RSS (MiB) of one more."""
    times = [run(argv, stdin_path) for _ in range(runs)]
    return statistics.median(times), peak_mib(argv, stdin_path)


def same_output(a, b, tmp):
    outputs = []
    for index, argv in enumerate((a, b)):
        path = os.path.join(tmp, f"output-{index}")
        with open(path, "wb") as f:
            subprocess.run(argv, stdout=f, check=True)
        outputs.append(path)
    return filecmp.cmp(outputs[0], outputs[1], shallow=False)


def main():
    runs = int(os.environ.get("RUNS", "5"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        paths = {}
        for n in (10_000, 20_000):
            path = os.path.join(tmp, f"network-{n}.toml")
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n)], stdout=f, check=True)
            paths[n] = path
            size = os.path.getsize(path) / 1e6
            urls = [POSTBACK, "-c", path, "urls", "--format", "plain"]
            if not same_output(urls, PYTHON + [path], tmp):
                sys.exit(f"postback and bench/urls.py print different URLs for {n} campaigns")
            ours = measure(urls, runs)
            floor = measure([FLOOR, path], runs)
            python = measure(PYTHON + [path], max(1, runs // 2))
            results[n] = ours[0]
            rows.append((f"urls --format plain, {n} campaigns ({5 * n} URLs, {size:.1f} MB)", ours))
            rows.append((f"toml crate parse only (floor), {n} campaigns", floor))
            rows.append((f"bench/urls.py (tomllib + urllib.parse), {n} campaigns", python))
            rows.append((f"  -> python / postback = {python[0] / ours[0]:.1f}x (>= 10x), "
                         f"postback / floor = {ours[0] / floor[0]:.2f}x (<= 1.0x)", None))
        rows.append((f"  -> growth 10,000 -> 20,000 campaigns = {results[20_000] / results[10_000]:.2f}x (<= 2.2x)", None))

        shipped = os.path.join(ROOT, "campaigns.toml")
        small = measure([POSTBACK, "-c", shipped, "urls", "--level", "all"], runs * 10)
        rows.append(("urls --level all, shipped campaigns.toml (< 3 ms)", small))

        # 100,000 hits fired against the shipped network: its sample URLs, each click id its own.
        samples = subprocess.run([POSTBACK, "-c", shipped, "urls", "--level", "all", "--sample"],
                                 capture_output=True, check=True, text=True).stdout.splitlines()
        hits = os.path.join(tmp, "hits.txt")
        with open(hits, "w") as f:
            for n in range(100_000):
                f.write(samples[n % len(samples)].replace("click_id=test-click", f"click_id=c{n}") + "\n")
        check = measure([POSTBACK, "-c", shipped, "check", "--format", "plain"], runs, stdin_path=hits)
        rows.append(("check --format plain, 100,000 hits on stdin, shipped file", check))

        # The 100,000 sample hits of the 20,000-campaign file, checked against that file.
        big = paths[20_000]
        big_hits = os.path.join(tmp, "big-hits.txt")
        with open(big_hits, "w") as f:
            subprocess.run([POSTBACK, "-c", big, "urls", "--level", "all", "--sample"], stdout=f, check=True)
        big_check = measure([POSTBACK, "-c", big, "check", "--format", "plain"], runs, stdin_path=big_hits)
        rows.append(("check --format plain, 100,000 sample hits, 20,000 campaigns", big_check))
        rows.append((f"  -> check / urls on that file = {big_check[0] / results[20_000]:.2f}x (<= 1.5x)", None))

    print(f"{'what':<72} {'median':>10} {'peak RSS':>10}")
    for label, figures in rows:
        if figures is None:
            print(label)
        else:
            print(f"{label:<72} {figures[0] * 1000:>7.1f} ms {figures[1]:>6.1f} MiB")


if __name__ == "__main__":
    main()
