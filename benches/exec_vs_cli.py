"""Whole-process time of `imdeck exec` against the AWS CLI for the same commands on the same standalone sandbox.

Usage:
  python3 benches/exec_vs_cli.py [--runs N] [--imdeck PATH] [--aws PATH] [--latency-ms MS]
Defaults: 20 runs; imdeck from $IMDECK_BIN, else target/release/imdeck (under $CARGO_TARGET_DIR when set);
the AWS CLI from $AWS_BIN, else target/peers/awscli/bin/aws (installed by tests/peers/install.sh).
Each command runs once untimed first (page cache, Python bytecode), then N timed runs alternating the two
tools. Every run must exit 0 and both tools must print the same bytes, or the benchmark stops.
"""
import argparse
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACCT = "111122223333"
PLAN = f"arn:aws:ssm-incidents::{ACCT}:response-plan/test-response-plan-chat"
INCIDENT = f"arn:aws:ssm-incidents::{ACCT}:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
COMMANDS = [
    "list-response-plans",
    f"get-response-plan --arn {PLAN}",
    "list-incident-records",
    f"get-incident-record --arn {INCIDENT}",
    f"list-timeline-events --incident-record-arn {INCIDENT} --sort-by EVENT_TIME --sort-order DESCENDING",
]


def default_imdeck():
    if os.environ.get("IMDECK_BIN"):
        return os.environ["IMDECK_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release/imdeck")


def default_aws():
    return os.environ.get("AWS_BIN") or os.path.join(ROOT, "target/peers/awscli/bin/aws")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"the sandbox never listened on {port}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--imdeck", default=default_imdeck())
    parser.add_argument("--aws", default=default_aws())
    parser.add_argument("--latency-ms", type=int, default=0)
    args = parser.parse_args()
    for path in (args.imdeck, args.aws):
        if not os.access(path, os.X_OK):
            sys.exit(f"not executable: {path}")

    state = tempfile.mkdtemp(prefix="imdeck-bench-")
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_DEFAULT_REGION="us-east-2", AWS_REGION="us-east-2", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="", AWS_MAX_ATTEMPTS="1",
               XDG_STATE_HOME=state, NO_COLOR="1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sandbox = subprocess.Popen([args.imdeck, "sandbox", "--listen", f"127.0.0.1:{port}",
                                "--latency-ms", str(args.latency_ms)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    def im_cmd(line):
        return [args.imdeck, "--endpoint-url", url, "exec", "--", f"@aws ssm-incidents {line}"]

    def cli_cmd(line):
        return [args.aws, "--endpoint-url", url, "--output", "json", "ssm-incidents", *shlex.split(line)]

    def once(cmd):
        start = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        elapsed = (time.perf_counter() - start) * 1000
        if out.returncode != 0:
            sys.exit(f"{cmd[0]} exited {out.returncode}: {out.stderr[:500]}")
        return elapsed, out.stdout

    try:
        wait_port(port)
        print(f"imdeck: {args.imdeck}\naws: {subprocess.run([args.aws, '--version'], capture_output=True, text=True, env=env).stdout.strip() or '?'}")
        print(f"sandbox latency {args.latency_ms} ms, {args.runs} timed runs per tool and command (after one untimed)\n")
        print("| command | imdeck exec median (min–max) ms | AWS CLI median (min–max) ms | AWS CLI / imdeck |")
        print("|---|---|---|---|")
        all_im, all_cli = [], []
        for line in COMMANDS:
            _, a = once(im_cmd(line))
            _, b = once(cli_cmd(line))
            if a != b:
                sys.exit(f"imdeck and the AWS CLI disagree on: {line}")
            im, cli = [], []
            for _ in range(args.runs):
                im.append(once(im_cmd(line))[0])
                cli.append(once(cli_cmd(line))[0])
            all_im += im
            all_cli += cli
            mi, mc = statistics.median(im), statistics.median(cli)
            print(f"| `{line.split()[0]}` | {mi:.1f} ({min(im):.1f}–{max(im):.1f}) | "
                  f"{mc:.1f} ({min(cli):.1f}–{max(cli):.1f}) | {mc / mi:.1f}× |")
        mi, mc = statistics.median(all_im), statistics.median(all_cli)
        print(f"| all {len(COMMANDS)} commands | {mi:.1f} | {mc:.1f} | {mc / mi:.1f}× |")
    finally:
        sandbox.terminate()
        sandbox.wait()


main()
