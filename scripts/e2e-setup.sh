#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs: Debian's chromium, and code-server (for the VS Code server it
# bundles) in the git-ignored .vscode-host/. Idempotent: a machine that keeps .vscode-host/ reuses it.
# Recipe and pitfalls: shared/design/e2e-real-vscode.md ("Recipe A").
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep (a code-server dependency) downloads rg from GitHub unless this archive is in its cache.
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
RIPGREP_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$repo/.vscode-host"
started=$SECONDS

log() { printf '[e2e-setup %3ds] %s\n' "$((SECONDS - started))" "$*"; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
# kerberos (a code-server dependency) compiles against the GSSAPI headers.
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

installed_version() {
  node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch { }' \
    "$host/node_modules/code-server/package.json"
}

if [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
  && [ -f "$host/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server $CODE_SERVER_VERSION already in .vscode-host/"
else
  if [ ! -f "$RIPGREP_CACHE/$RIPGREP_ARCHIVE" ]; then
    scratch="$(mktemp -d)"
    cp /usr/bin/rg "$scratch/rg"
    mkdir -p "$RIPGREP_CACHE"
    tar czf "$RIPGREP_CACHE/$RIPGREP_ARCHIVE" -C "$scratch" rg
    rm -rf "$scratch"
  fi
  log "installing code-server@$CODE_SERVER_VERSION into .vscode-host/ (about 80 s)"
  # A half-finished earlier install would make npm reuse broken native builds.
  rm -rf "$host/node_modules" "$host/package-lock.json"
  mkdir -p "$host"
  # `npm init -y` would reject the folder name ".vscode-host" as a package name.
  [ -f "$host/package.json" ] || printf '{ "name": "kubeward-vscode-host", "private": true }\n' >"$host/package.json"
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's install runs `npx node-gyp`, which a `yes=false` in ~/.npmrc would cancel.
  (cd "$host" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  if [ "$(installed_version)" != "$CODE_SERVER_VERSION" ]; then
    log "code-server install did not produce version $CODE_SERVER_VERSION" >&2
    exit 1
  fi
fi
log "done"
