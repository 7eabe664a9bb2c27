"""The audit's printed fix commands, run as printed (through bash, as a user pastes them) by the real AWS CLI
against a fresh demo sandbox: each must succeed, and the checks they fix must pass afterwards."""
import json
import os
import subprocess
import sys

ENDPOINT = os.environ["SANDBOX_URL"]
AWS = os.environ["AWS_BIN"]
IMDECK = os.environ["IMDECK_BIN"]
CHATBOT_REGIONS = {"us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"}
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDPEERTEST", AWS_SECRET_ACCESS_KEY="peer-secret",
           AWS_PAGER="", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
           AWS_MAX_ATTEMPTS="1", AWS_ENDPOINT_URL=ENDPOINT,
           PATH=os.path.dirname(os.path.abspath(AWS)) + os.pathsep + os.environ.get("PATH", ""))
ENV.pop("AWS_REGION", None)
ENV.pop("AWS_DEFAULT_REGION", None)

failed = []


def check(name, cond, info=""):
    if not cond:
        failed.append(f"{name}: {info}")
        print(f"FAIL {name}: {info}", file=sys.stderr)


def audit():
    p = subprocess.run([IMDECK, "--endpoint-url", ENDPOINT, "--region", "us-east-2", "audit", "--format", "json"],
                       capture_output=True, text=True, env=ENV, timeout=120)
    return json.loads(p.stdout)


def key(c):
    return (c["id"], c.get("region"), c.get("resource"))


before = audit()
fixed = []
for c in before["checks"]:
    if c["status"] != "fail" or "fix" not in c:
        continue
    for line in c["fix"].splitlines():
        # No AWS_REGION or default Region is set: a command runs only if it names its own --region.
        p = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=ENV, timeout=120)
        check(f"{c['id']} {c.get('region')} runs", p.returncode == 0, f"{line[:160]}… exit {p.returncode}: {p.stderr}")
    fixed.append(key(c))
check("some fixes ran", len(fixed) >= 3, fixed)

after = {key(c): c["status"] for c in audit()["checks"]}
for k in fixed:
    # region-has-topic's commands create the topic; it counts once a channel names it (its manual step says so).
    if k[0] == "region-has-topic":
        code = subprocess.run(["bash", "-c", f"aws sns get-topic-attributes --region {k[1]} --topic-arn "
                               f"arn:aws:sns:{k[1]}:{before['account']}:im-chat-{k[1]}"],
                              capture_output=True, env=ENV).returncode
        check(f"{k} created its topic", code == 0, code)
        continue
    check(f"{k} passes after its fix", after.get(k) == "pass", after.get(k))

print(f"audit fixes: {len(fixed)} failing checks fixed by their printed commands; {len(failed)} failures")
sys.exit(1 if failed else 0)
