"""The AWS CLI (a peer nobody here wrote) calls every sandbox operation, good and bad, and must parse every answer."""
import json
import os
import subprocess
import sys

ENDPOINT = os.environ["SANDBOX_URL"]
AWS = os.environ["AWS_BIN"]
ACCT = "111122223333"
PLAN = f"arn:aws:ssm-incidents::{ACCT}:response-plan/test-response-plan-chat"
INCIDENT = f"arn:aws:ssm-incidents::{ACCT}:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDPEERTEST", AWS_SECRET_ACCESS_KEY="peer-secret",
           AWS_DEFAULT_REGION="us-east-2", AWS_PAGER="", AWS_CONFIG_FILE="/dev/null",
           AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_MAX_ATTEMPTS="1")

passed = 0
failed = []


def aws(*args, region="us-east-2"):
    cmd = [AWS, "--endpoint-url", ENDPOINT, "--region", region, "--output", "json", *args]
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)
    out = json.loads(p.stdout) if p.stdout.strip() else None
    return p.returncode, out, p.stderr.strip()


def check(name, cond, info=""):
    global passed
    if cond:
        passed += 1
    else:
        failed.append(f"{name}: {info}")
        print(f"FAIL {name}: {info}", file=sys.stderr)


def ok(name, *args, region="us-east-2"):
    code, out, err = aws(*args, region=region)
    check(name, code == 0, err)
    return out


def fails(name, code_name, *args, region="us-east-2"):
    code, _, err = aws(*args, region=region)
    check(name, code != 0 and f"An error occurred ({code_name})" in err, f"exit {code}: {err}")


def incidents():
    out = ok("list-response-plans", "ssm-incidents", "list-response-plans")
    names = [p["name"] for p in (out or {}).get("responsePlanSummaries", [])]
    check("demo plans listed", "test-response-plan-chat" in names and "MyResponsePlanChat" in names, names)
    plan = ok("get-response-plan", "ssm-incidents", "get-response-plan", "--arn", PLAN)
    check("plan chat channel", "chatbotSns" in (plan or {}).get("chatChannel", {}), plan)
    sets = ok("list-replication-sets", "ssm-incidents", "list-replication-sets")
    arn = (sets or {}).get("replicationSetArns", [""])[0]
    rs = ok("get-replication-set", "ssm-incidents", "get-replication-set", "--arn", arn)
    regions = sorted((rs or {}).get("replicationSet", {}).get("regionMap", {}).keys())
    check("replication regions", regions == ["eu-west-1", "us-east-2", "us-west-2"], regions)
    recs = ok("list-incident-records", "ssm-incidents", "list-incident-records")
    check("demo incident listed", INCIDENT in [r["arn"] for r in (recs or {}).get("incidentRecordSummaries", [])])
    ok("list-incident-records filter", "ssm-incidents", "list-incident-records", "--filters",
       "key=status,condition={equals={stringValues=[OPEN]}}")
    ok("list-incident-records paged", "ssm-incidents", "list-incident-records", "--page-size", "1")
    ok("get-incident-record", "ssm-incidents", "get-incident-record", "--arn", INCIDENT)
    started = ok("start-incident", "ssm-incidents", "start-incident", "--response-plan-arn", PLAN,
                 "--title", "peer drill", "--impact", "3")
    new = (started or {}).get("incidentRecordArn", "")
    check("start-incident arn", new.startswith(f"arn:aws:ssm-incidents::{ACCT}:incident-record/"), new)
    ev = ok("create-timeline-event", "ssm-incidents", "create-timeline-event", "--incident-record-arn", new,
            "--event-time", "2023-03-31T20:30:00.000", "--event-type", "Custom Event",
            "--event-data", '"example timeline event"')
    eid = (ev or {}).get("eventId", "")
    got = ok("get-timeline-event", "ssm-incidents", "get-timeline-event", "--incident-record-arn", new, "--event-id", eid)
    check("event time round-trips", (got or {}).get("event", {}).get("eventTime") == 1680294600, got)
    ok("update-timeline-event", "ssm-incidents", "update-timeline-event", "--incident-record-arn", new,
       "--event-id", eid, "--event-data", '"edited"')
    events = ok("list-timeline-events", "ssm-incidents", "list-timeline-events", "--incident-record-arn", new,
                "--sort-by", "EVENT_TIME", "--sort-order", "ASCENDING")
    check("events listed", eid in [e["eventId"] for e in (events or {}).get("eventSummaries", [])], events)
    ok("delete-timeline-event", "ssm-incidents", "delete-timeline-event", "--incident-record-arn", new, "--event-id", eid)
    fails("deleted event is gone", "ResourceNotFoundException", "ssm-incidents", "get-timeline-event",
          "--incident-record-arn", new, "--event-id", eid)
    ok("update-related-items add", "ssm-incidents", "update-related-items", "--incident-record-arn", new,
       "--related-items-update", "itemToAdd={identifier={type=OTHER,value={url=https://example.com/runbook}},title=Runbook}")
    items = ok("list-related-items", "ssm-incidents", "list-related-items", "--incident-record-arn", new)
    check("related item listed", len((items or {}).get("relatedItems", [])) == 1, items)
    ok("update-related-items remove", "ssm-incidents", "update-related-items", "--incident-record-arn", new,
       "--related-items-update", "itemToRemove={type=OTHER,value={url=https://example.com/runbook}}")
    ok("update-incident-record impact", "ssm-incidents", "update-incident-record", "--arn", new, "--impact", "2")
    ok("update-incident-record resolve", "ssm-incidents", "update-incident-record", "--arn", new, "--status", "RESOLVED")
    rec = ok("get resolved", "ssm-incidents", "get-incident-record", "--arn", new)
    check("resolved", (rec or {}).get("incidentRecord", {}).get("status") == "RESOLVED", rec)
    ok("update-response-plan", "ssm-incidents", "update-response-plan", "--arn", PLAN, "--display-name", "Peer plan")
    fails("impact 7", "ValidationException", "ssm-incidents", "update-incident-record", "--arn", new, "--impact", "7")
    fails("status open lowercase", "ValidationException", "ssm-incidents", "update-incident-record", "--arn", new,
          "--status", "open")
    fails("unknown incident", "ResourceNotFoundException", "ssm-incidents", "get-incident-record", "--arn",
          f"arn:aws:ssm-incidents::{ACCT}:incident-record/MyResponsePlanChat/00000000-0000-0000-0000-000000000000")
    fails("unknown plan", "ResourceNotFoundException", "ssm-incidents", "start-incident", "--response-plan-arn",
          f"arn:aws:ssm-incidents::{ACCT}:response-plan/nope")
    fails("bad arn", "ValidationException", "ssm-incidents", "get-incident-record", "--arn", "not-an-arn")
    fails("too many chat topics", "ValidationException", "ssm-incidents", "update-response-plan", "--arn", PLAN,
          "--chat-channel", "chatbotSns=" + ",".join(f"arn:aws:sns:us-east-2:{ACCT}:t{i}" for i in range(6)))


def regions():
    """Incident Manager answers only in the replication set's Regions (reference/aws-api.md, "Incident Manager
    outside the replication set"). The CLI exits 255 (v1) or 254 (v2) on a service error."""
    for region in ["us-east-1", "ap-southeast-2"]:
        sets = ok(f"list-replication-sets from {region}", "ssm-incidents", "list-replication-sets", region=region)
        arn = ((sets or {}).get("replicationSetArns") or [""])[0]
        check(f"the set is listed from {region}", arn.startswith(f"arn:aws:ssm-incidents::{ACCT}:replication-set/"), sets)
        code, _, err = aws("ssm-incidents", "get-replication-set", "--arn", arn, region=region)
        check(f"get-replication-set outside the set ({region})",
              code in (254, 255) and "An error occurred (ResourceNotFoundException)" in err, f"exit {code}: {err}")
        check(f"no invented explanation ({region})", "replication set covers" not in err, err)
    fails("get-incident-record outside the set", "ResourceNotFoundException", "ssm-incidents", "get-incident-record",
          "--arn", INCIDENT, region="us-east-1")
    plans = ok("list-response-plans outside the set", "ssm-incidents", "list-response-plans", region="us-east-1")
    check("outside the set the lists are empty", (plans or {}).get("responsePlanSummaries") == [], plans)
    inside = ok("get-replication-set inside the set", "ssm-incidents", "get-replication-set", "--arn",
                ((ok("list-replication-sets", "ssm-incidents", "list-replication-sets") or {})
                 .get("replicationSetArns") or [""])[0], region="us-west-2")
    check("the set answers in its Regions", "regionMap" in (inside or {}).get("replicationSet", {}), inside)
    # No ssm-incidents endpoint in eu-south-1: no HTTP answer at all, so no service error either.
    code, _, err = aws("ssm-incidents", "list-replication-sets", region="eu-south-1")
    check("no endpoint in eu-south-1", code != 0 and "An error occurred (" not in err, f"exit {code}: {err}")


def sns():
    for region in ["us-east-2", "us-west-2", "eu-west-1"]:
        out = ok(f"list-topics {region}", "sns", "list-topics", region=region)
        arns = [t["TopicArn"] for t in (out or {}).get("Topics", [])]
        check(f"topics in {region} are Regional", arns and all(f":{region}:" in a for a in arns), arns)
    attrs = ok("get-topic-attributes", "sns", "get-topic-attributes", "--topic-arn",
               f"arn:aws:sns:us-east-2:{ACCT}:My_SNS_topic")
    policy = json.loads((attrs or {}).get("Attributes", {}).get("Policy", "{}"))
    sids = [s.get("Sid") for s in policy.get("Statement", [])]
    check("demo IM statement", "IncidentManagerSNSPublishingPermissions" in sids, sids)
    created = ok("create-topic", "sns", "create-topic", "--name", "peer-topic", region="eu-west-1")
    arn = (created or {}).get("TopicArn", "")
    check("create-topic arn", arn == f"arn:aws:sns:eu-west-1:{ACCT}:peer-topic", arn)
    again = ok("create-topic idempotent", "sns", "create-topic", "--name", "peer-topic", region="eu-west-1")
    check("same arn", (again or {}).get("TopicArn") == arn, again)
    ok("set-topic-attributes", "sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "DisplayName",
       "--attribute-value", "peer", region="eu-west-1")
    fails("bad policy", "InvalidParameter", "sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name",
          "Policy", "--attribute-value", "{not json", region="eu-west-1")
    ok("delete-topic", "sns", "delete-topic", "--topic-arn", arn, region="eu-west-1")
    fails("unknown topic", "NotFound", "sns", "get-topic-attributes", "--topic-arn", arn, region="eu-west-1")
    fails("bad topic name", "InvalidParameter", "sns", "create-topic", "--name", "bad name!")
    # Another account's topics: readable where the owner's policy allows, AuthorizationError where not.
    shared = ok("foreign readable", "sns", "get-topic-attributes", "--topic-arn",
                "arn:aws:sns:us-east-2:444455556666:org-shared-im")
    check("foreign owner", (shared or {}).get("Attributes", {}).get("Owner") == "444455556666", shared)
    fails("foreign locked", "AuthorizationError", "sns", "get-topic-attributes", "--topic-arn",
          "arn:aws:sns:us-west-2:444455556666:org-locked-im", region="us-west-2")
    out = ok("list-topics hides foreign", "sns", "list-topics")
    arns = [t["TopicArn"] for t in (out or {}).get("Topics", [])]
    check("only own topics listed", arns and all(f":{ACCT}:" in a for a in arns), arns)


def subscriptions():
    topic = f"arn:aws:sns:us-east-2:{ACCT}:My_SNS_topic"
    out = ok("list-subscriptions-by-topic", "sns", "list-subscriptions-by-topic", "--topic-arn", topic)
    subs = (out or {}).get("Subscriptions", [])
    check("chatbot subscription listed", any(
        s.get("Protocol") == "https" and s.get("Endpoint") == "https://global.sns-api.chatbot.amazonaws.com"
        and s.get("SubscriptionArn", "").startswith(topic + ":") for s in subs), subs)
    empty = ok("list-subscriptions-by-topic none", "sns", "list-subscriptions-by-topic", "--topic-arn",
               f"arn:aws:sns:us-east-2:{ACCT}:im-chime-exec")
    check("no subscription on exec topic", (empty or {}).get("Subscriptions") == [], empty)
    fails("list-subscriptions other Region", "NotFound", "sns", "list-subscriptions-by-topic", "--topic-arn",
          topic, region="us-west-2")
    message = json.dumps({"version": "1.0", "source": "custom",
                          "content": {"title": "peer probe", "description": "sent by the AWS CLI peer suite"}})
    published = ok("publish", "sns", "publish", "--topic-arn", topic, "--message", message)
    check("publish message id", bool((published or {}).get("MessageId")), published)
    ok("publish with subject", "sns", "publish", "--topic-arn", topic, "--message", "plain", "--subject", "hello")
    fails("publish empty", "InvalidParameter", "sns", "publish", "--topic-arn", topic, "--message", "")
    fails("publish foreign locked", "AuthorizationError", "sns", "publish", "--topic-arn",
          "arn:aws:sns:us-west-2:444455556666:org-locked-im", "--message", "x", region="us-west-2")
    sub = ok("subscribe", "sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs",
             "--notification-endpoint", f"arn:aws:sqs:us-east-2:{ACCT}:peer-queue")
    arn = (sub or {}).get("SubscriptionArn", "")
    check("subscribe arn", arn.startswith(topic + ":"), sub)
    ok("unsubscribe", "sns", "unsubscribe", "--subscription-arn", arn)
    fails("subscribe bad protocol", "InvalidParameter", "sns", "subscribe", "--topic-arn", topic, "--protocol",
          "pigeon", "--notification-endpoint", "x")


def chatbot():
    slack = ok("describe-slack", "chatbot", "describe-slack-channel-configurations")
    configs = (slack or {}).get("SlackChannelConfigurations", [])
    check("slack config", len(configs) >= 1, slack)
    teams = ok("list-teams", "chatbot", "list-microsoft-teams-channel-configurations")
    tconfigs = (teams or {}).get("TeamChannelConfigurations", [])
    check("teams config", len(tconfigs) >= 1, teams)
    chime = ok("describe-chime", "chatbot", "describe-chime-webhook-configurations")
    cconfigs = (chime or {}).get("WebhookConfigurations", [])
    check("chime config", len(cconfigs) >= 1, chime)
    if not (configs and tconfigs and cconfigs):
        return
    t = tconfigs[0]
    ok("get-teams", "chatbot", "get-microsoft-teams-channel-configuration", "--chat-configuration-arn",
       t["ChatConfigurationArn"])
    s = configs[0]
    topics = s["SnsTopicArns"] + [f"arn:aws:sns:eu-west-1:{ACCT}:im-chat-euw1"]
    up = ok("update-slack", "chatbot", "update-slack-channel-configuration", "--chat-configuration-arn",
            s["ChatConfigurationArn"], "--slack-channel-id", s["SlackChannelId"], "--sns-topic-arns", *topics)
    check("slack topics updated",
          sorted((up or {}).get("ChannelConfiguration", {}).get("SnsTopicArns", [])) == sorted(topics), up)
    ok("update-teams", "chatbot", "update-microsoft-teams-channel-configuration", "--chat-configuration-arn",
       t["ChatConfigurationArn"], "--channel-id", t["ChannelId"], "--guardrail-policy-arns",
       "arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess")
    c = cconfigs[0]
    ok("update-chime", "chatbot", "update-chime-webhook-configuration", "--chat-configuration-arn",
       c["ChatConfigurationArn"], "--webhook-description", "peer")
    fails("unknown teams config", "ResourceNotFoundException", "chatbot", "get-microsoft-teams-channel-configuration",
          "--chat-configuration-arn", f"arn:aws:chatbot::{ACCT}:chat-configuration/microsoft-teams-channel/nope")
    fails("bad page size", "InvalidParameterException", "chatbot", "describe-slack-channel-configurations",
          "--page-size", "1000")


def quotas():
    """A second sandbox with --quotas: while a drainer empties each bucket, the CLI must report the service's own
    throttling error (AWS_MAX_ATTEMPTS=1, so the first answer is what it prints)."""
    import socket
    import threading
    import time
    import urllib.request

    binary = os.environ.get("IMDECK_BIN")
    if not binary:
        check("quotas: IMDECK_BIN set", False, "IMDECK_BIN is needed to start a --quotas sandbox")
        return
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = subprocess.Popen([binary, "sandbox", "--listen", f"127.0.0.1:{port}", "--quotas"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def drain(path, body, service, ctype, stop):
            auth = (f"AWS4-HMAC-SHA256 Credential=AKIDPEERTEST/20240314/us-east-2/{service}/aws4_request, "
                    "SignedHeaders=host, Signature=0")
            while not stop.is_set():
                req = urllib.request.Request(url + path, data=body.encode(), method="POST",
                                             headers={"Authorization": auth, "Content-Type": ctype})
                try:
                    urllib.request.urlopen(req, timeout=2).read()
                except Exception:
                    pass

        def throttled(name, code_name, path, body, service, ctype, *args):
            stop = threading.Event()
            workers = [threading.Thread(target=drain, args=(path, body, service, ctype, stop)) for _ in range(8)]
            for w in workers:
                w.start()
            try:
                time.sleep(0.3)
                cmd = [AWS, "--endpoint-url", url, "--region", "us-east-2", "--output", "json", *args]
                # On a loaded machine the drainers may leave a token free at the moment the CLI asks: an admitted
                # call is tried again (up to five times); any other error fails at once.
                for _ in range(5):
                    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)
                    if p.returncode != 0:
                        break
                check(name, p.returncode != 0 and f"An error occurred ({code_name})" in p.stderr
                      and "Rate exceeded" in p.stderr, f"exit {p.returncode}: {p.stderr.strip()}")
            finally:
                stop.set()
                for w in workers:
                    w.join()

        throttled("quotas: sns throttled", "Throttling", "/", "Action=ListTopics&Version=2010-03-31", "sns",
                  "application/x-www-form-urlencoded", "sns", "list-topics")
        throttled("quotas: ssm-incidents throttled", "ThrottlingException", "/listResponsePlans", "{}",
                  "ssm-incidents", "application/json", "ssm-incidents", "list-response-plans")
        throttled("quotas: chatbot throttled", "ThrottlingException", "/describe-slack-channel-configurations", "{}",
                  "chatbot", "application/json", "chatbot", "describe-slack-channel-configurations")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


incidents()
regions()
sns()
subscriptions()
chatbot()
quotas()
print(f"awscli peer: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
