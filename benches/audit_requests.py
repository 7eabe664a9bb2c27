#!/usr/bin/env python3
"""Requests per audit as unrelated topics grow (20, 200, 2,000 per Region), with and without `--quotas`.

For each size: a standalone `imdeck sandbox --scenario scale:regions=3,topics=N+1,…` (one Incident Manager topic
per Region plus N unrelated ones) with a request log, then `imdeck audit --format json` against it. Prints the
requests per operation from the sandbox's log, the throttled answers, the audit's wall time and its unknown count.
Usage: python3 benches/audit_requests.py [--imdeck PATH] [--runs N]
"""
import argparse
import collections
import json
import os
import socket
import subprocess
import tempfile
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"port {port} never opened")


def one_audit(imdeck, unrelated, quotas):
    with tempfile.TemporaryDirectory() as work:
        log = os.path.join(work, "requests.jsonl")
        port = free_port()
        scenario = f"scale:regions=3,topics={unrelated + 1},plans=3,incidents=1,events=1"
        cmd = [imdeck, "sandbox", "--listen", f"127.0.0.1:{port}", "--scenario", scenario, "--request-log", log]
        if quotas:
            cmd.append("--quotas")
        sandbox = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_port(port)
            started = time.monotonic()
            env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench",
                       AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
            audit = subprocess.run([imdeck, "audit", "--region", "us-east-2", "--endpoint-url",
                                    f"http://127.0.0.1:{port}", "--format", "json"],
                                   capture_output=True, text=True, timeout=300, env=env)
            elapsed = time.monotonic() - started
        finally:
            sandbox.terminate()
            sandbox.wait(timeout=10)
        report = json.loads(audit.stdout)
        ops = collections.Counter()
        throttled = 0
        with open(log) as f:
            for line in f:
                entry = json.loads(line)
                ops[entry["operation"]] += 1
                throttled += entry["status"] in (400, 429) and entry["service"] in ("sns", "ssm-incidents", "chatbot")
        return ops, throttled, elapsed, report["summary"]["unknown"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--imdeck", default=os.environ.get("IMDECK_BIN", "target/release/imdeck"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| unrelated topics per Region | --quotas | requests | GetTopicAttributes | ListTopics | throttled answers | unknown | audit wall time (median) |")
    print("|---|---|---|---|---|---|---|---|")
    for unrelated in (20, 200, 2000):
        for quotas in (False, True):
            results = [one_audit(args.imdeck, unrelated, quotas) for _ in range(args.runs)]
            ops, throttled, _, unknown = results[0]
            times = sorted(r[2] for r in results)
            print(f"| {unrelated:,} | {'yes' if quotas else 'no'} | {sum(ops.values())} | {ops['GetTopicAttributes']} "
                  f"| {ops['ListTopics']} | {max(r[1] for r in results)} | {max(r[3] for r in results)} "
                  f"| {times[len(times) // 2] * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
