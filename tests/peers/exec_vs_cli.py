"""`imdeck exec` and the AWS CLI run the same chat commands against the same sandbox and must print the same bytes."""
import json
import os
import shlex
import subprocess
import tempfile
import sys

ENDPOINT = os.environ["SANDBOX_URL"]
AWS = os.environ["AWS_BIN"]
IMDECK = os.environ["IMDECK_BIN"]
ACCT = "111122223333"
PLAN = f"arn:aws:ssm-incidents::{ACCT}:response-plan/test-response-plan-chat"
INCIDENT = f"arn:aws:ssm-incidents::{ACCT}:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDPEERTEST", AWS_SECRET_ACCESS_KEY="peer-secret",
           AWS_DEFAULT_REGION="us-east-2", AWS_REGION="us-east-2", AWS_PAGER="", AWS_CONFIG_FILE="/dev/null",
           AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_MAX_ATTEMPTS="1")
ENV.pop("AWS_PROFILE", None)
# Both tools read the same profile, with cli_timestamp_format set as CLI v1 spells it (v1 prints epoch
# seconds by default, imdeck ISO 8601 as v2 does, so the setting is what makes the two comparable).
CONFIG_DIR = tempfile.mkdtemp()

# Read-only commands, so both tools see the same state.
COMMANDS = [
    "list-response-plans",
    f"get-response-plan --arn {PLAN}",
    "list-incident-records",
    "list-incident-records --filters 'key=status,condition={equals={stringValues=[OPEN]}}'",
    f"get-incident-record --arn {INCIDENT}",
    f"list-timeline-events --incident-record-arn {INCIDENT} --sort-by EVENT_TIME --sort-order DESCENDING",
    f"list-related-items --incident-record-arn {INCIDENT}",
    f"list-timeline-events --incident-record-arn {INCIDENT} --query 'eventSummaries[].eventType'",
]
ERRORS = [
    f"get-incident-record --arn {INCIDENT[:-7]}0000000",
    f"get-response-plan --arn arn:aws:ssm-incidents::{ACCT}:response-plan/no-such-plan",
]

passed = 0
failed = []


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)


def cli(line):
    return run([AWS, "--endpoint-url", ENDPOINT, "--output", "json", "ssm-incidents", *shlex.split(line)])


def imdeck(line):
    return run([IMDECK, "--endpoint-url", ENDPOINT, "exec", "--", f"@aws ssm-incidents {line}"])


def first_event_id():
    out = json.loads(cli(f"list-timeline-events --incident-record-arn {INCIDENT}").stdout)
    return out["eventSummaries"][0]["eventId"]


COMMANDS.append(f"get-timeline-event --incident-record-arn {INCIDENT} --event-id {first_event_id()}")

for timestamp_format in ["iso8601", "none"]:
    config = os.path.join(CONFIG_DIR, f"config-{timestamp_format}")
    with open(config, "w") as f:
        f.write(f"[default]\ncli_timestamp_format = {timestamp_format}\n")
    ENV["AWS_CONFIG_FILE"] = config
    for line in COMMANDS:
        a, b = cli(line), imdeck(line)
        # The bytes printed, not the JSON they parse to: indentation, member order and number forms count.
        same = a.returncode == b.returncode == 0 and a.stdout == b.stdout
        if same:
            passed += 1
        else:
            failed.append(f"{line} (cli_timestamp_format = {timestamp_format})")
            print(f"FAIL {line}\n aws({a.returncode}): {a.stdout[:800]}{a.stderr[:300]}\n"
                  f" imdeck({b.returncode}): {b.stdout[:800]}{b.stderr[:300]}", file=sys.stderr)

    for line in ERRORS:
        a, b = cli(line), imdeck(line)
        same = a.returncode != 0 and b.returncode == 1 and a.stderr.strip() == b.stderr.strip()
        if same:
            passed += 1
        else:
            failed.append(f"{line} (cli_timestamp_format = {timestamp_format})")
            print(f"FAIL {line}\n aws({a.returncode}): {a.stderr}\n imdeck({b.returncode}): {b.stderr}", file=sys.stderr)

print(f"exec-vs-cli peer: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
