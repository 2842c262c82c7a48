#!/usr/bin/env bash
# Installs what the real-registry tests (test/registry) need: Debian's docker-registry (the CNCF
# distribution registry). Idempotent: does nothing when the binary is already on PATH, so .ci/run
# can call it on every run without paying for apt.
set -euo pipefail

# openssl makes the per-run certificates (token issuer, HTTPS registry behind the proxy).
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
  echo "ci-registry-deps: docker-registry and openssl already installed ($(command -v docker-registry))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-registry-deps: apt-get not found; install ${missing[*]} by hand (docker-registry is CNCF distribution 2.8)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
# The package list may be stale or absent on a fresh machine; refresh once, then install.
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

# The package's service would listen on all interfaces with htpasswd auth; the tests start their own
# instance with a per-run config on 127.0.0.1 instead, so make sure no packaged instance is running.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl stop docker-registry || true
  $SUDO systemctl disable docker-registry >/dev/null 2>&1 || true
fi

command -v docker-registry >/dev/null
command -v openssl >/dev/null
echo "ci-registry-deps: installed $(dpkg-query -W -f='${Package} ${Version}' docker-registry 2>/dev/null || echo docker-registry)"
