#!/usr/bin/env bash
# One-time setup for the end-to-end tests: a real VS Code (code-server's server + web workbench, from the
# npm registry, since VS Code builds cannot be downloaded here) and Debian's Chromium to drive it.
# Idempotent: a marker file holding the version makes a second run a no-op (a few milliseconds).
# code-server lives in a cache outside the repository so `npm ci` stays small and runs reuse it.
# Prints the code-server directory's path as its last line.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # 4.100.x: engines.node is 20; newer releases want Node 24
E2E_CACHE="${E2E_CACHE:-/var/cache/kql-e2e}"
dir="$E2E_CACHE/code-server-$CODE_SERVER_VERSION"
marker="$dir/.installed"
started=$SECONDS
say() { printf '[e2e setup] %s\n' "$*" >&2; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v unzip >/dev/null || need_apt+=(unzip)
for pkg in libkrb5-dev pkg-config make g++ python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || command -v "$pkg" >/dev/null || need_apt+=("$pkg")
done
# Fonts so screenshots show text the way a user sees it, not tofu boxes.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
if [ "${#need_apt[@]}" -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt (another job on the machine) rather than failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION already installed in $dir"
  echo "$dir/node_modules/code-server"
  exit 0
fi

say "installing code-server $CODE_SERVER_VERSION into $dir (one time, a few minutes)"
rm -rf "$dir"
mkdir -p "$dir"
# Root runs postinstall scripts only with unsafe-perm; node-pty's build runs `npx node-gyp`, which must not prompt.
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
echo '{ "name": "kql-e2e-code-server", "private": true }' >"$dir/package.json"
(cd "$dir" && npm install --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
(cd "$dir" && npm rebuild argon2 --loglevel=error >&2) # top-level native dependency skipped by --ignore-scripts

vscode="$dir/node_modules/code-server/lib/vscode"
(cd "$vscode" && npm install --omit=dev --ignore-scripts --loglevel=error >&2)
# @vscode/ripgrep's postinstall downloads rg from the internet; give it Debian's binary before rebuilding.
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
(cd "$vscode" && npm rebuild --loglevel=error >&2) # node-pty, spdlog, kerberos, ...
ln -sfn node_modules "$vscode/node_modules.asar"
(cd "$vscode/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$vscode/bin/helpers" && ln -sf browser-linux.sh browser.sh)
(cd "$vscode/extensions" && npm install --omit=dev --loglevel=error >&2)

echo "$CODE_SERVER_VERSION" >"$marker"
say "done in $((SECONDS - started)) s"
echo "$dir/node_modules/code-server"
