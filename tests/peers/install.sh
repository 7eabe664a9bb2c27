#!/usr/bin/env bash
# Installs the pinned peers into venvs under target/peers: the AWS CLI v1 and moto (its own venv, since moto's
# boto3 wants a newer botocore than the pinned CLI).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=target/peers
mkdir -p "$root"
install() { # venv-name package-spec...
  local venv="$root/$1"; shift
  local stamp="$venv/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then return 0; fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
  echo "$*" > "$stamp"
}
install awscli 'awscli==1.46.3'
install moto 'moto[server]==5.2.5'
"$root/awscli/bin/aws" --version
"$root/moto/bin/moto_server" --help >/dev/null && echo "moto 5.2.5 ready"
