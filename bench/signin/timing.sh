#!/usr/bin/env bash
# Times failed sign-ins on a running portal, by kind, to show that the time does not tell whether an account exists.
# Starts the built portal (dotnet build first) on a temp data folder with the demo users, then for each kind posts
# the sign-in form ROUNDS times through curl and prints the median and 90th percentile of the POST's time_total:
#   unknown   - an e-mail no account has
#   wrong     - a real account, a wrong password
#   locked    - a real account, the right password, from an address locked out of it by earlier failures
#   success   - the right password (for scale; it also writes the cookie and reads the roles)
# Each attempt comes from its own loopback source address (127.0.0.x), so the per-address limit and lockout
# stay out of the way except where wanted; the rate limits are raised for the run.
# Usage: bench/signin/timing.sh [ROUNDS]   (default 30; at most 200)
set -euo pipefail

rounds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="$root/src/Portal.Web/bin/Debug/net10.0/Portal.Web.dll"
[ -f "$dll" ] || { echo "Build first: dotnet build src/Portal.Web" >&2; exit 2; }

work="$(mktemp -d)"
port=$(( 56000 + RANDOM % 1000 ))
base="http://127.0.0.1:$port"
password="Bench-Password-123!"
trap 'kill "$portal" 2>/dev/null || true; wait "$portal" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$root/src/Portal.Web" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
    Portal__DataDirectory="$work/data" Portal__Seed__DemoUsers=true Portal__Seed__DemoPassword="$password" \
    Portal__Accounts__RateLimits__PerAddress=100000 Portal__Accounts__RateLimits__PerAccountPerAddress=100000 \
    Portal__Accounts__RateLimits__PerAccount=100000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll" >"$work/portal.log" 2>&1) &
portal=$!
for _ in $(seq 1 240); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "$base/health" >/dev/null || { echo "The portal did not start; its log:" >&2; cat "$work/portal.log" >&2; exit 1; }

# One sign-in from source address $1 as $2 with password $3; prints the POST's time in milliseconds.
attempt() {
    local jar="$work/jar.$RANDOM" page token
    page="$(curl -sS --interface "$1" -c "$jar" -b "$jar" "$base/Account/Login")"
    token="$(printf '%s' "$page" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
    curl -sS --interface "$1" -o /dev/null -c "$jar" -b "$jar" -w '%{time_total}\n' \
        --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
        --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=$3" "$base/Account/Login" \
        | awk '{ printf "%.1f\n", $1 * 1000 }'
    rm -f "$jar"
}

stats() { sort -n | awk '{ v[NR] = $1 } END { printf "median %6.1f ms   p90 %6.1f ms   (n=%d)\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], NR }'; }

# Warm up: the first requests compile pages and make the dummy hash.
for i in 1 2 3; do attempt 127.0.0.2 "warm$i@portal.local" "x" >/dev/null; attempt 127.0.0.2 requester@portal.local "$password" >/dev/null; done

# Lock 127.0.0.3 out of the approver's account (5 failures, the default).
for i in 1 2 3 4 5; do attempt 127.0.0.3 approver@portal.local "Wrong-$i" >/dev/null; done

declare -A times
for i in $(seq 1 "$rounds"); do
    times[unknown]+="$(attempt "127.0.1.$i" "nobody$i@portal.local" "Wrong-Password-$i!")"$'\n'
    times[wrong]+="$(attempt "127.0.2.$i" requester@portal.local "Wrong-Password-$i!")"$'\n'
    times[locked]+="$(attempt 127.0.0.3 approver@portal.local "$password")"$'\n'
    times[success]+="$(attempt "127.0.3.$i" admin@portal.local "$password")"$'\n'
done

for kind in unknown wrong locked success; do
    printf '%-8s ' "$kind"; printf '%s' "${times[$kind]}" | stats
done
