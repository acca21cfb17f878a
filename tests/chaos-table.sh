#!/usr/bin/env bash
# Prints the table of issue 11's chaos scenarios, measured on two real portal processes and real PostgreSQL:
#   scenario, submitted, completed, failed, ran twice, re-delivered (bound), leaked, time to drain
# (a) 50 deployments across two nodes; (b) SIGKILL of a node in the middle of a batch; (c) PostgreSQL stopped 8 s
# under load (a cluster of the test's own); (d) a VM created through one node, finished through the other.
# "ran twice", "re-delivered" and "leaked" are counted in the database the drivers write (the simulated datacenter's
# operation log, the reservations), not in the workflow journal. "re-delivered" is the steps the datacenter was asked
# again under a key it had acted on (it answered with the first result): legitimate only for a step in flight at the
# kill or the outage, so the bound in brackets is the number of those (none in (a): it must be 0 there). It runs the
# Chaos tests through tests/run.sh (which installs/starts what they need); a scenario whose test failed still has its
# row when it got as far as measuring.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
table="$(mktemp -d /tmp/portal-chaos-table.XXXXXX)"
trap 'rm -rf "$table"' EXIT

PORTAL_CHAOS_TABLE="$table" "$root/tests/run.sh" --project "$root/tests/Portal.Web.Tests/Portal.Web.Tests.csproj" \
    -- --filter-namespace "Portal.Web.Tests.Chaos" >&2
status=$?

{
    printf 'scenario\tsubmitted\tcompleted\tfailed\tran twice\tre-delivered (bound)\tleaked\ttime to drain\n'
    cat "$table"/*.tsv 2>/dev/null | sort
} | if command -v column >/dev/null; then column -t -s $'\t'; else cat; fi
exit "$status"
