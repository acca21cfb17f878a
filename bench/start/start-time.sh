#!/usr/bin/env bash
# How long the portal takes from launch to its first answer, on a first start (fresh data folder: create the
# database, migrate, seed) and on a second start (same folder), launched three ways:
#   dll         dotnet src/Portal.Web/bin/<Configuration>/net10.0/Portal.Web.dll   (the built program itself)
#   run         dotnet run --project src/Portal.Web                                  (the README's command: an up-to-date check first)
#   run-nobuild dotnet run --no-build --project src/Portal.Web
#   published   dotnet Portal.Web.dll in a ReadyToRun publish (dotnet publish -p:PublishReadyToRun=true): how production runs it
# "First answer" is the first 200 from /health and, after it, the first render of the sign-in page.
# Usage: bench/start/start-time.sh [--configuration Debug|Release] [--runs N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
configuration=Debug
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --configuration|-c) configuration="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

command -v curl >/dev/null || { echo "start-time.sh needs curl (apt-get install curl)" >&2; exit 1; }
cd "$root"
echo "Building $configuration once (not timed)..." >&2
dotnet build src/Portal.Web -c "$configuration" -v q -nologo >/dev/null
dll="src/Portal.Web/bin/$configuration/net10.0/Portal.Web.dll"
# The runtime identifier ReadyToRun compiles for: this machine's.
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) rid="" ;; esac
published=""
if [ -n "$rid" ]; then
    published="$(mktemp -d /var/tmp/portal-published.XXXXXX)"
    echo "Publishing $configuration with ReadyToRun for $rid once (not timed)..." >&2
    dotnet publish src/Portal.Web -c "$configuration" -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$published" -v q -nologo >/dev/null
    trap 'rm -rf "$published"' EXIT
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# Launches the portal one way on a data folder; prints "<ms to /health 200> <ms to sign-in page 200>" and stops it.
measure() {
    local how="$1" data="$2" port url started pid health page log
    port="$(free_port)"; url="http://127.0.0.1:$port"
    log="$(mktemp)"
    started="$(now_ms)"
    case "$how" in
        dll) Portal__DataDirectory="$data" ASPNETCORE_URLS="$url" dotnet "$dll" >"$log" 2>&1 & ;;
        run) Portal__DataDirectory="$data" dotnet run -c "$configuration" --project src/Portal.Web --urls "$url" >"$log" 2>&1 & ;;
        run-nobuild) Portal__DataDirectory="$data" dotnet run --no-build -c "$configuration" --project src/Portal.Web --urls "$url" >"$log" 2>&1 & ;;
        # From its own folder: a published portal finds its static files (wwwroot) under the working directory.
        published) (cd "$published" && Portal__DataDirectory="$data" ASPNETCORE_URLS="$url" exec dotnet Portal.Web.dll) >"$log" 2>&1 & ;;
    esac
    pid=$!
    health=""
    for _ in $(seq 1 6000); do
        if curl -fs -o /dev/null "$url/health" 2>/dev/null; then health=$(( $(now_ms) - started )); break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    page=""
    if [ -n "$health" ] && curl -fs -o /dev/null "$url/Account/Login"; then page=$(( $(now_ms) - started )); fi
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -z "$health" ]; then echo "the portal ($how) never answered; it printed:" >&2; tail -20 "$log" >&2; rm -f "$log"; exit 1; fi
    rm -f "$log"
    echo "$health $page"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }

echo "| launched as | start | /health answers (ms, median of $runs) | sign-in page rendered (ms) |"
echo "|---|---|---:|---:|"
ways="dll run-nobuild run"
if [ -n "$published" ]; then ways="published $ways"; else echo "No ReadyToRun publish: $(uname -m) has no runtime identifier here" >&2; fi
for how in $ways; do
    firsts=(); seconds=(); firstpages=(); secondpages=()
    for _ in $(seq 1 "$runs"); do
        data="$(mktemp -d /var/tmp/portal-start.XXXXXX)"
        read -r h p < <(measure "$how" "$data"); firsts+=("$h"); firstpages+=("$p")
        read -r h p < <(measure "$how" "$data"); seconds+=("$h"); secondpages+=("$p")
        rm -rf "$data"
    done
    echo "| $how | first (create, migrate, seed) | $(printf '%s\n' "${firsts[@]}" | median) | $(printf '%s\n' "${firstpages[@]}" | median) |"
    echo "| $how | second | $(printf '%s\n' "${seconds[@]}" | median) | $(printf '%s\n' "${secondpages[@]}" | median) |"
done
