#!/usr/bin/env bash
# Builds a small Debian 12 (bookworm) cloud image from Debian packages, for the tests that boot a real VM:
# cloud-init (NoCloud, then None), a kernel, growpart, openssh-server, a serial console on ttyS0 and GRUB for
# BIOS on a GPT disk (Debian's own cloud-image layout: partition 14 holds GRUB's core, partition 1 is the root
# file system and comes last, so growpart can grow it to the disk's size). Output: a qcow2 file.
#
# The image is cached outside the repository, keyed by this script's SHA-256, so it is rebuilt only when the
# script changes: ${PORTAL_IMAGE_CACHE:-/var/cache/portal-test-images}/debian12-<sha>.qcow2.
# Progress goes to stderr; the last line of stdout is the image's path.
#
# Needs root and these Debian packages: mmdebstrap, e2fsprogs (mkfs.ext4 -d), fdisk (sfdisk), grub-pc-bin
# (grub-mkimage and GRUB's i386-pc modules), qemu-utils (qemu-img). No loop device, mount or network of the
# host is touched: the root file system is written by mkfs.ext4 from a directory straight into the disk file at
# the partition's offset, and GRUB's boot sector and core image are written into the file with dd.
#
# Environment:
#   PORTAL_IMAGE_CACHE    where the image (and, between builds, the downloaded .deb files) are kept
#   PORTAL_DEBIAN_MIRROR  the Debian mirror (default http://deb.debian.org/debian)
#   PORTAL_IMAGE_REBUILD  set to 1 to build even when the cached image exists
set -euo pipefail

say() { printf '[build-debian-image] %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

script="$(readlink -f "${BASH_SOURCE[0]}")"
cache="${PORTAL_IMAGE_CACHE:-/var/cache/portal-test-images}"
mirror="${PORTAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
sha="$(sha256sum "$script" | cut -c1-16)"
image="$cache/debian12-$sha.qcow2"

if [ "${PORTAL_IMAGE_REBUILD:-0}" != 1 ] && [ -s "$image" ]; then
    say "cached: $image"
    echo "$image"
    exit 0
fi

[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap installs packages into a directory as root)."
missing=()
for tool in mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs sfdisk:fdisk grub-mkimage:grub-pc-bin qemu-img:qemu-utils; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
[ -f /usr/lib/grub/i386-pc/boot.img ] || missing+=(grub-pc-bin)
[ ${#missing[@]} -eq 0 ] || die "missing Debian packages: ${missing[*]} (apt-get install --no-install-recommends ${missing[*]})."

mkdir -p "$cache/debs"
# Two test runs may build at once: one builds, the other waits and then finds the image.
exec 9>"$cache/.build.lock"
flock 9
if [ "${PORTAL_IMAGE_REBUILD:-0}" != 1 ] && [ -s "$image" ]; then
    echo "$image"
    exit 0
fi

work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
started=$SECONDS

# --- 1. The root file system, from Debian packages --------------------------------------------------------
# minbase + what a cloud guest needs. The kernel is Debian's generic one: the smaller cloud kernel
# (linux-image-cloud-amd64) has no AHCI driver, so on a q35 machine it cannot read a cidata seed attached as a
# SATA CD-ROM (libvirt's default bus there). Its initramfs holds only the drivers that find a root disk on
# virtio, virtio-scsi, SATA, IDE or NVMe (MODULES=list): a third of "most", read and unpacked faster under
# emulation; every other module is on the root file system for udev to load.
# systemd-networkd (in systemd) is the network renderer cloud-init picks
# when ifupdown and netplan are absent; systemd-resolved gives it DNS. Recommends are left out: they would
# double the size (firmware, man pages, ...).
packages=(
    systemd-sysv udev kmod dbus iproute2 systemd-resolved
    linux-image-amd64 initramfs-tools zstd
    cloud-init cloud-guest-utils e2fsprogs tzdata
    openssh-server sudo
)
say "mmdebstrap bookworm from $mirror"
# The .deb files are kept in the cache between builds (sync-in/sync-out), so a rebuild after a change of this
# script downloads nothing; a clean machine downloads them once (about 160 MB).
mmdebstrap --mode=root --variant=minbase --format=directory \
    --include="$(IFS=,; echo "${packages[*]}")" \
    --aptopt='APT::Install-Recommends "false"' \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='force-unsafe-io' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
    --essential-hook='mkdir -p "$1"/etc/initramfs-tools/conf.d && echo MODULES=list > "$1"/etc/initramfs-tools/conf.d/portal.conf' \
    --essential-hook='mkdir -p "$1"/usr/share/initramfs-tools/modules.d && printf "%s\n" virtio_pci virtio_blk virtio_scsi sd_mod ahci ata_piix nvme ext4 > "$1"/usr/share/initramfs-tools/modules.d/portal-test-image' \
    --setup-hook="sync-in $cache/debs /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $cache/debs" \
    bookworm "$root" "deb $mirror bookworm main" >&2 \
    || die "mmdebstrap failed (is $mirror reachable through apt?)"
rm -f "$cache/debs/lock"; rm -rf "$cache/debs/partial"
say "root file system ready after $((SECONDS - started)) s"

# Every check the boot depends on, before spending time on the disk.
kernel="$(readlink -f "$root/vmlinuz")"
[ -f "$kernel" ] && [ -f "$(readlink -f "$root/initrd.img")" ] || die "no /vmlinuz or /initrd.img in the root file system"
kversion="${kernel##*/vmlinuz-}"
for module in virtio_blk virtio_pci virtio_net virtio_scsi ahci ata_piix sr_mod isofs ext4; do
    grep -q "^CONFIG_$(case $module in
        virtio_blk) echo VIRTIO_BLK;; virtio_pci) echo VIRTIO_PCI;; virtio_net) echo VIRTIO_NET;;
        virtio_scsi) echo SCSI_VIRTIO;; ahci) echo SATA_AHCI;; ata_piix) echo ATA_PIIX;;
        sr_mod) echo BLK_DEV_SR;; isofs) echo ISO9660_FS;; ext4) echo EXT4_FS;; esac)=[ym]" "$root/boot/config-$kversion" \
        || die "kernel $kversion lacks $module"
done

# --- 2. Guest settings --------------------------------------------------------------------------------------
root_uuid="$(cat /proc/sys/kernel/random/uuid)"
cat > "$root/etc/fstab" <<EOF
UUID=$root_uuid / ext4 defaults,discard,errors=remount-ro 0 1
EOF
echo localhost > "$root/etc/hostname"
cat > "$root/etc/hosts" <<'EOF'
127.0.0.1 localhost
::1 localhost ip6-localhost ip6-loopback
EOF

mkdir -p "$root/etc/cloud/cloud.cfg.d"
cat > "$root/etc/cloud/cloud.cfg.d/90-portal.cfg" <<'EOF'
# The portal attaches its seed as an ISO labelled cidata; without one the guest boots with no datasource.
datasource_list: [ NoCloud, None ]
# No password logins over SSH unless the seed's user-data asks for them (the portal does when a machine has an
# admin password and no SSH key): cloud-init writes PasswordAuthentication into sshd_config on the first boot.
ssh_pwauth: false
disable_root: true
# Grow the root partition and its file system to the disk's size (the portal resizes the disk to the template's).
growpart:
  mode: auto
  devices: [ "/" ]
resize_rootfs: true
locale: C.UTF-8
EOF

# Each VM gets its own host keys (cloud-init generates them) and its own machine id (systemd, first boot).
rm -f "$root"/etc/ssh/ssh_host_*
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"
# root has no password; lock it explicitly so no console login works without a key.
chroot "$root" passwd -l root >/dev/null

# cloud-init's networkd renderer writes .network files; networkd and resolved must run on the first boot.
chroot "$root" systemctl enable systemd-networkd.service systemd-resolved.service >/dev/null 2>&1
# A VM without a NIC (or with one that never gets an address) must not wait networkd's two minutes for it.
mkdir -p "$root/etc/systemd/system/systemd-networkd-wait-online.service.d"
cat > "$root/etc/systemd/system/systemd-networkd-wait-online.service.d/portal.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=/lib/systemd/systemd-networkd-wait-online --any --timeout=20
EOF

# A virtual machine has no sound, Wi-Fi, Bluetooth, TV tuner, InfiniBand or GPU (the console is the serial port):
# those modules are a third of the kernel's size, and every byte of the image is copied again by each capture.
# The files are removed and the module index rebuilt; a kernel upgrade brings them back, which does no harm.
for dir in sound drivers/gpu drivers/media drivers/net/wireless drivers/infiniband drivers/bluetooth \
           drivers/staging drivers/comedi drivers/iio drivers/isdn net/wireless net/mac80211 net/bluetooth; do
    rm -rf "$root/lib/modules/$kversion/kernel/$dir"
done
chroot "$root" depmod -a "$kversion"
# Under software emulation every module load is slow (its signature is checked on an emulated CPU), and udev
# would load drivers for emulated devices a cloud guest never uses: nested KVM (QEMU's "max" CPU offers SVM),
# the parallel port, the PC speaker, the ICH9 watchdog and SMBus.
cat > "$root/etc/modprobe.d/portal-test-image.conf" <<'EOF'
blacklist kvm
blacklist kvm_amd
blacklist kvm_intel
blacklist parport_pc
blacklist ppdev
blacklist lp
blacklist pcspkr
blacklist iTCO_wdt
blacklist iTCO_vendor_support
blacklist lpc_ich
blacklist i2c_i801
blacklist joydev
blacklist serio_raw
blacklist floppy
EOF

# cloud-init's locale module would generate en_US.UTF-8 on the first boot (half a minute under emulation);
# C.UTF-8 needs no generation.
echo 'LANG=C.UTF-8' > "$root/etc/default/locale"

# The guest reports what cloud-init applied on its serial console once cloud-init is done, one "portal-guest:"
# line per fact, so a test (or a person reading the console log) sees the result without logging in.
cat > "$root/usr/local/sbin/portal-guest-report" <<'EOF'
#!/bin/sh
# Writes what cloud-init applied to the serial console: host name, disk and root file system sizes, each line
# of the message of the day, and cloud-init's own status. The report is gathered first and written at once, so
# kernel messages on the same console are less likely to land inside it.
out=/dev/ttyS0
[ -c "$out" ] || out=/dev/console
root_dev=$(findmnt -n -o SOURCE /)
disk=/dev/$(lsblk -n -o PKNAME "$root_dev" | head -n 1)
status=$(cloud-init status 2>/dev/null | tr '\n' ' ')
report=$(
    echo "portal-guest: hostname=$(hostname)"
    echo "portal-guest: fqdn=$(hostname -f 2>/dev/null)"
    echo "portal-guest: disk=$disk size-bytes=$(lsblk -b -d -n -o SIZE "$disk")"
    echo "portal-guest: root=$root_dev fs-size-bytes=$(findmnt -b -n -o SIZE /)"
    # awk ends every line, also a last one without a newline (a YAML "content: |" at the end of the user-data).
    [ -s /etc/motd ] && awk '{ print "portal-guest: motd: " $0 }' /etc/motd
    echo "portal-guest: cloud-init $status"
    echo "portal-guest: done"
)
printf '\n%s\n' "$report" > "$out"
EOF
chmod 755 "$root/usr/local/sbin/portal-guest-report"
cat > "$root/etc/systemd/system/portal-guest-report.service" <<'EOF'
[Unit]
Description=Report what cloud-init applied on the serial console
After=cloud-final.service
Wants=cloud-final.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/portal-guest-report

[Install]
WantedBy=cloud-init.target
EOF
chroot "$root" systemctl enable portal-guest-report.service >/dev/null 2>&1

# apt lists and caches are not part of the image.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
rm -rf "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/*

# --- 3. GRUB, for BIOS -------------------------------------------------------------------------------------
# console=ttyS0 comes last, so /dev/console (and with it cloud-init's output) is the serial port.
cmdline="root=UUID=$root_uuid ro console=tty0 console=ttyS0,115200n8 net.ifnames=0"
mkdir -p "$root/boot/grub/i386-pc"
cp /usr/lib/grub/i386-pc/*.mod /usr/lib/grub/i386-pc/*.lst "$root/boot/grub/i386-pc/"
cat > "$root/boot/grub/grub.cfg" <<EOF
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry 'Debian GNU/Linux 12 (portal test image)' {
    search --no-floppy --fs-uuid --set=root $root_uuid
    linux /vmlinuz $cmdline
    initrd /initrd.img
}
EOF
# The core image finds the root file system by UUID, wherever the disk is in the BIOS order.
cat > "$work/early.cfg" <<EOF
search --no-floppy --fs-uuid --set=root $root_uuid
set prefix=(\$root)/boot/grub
EOF
grub-mkimage -O i386-pc -o "$work/core.img" -c "$work/early.cfg" -p /boot/grub \
    biosdisk part_gpt ext2 search search_fs_uuid

# --- 4. The disk --------------------------------------------------------------------------------------------
size_mib=2048
bios_start=2048 bios_sectors=6144          # partition 14: 3 MiB from 1 MiB, GRUB's core image
root_start=8192                            # partition 1: from 4 MiB to the end
raw="$work/disk.raw"
truncate -s "${size_mib}M" "$raw"
# Lines named after the partition give Debian's numbering: 14 for the BIOS boot partition, 1 for the root.
sfdisk --quiet "$raw" >&2 <<EOF
label: gpt
${raw}14 : start=$bios_start, size=$bios_sectors, type=21686148-6449-6E6F-744E-656564454649, name="bios"
${raw}1 : start=$root_start, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="root"
EOF
sfdisk --dump "$raw" >&2
root_sectors=$(sfdisk --dump "$raw" | sed -n -E 's/^.*raw1 : .*size= *([0-9]+),.*$/\1/p')
[ -n "$root_sectors" ] || die "could not read the root partition's size back from the partition table"

say "mkfs.ext4 from the directory at $((root_start * 512)) bytes"
mkfs.ext4 -q -F -L root -U "$root_uuid" -d "$root" -E "offset=$((root_start * 512))" \
    "$raw" "$((root_sectors / 2))k" >&2

# GRUB's boot sector: its code (440 bytes, leaving the disk signature and protective MBR alone), pointing at the
# core image's first sector; the core image's first sector then reads the rest from the sector after it.
core_sectors=$(( ($(stat -c %s "$work/core.img") + 511) / 512 ))
[ "$core_sectors" -le "$bios_sectors" ] || die "GRUB's core image does not fit the BIOS boot partition"
dd if=/usr/lib/grub/i386-pc/boot.img of="$raw" bs=440 count=1 conv=notrunc status=none
le64() { printf '%016x' "$1" | sed 's/\(..\)/\1 /g' | awk '{ for (i = NF; i > 0; i--) printf "\\x%s", $i }'; }
le16() { printf '%04x' "$1" | sed 's/\(..\)\(..\)/\\x\2\\x\1/'; }
printf "$(le64 $bios_start)" | dd of="$raw" bs=1 seek=$((0x5c)) conv=notrunc status=none
cp "$work/core.img" "$work/core.patched"
# The block list at the end of diskboot's sector: start (u64), length (u16) of the rest of the core image.
printf "$(le64 $((bios_start + 1)))$(le16 $((core_sectors - 1)))" \
    | dd of="$work/core.patched" bs=1 seek=$((512 - 12)) conv=notrunc status=none
dd if="$work/core.patched" of="$raw" bs=512 seek=$bios_start conv=notrunc status=none

say "qemu-img convert to qcow2"
qemu-img convert -f raw -O qcow2 -o compat=1.1 "$raw" "$work/disk.qcow2"
mv "$work/disk.qcow2" "$image"
rm -rf "$work"
# Builds of other versions of this script go once they are a day old (another checkout may still use one today).
find "$cache" -maxdepth 1 -name 'debian12-*.qcow2' ! -path "$image" -mmin +1440 -delete
say "built $image ($(du -h "$image" | cut -f1), $((SECONDS - started)) s)"
echo "$image"
