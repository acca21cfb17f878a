#!/usr/bin/env bash
# Runs every test of the portal on a fresh Debian/Ubuntu machine that has the .NET SDK.
# It installs what the suite needs when missing (as root, with apt-get; otherwise it says what to
# install), starts a throwaway PostgreSQL for the integration tests and stops it afterwards, runs
# `dotnet test Portal.sln`, and prints the totals as its last line: "N passed, N failed, N skipped".
# Arguments, if any, replace the solution as the target of `dotnet test`
# (for example: tests/run.sh --project tests/Portal.Data.Tests/Portal.Data.Tests.csproj).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '[run.sh] %s\n' "$*" >&2; }

# --- 1. Tools the suite needs -------------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
command -v dotnet >/dev/null || { say "The .NET 10 SDK is needed: install it first (https://dot.net)."; exit 2; }
command -v chromium >/dev/null || missing+=(chromium)            # browser journeys (Playwright drives it)
[ -n "$(pg_bin)" ] || missing+=(postgresql)                      # PostgreSQL integration tests; the chaos tests run its initdb/pg_ctl themselves
command -v virsh >/dev/null || missing+=(libvirt-clients)        # libvirt driver: virsh, virt-xml-validate, libvirt.so.0
command -v xmllint >/dev/null || missing+=(libxml2-utils)        # virt-xml-validate runs xmllint
command -v qemu-img >/dev/null || missing+=(qemu-utils)          # image conversion driver: qemu-img

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        say "Installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null \
            || { say "apt-get could not install ${missing[*]}"; exit 2; }
    else
        say "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again."
        exit 2
    fi
fi

# --- 2. A throwaway PostgreSQL ------------------------------------------------------------------
pg_dir="$(mktemp -d /tmp/portal-pg.XXXXXX)"
pg_port=$(( 55000 + RANDOM % 1000 ))
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root; its own Debian user runs it.
    chown postgres:postgres "$pg_dir"
    as_pg=(runuser -u postgres --)
fi

stop_pg() {
    "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
trap stop_pg EXIT

say "Starting PostgreSQL on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$(pg_bin)/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; say "initdb failed"; exit 2; }
"${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; say "PostgreSQL did not start"; exit 2; }
export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"

# --- 3. Real VMs: libvirt + QEMU, and the Debian guest image -------------------------------------
# The tests that boot a real VM (RealVirtualMachineTests) need the libvirt daemon with QEMU (software emulation
# where /dev/kvm is not usable), xorriso for the cloud-init seed, and the Debian image that
# tests/images/build-debian-image.sh builds from Debian packages. Whatever cannot be had here is said in
# PORTAL_TEST_DEBIAN_IMAGE_ERROR or by the tests themselves, which then fail with what to install: they never
# skip, and the rest of the suite still runs.
vm_packages=(libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-system-data
             seabios ipxe-qemu qemu-utils xorriso mmdebstrap e2fsprogs fdisk grub-pc-bin)
vm_missing=()
for package in "${vm_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || vm_missing+=("$package")
done
if [ ${#vm_missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        say "Installing for the real-VM tests: ${vm_missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        # No recommends: they would add a desktop's worth of packages (about 30 s without, here).
        apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${vm_missing[@]}" >/dev/null \
            || say "apt-get could not install ${vm_missing[*]}: the real-VM tests will fail"
    else
        say "Missing Debian packages for the real-VM tests: ${vm_missing[*]} (sudo apt-get install --no-install-recommends ${vm_missing[*]}); those tests will fail."
    fi
fi

# No init system starts the daemons in a container: start them here, and stop at exit only what was started here.
libvirt_uri="${PORTAL_TEST_LIBVIRT_URI:-qemu:///system}"
started_daemons=()
libvirt_answers() { virsh -c "$libvirt_uri" version >/dev/null 2>&1; }
if command -v virsh >/dev/null && ! libvirt_answers && [ "$libvirt_uri" = qemu:///system ] && [ "$(id -u)" -eq 0 ]; then
    for daemon in virtlogd libvirtd; do
        if command -v "$daemon" >/dev/null && ! pidof "$daemon" >/dev/null; then
            say "Starting $daemon"
            "$daemon" -d && started_daemons+=("$daemon")
        fi
    done
    for _ in $(seq 1 30); do libvirt_answers && break; sleep 1; done
fi
if command -v virsh >/dev/null && libvirt_answers; then
    say "libvirt answers at $libvirt_uri: $(virsh -c "$libvirt_uri" version 2>/dev/null | grep -i 'running hypervisor' | sed 's/^ *//')"
else
    say "libvirt does not answer at $libvirt_uri: the real-VM tests will fail"
fi

stop_libvirt() {
    local daemon pid
    # Daemons started here stop here; a VM a test left running is named, so it is not mistaken for a clean run.
    if [ ${#started_daemons[@]} -gt 0 ]; then
        running="$(virsh -c "$libvirt_uri" list --name 2>/dev/null | sed '/^$/d')"
        [ -z "$running" ] || say "VMs still running at exit (a test did not clean up): $running"
    fi
    for daemon in libvirtd virtlogd; do
        [[ " ${started_daemons[*]} " == *" $daemon "* ]] || continue
        pid="$(cat "/run/$daemon.pid" 2>/dev/null || pidof "$daemon")"
        [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    done
}
trap 'stop_pg; stop_libvirt' EXIT

# The image is cached outside the repository (keyed by the script's hash): built once, then found in a second.
mkdir -p "$root/TestResults"
image_log="$root/TestResults/build-debian-image.log"
say "Building (or finding) the Debian guest image; log: $image_log"
image_started=$SECONDS
if image="$("$root/tests/images/build-debian-image.sh" 2>"$image_log" | tail -n 1)" && [ -s "$image" ]; then
    export PORTAL_TEST_DEBIAN_IMAGE="$image"
    say "Debian guest image: $image ($((SECONDS - image_started)) s)"
else
    export PORTAL_TEST_DEBIAN_IMAGE_ERROR="tests/images/build-debian-image.sh failed: $(tail -n 1 "$image_log") (full log: $image_log)"
    say "$PORTAL_TEST_DEBIAN_IMAGE_ERROR"
fi

# --- 4. The tests -------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The browser journeys keep a screenshot of every step as a test artifact (TestResults/ is not committed).
export PORTAL_SCREENSHOTS="${PORTAL_SCREENSHOTS:-$root/TestResults/screenshots}"
log="$pg_dir/dotnet-test.log"
if [ $# -gt 0 ]; then target=("$@"); else target=(--solution Portal.sln); fi
# Four test assemblies at a time, not two: the real-VM tests spend minutes in emulated boots and the web and browser
# tests in waits, so with two slots one long assembly queued behind another; four keep both cores busy.
# The tests run niced: the emulated guests (QEMU, started by libvirtd outside this process tree) then keep a core
# while the other assemblies share the rest. Un-niced, a guest's boot took over four minutes under the suite's load
# (against well under one alone) and missed its deadline.
# The option goes before the caller's arguments: everything after a literal `--` among them is handed to the test
# applications, which reject `--max-parallel-test-modules` and run nothing (tests/chaos-table.sh passes `-- --filter-namespace`).
nice -n 10 dotnet test --max-parallel-test-modules 4 "${target[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform closes each run with "total: / failed: / succeeded: / skipped:" lines.
read -r passed failed skipped < <(awk '
    /^[[:space:]]*failed:[[:space:]]*[0-9]+/    { f += $2 }
    /^[[:space:]]*succeeded:[[:space:]]*[0-9]+/ { p += $2 }
    /^[[:space:]]*skipped:[[:space:]]*[0-9]+/   { s += $2 }
    END { print p+0, f+0, s+0 }' "$log")

# Name the failed tests and their first lines of message once more at the end: a long run's failure is otherwise
# buried among the logs above it.
if [ "$failed" -gt 0 ]; then
    say "Failed tests:"
    awk '/^failed [^ ]+ \([0-9]/ { n = 8 } n > 0 { print "  " $0; n-- }' "$log" >&2
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1   # the build or a test host broke before reporting: count it, never print a clean line
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ]
