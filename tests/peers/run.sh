#!/usr/bin/env bash
# The peer suite: the AWS CLI against a standalone sandbox, and imdeck's SNS adapter against moto and the sandbox.
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=target/peers
# The debug build that `cargo test` made: a release build would double CI time for no extra proof.
bin=${IMDECK_BIN:-target/debug/imdeck}
[ -x "$bin" ] || cargo build --bin imdeck
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }

sandbox_port=$(free_port)
"$bin" sandbox --listen "127.0.0.1:$sandbox_port" --request-log "$work/requests.jsonl" >"$work/sandbox.out" 2>&1 &
pids+=($!)
wait_port "$sandbox_port"

echo "--- AWS CLI against the sandbox"
SANDBOX_URL="http://127.0.0.1:$sandbox_port" AWS_BIN="$peers/awscli/bin/aws" IMDECK_BIN="$bin" \
  python3 tests/peers/awscli_suite.py

echo "--- the audit's printed fix commands, run as printed by the AWS CLI, on a fresh demo sandbox"
fixes_port=$(free_port)
"$bin" sandbox --listen "127.0.0.1:$fixes_port" >"$work/fixes-sandbox.out" 2>&1 &
pids+=($!)
wait_port "$fixes_port"
SANDBOX_URL="http://127.0.0.1:$fixes_port" AWS_BIN="$peers/awscli/bin/aws" IMDECK_BIN="$bin" \
  python3 tests/peers/audit_fixes.py

echo "--- imdeck exec and the AWS CLI print the same bytes"
SANDBOX_URL="http://127.0.0.1:$sandbox_port" AWS_BIN="$peers/awscli/bin/aws" IMDECK_BIN="$bin" \
  python3 tests/peers/exec_vs_cli.py

echo "--- imdeck's SNS adapter against moto and the sandbox; Cloud::execute printed, byte for byte against the AWS CLI"
moto_port=$(free_port)
"$peers/moto/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$work/moto.out" 2>&1 &
pids+=($!)
wait_port "$moto_port"
IMDECK_MOTO_URL="http://127.0.0.1:$moto_port" PATH="$PWD/$peers/awscli/bin:$PATH" \
  cargo test --features peers --test peer_moto --test cloud_cli_parity
