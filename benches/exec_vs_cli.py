"""Whole-process time of `imdeck exec` against the AWS CLI v1 for the same commands on the same sandbox.

Usage: python3 benches/exec_vs_cli.py [runs]   (after `cargo build --release` and `bash tests/peers/install.sh`)
"""
import os
import socket
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMDECK = os.path.join(ROOT, "target/release/imdeck")
AWS = os.path.join(ROOT, "target/peers/awscli/bin/aws")
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
           AWS_DEFAULT_REGION="us-east-2", AWS_REGION="us-east-2", AWS_CONFIG_FILE="/dev/null",
           AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="")
INCIDENT = ("arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/"
            "98c397e6-7c10-aa10-9b86-f199aEXAMPLE")
COMMANDS = ["list-incident-records", f"get-incident-record --arn {INCIDENT}",
            f"list-timeline-events --incident-record-arn {INCIDENT}"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def timed(cmd):
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, env=ENV, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sandbox = subprocess.Popen([IMDECK, "sandbox", "--listen", f"127.0.0.1:{port}"], stdout=subprocess.PIPE)
    try:
        sandbox.stdout.readline()
        print(f"| command | imdeck exec median (min) ms | aws CLI median (min) ms | ratio |")
        print("|---|---|---|---|")
        for line in COMMANDS:
            im = timed([IMDECK, "--endpoint-url", url, "exec", "--", f"@aws ssm-incidents {line}"])
            cli = timed([AWS, "--endpoint-url", url, "ssm-incidents", *line.split()])
            print(f"| {line.split()[0]} | {im[0]:.1f} ({im[1]:.1f}) | {cli[0]:.1f} ({cli[1]:.1f}) | {cli[0] / im[0]:.1f}× |")
    finally:
        sandbox.terminate()
        sandbox.wait()


main()
