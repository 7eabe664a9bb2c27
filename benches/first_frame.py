"""Time to first frame of `imdeck --sandbox` at 160×48: until the header is drawn, and until demo data shows.

Usage:
  python3 benches/first_frame.py [--runs N] [--imdeck PATH] [--poll-ms MS]
Defaults: 10 runs; imdeck from $IMDECK_BIN, else target/release/imdeck (under $CARGO_TARGET_DIR when set).
Two ways, each N runs:
- tmux: a private tmux server (its own socket) is started once and kept alive with an idle session, so each
  run times only `tmux new-session` + imdeck's start. The pane is read with `capture-pane` every --poll-ms;
  the figures carry that sampling error plus the time of one capture (a tmux client round trip, printed).
- pty: imdeck runs on a pseudo-terminal of 160×48 that this script reads directly, timing the moment the
  bytes arrive (sub-millisecond resolution; escape sequences are stripped before searching).
FIRST_FRAME_DEBUG=1 keeps exited tmux panes open (remain-on-exit), to read why a run failed.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import struct
import termios
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = "imdeck"
DEMO_DATA = "us-west-2"
TIMEOUT_S = 20


def default_imdeck():
    if os.environ.get("IMDECK_BIN"):
        return os.environ["IMDECK_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release/imdeck")


CSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


def pty_run(argv, env):
    """(ms to the header, ms to the demo data) of one start on a fresh 160×48 pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    header_at = data_at = None
    try:
        while data_at is None:
            if time.perf_counter() - start > TIMEOUT_S:
                sys.exit(f"pty: no demo data after {TIMEOUT_S} s; output so far:\n{CSI.sub(b'', seen)[-2000:]!r}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                sys.exit(f"pty: imdeck exited ({child.wait()}) before drawing the demo data")
            now = (time.perf_counter() - start) * 1000
            seen += chunk
            text = CSI.sub(b"", seen)
            if header_at is None and HEADER.encode() in text:
                header_at = now
            if DEMO_DATA.encode() in text:
                data_at = now
                header_at = header_at or now
        os.write(master, b"q")
        deadline = time.perf_counter() + 5
        while child.poll() is None and time.perf_counter() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if child.poll() is None:
            child.kill()
        child.wait()
    finally:
        os.close(master)
    return header_at, data_at


def table(title, header_ms, data_ms):
    print(f"\n{title}\n")
    print("| milestone | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    for name, samples in ((f"first frame (header \"{HEADER}\" drawn)", header_ms),
                          (f"demo data on screen (\"{DEMO_DATA}\")", data_ms)):
        print(f"| {name} | {statistics.median(samples):.1f} | {min(samples):.1f} | {max(samples):.1f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--imdeck", default=default_imdeck())
    parser.add_argument("--poll-ms", type=float, default=5.0)
    args = parser.parse_args()
    if not os.access(args.imdeck, os.X_OK):
        sys.exit(f"not executable: {args.imdeck}")

    socket_name = f"imdeck-first-frame-{os.getpid()}"
    state = tempfile.mkdtemp(prefix="imdeck-bench-")

    def tmux(*words, check=True):
        return subprocess.run(["tmux", "-L", socket_name, *words], capture_output=True, text=True, check=check)

    tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", "160", "-y", "48", "sleep 3600")
    if os.environ.get("FIRST_FRAME_DEBUG"):
        tmux("set-option", "-g", "remain-on-exit", "on")
    try:
        # What one capture costs: the resolution of every figure below.
        start = time.perf_counter()
        for _ in range(20):
            tmux("capture-pane", "-p", "-t", "idle")
        capture_ms = (time.perf_counter() - start) * 1000 / 20

        header_ms, data_ms = [], []
        command = (f"env XDG_STATE_HOME={state} XDG_CONFIG_HOME={state} AWS_CONFIG_FILE=/dev/null "
                   f"AWS_SHARED_CREDENTIALS_FILE=/dev/null {args.imdeck} --sandbox")
        for run in range(args.runs):
            session = f"run{run}"
            start = time.perf_counter()
            tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "48", command)
            header_at = data_at = None
            while data_at is None:
                elapsed = time.perf_counter() - start
                if elapsed > TIMEOUT_S:
                    screen = tmux("capture-pane", "-p", "-t", session, check=False).stdout
                    sys.exit(f"run {run}: no demo data after {TIMEOUT_S} s; the pane shows:\n{screen}")
                screen = tmux("capture-pane", "-p", "-t", session, check=False).stdout
                now = (time.perf_counter() - start) * 1000
                if header_at is None and HEADER in screen:
                    header_at = now
                if DEMO_DATA in screen:
                    data_at = now
                    if header_at is None:
                        header_at = now
                    break
                time.sleep(args.poll_ms / 1000)
            header_ms.append(header_at)
            data_ms.append(data_at)
            tmux("send-keys", "-t", session, "q")
            time.sleep(0.2)
            tmux("kill-session", "-t", session, check=False)

    finally:
        tmux("kill-server", check=False)

    env = dict(os.environ, TERM="xterm-256color", XDG_STATE_HOME=state, XDG_CONFIG_HOME=state,
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    pty_header, pty_data = [], []
    for _ in range(args.runs):
        h, d = pty_run([args.imdeck, "--sandbox"], env)
        pty_header.append(h)
        pty_data.append(d)

    print(f"imdeck: {args.imdeck}; {args.runs} runs each")
    table(f"tmux 160×48, capture-pane every {args.poll_ms:g} ms (one capture takes {capture_ms:.1f} ms)",
          header_ms, data_ms)
    table("pty 160×48, output read as it arrives", pty_header, pty_data)


main()
