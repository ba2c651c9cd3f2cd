#!/usr/bin/env bash
# sign.sh FILE... — Authenticode-signs Windows executables in place with
# osslsigncode, using the certificate named by the environment:
#
#   DANGJIAN_SIGN_CERT       a PKCS#12 file (.pfx/.p12) holding the key and certificate chain
#   DANGJIAN_SIGN_PASS       its password (may be empty)
#   DANGJIAN_SIGN_TIMESTAMP  optional RFC 3161 timestamp server URL; without it the
#                            signature is valid only while the certificate is
#
# build.sh calls it for both .exe files and, through makensis (!finalize and
# !uninstfinalize in installer.nsi), for the installer and its uninstaller.
# The password is handed to osslsigncode in a private temporary file, never
# on a command line that `ps` could show.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: sign.sh FILE..." >&2; exit 2; }
cert=${DANGJIAN_SIGN_CERT:?DANGJIAN_SIGN_CERT is not set}
[ -r "$cert" ] || { echo "sign.sh: certificate $cert cannot be read" >&2; exit 2; }

passfile=$(mktemp)
chmod 600 "$passfile"
trap 'rm -f "$passfile"' EXIT
printf '%s' "${DANGJIAN_SIGN_PASS:-}" >"$passfile"

ts=()
[ -n "${DANGJIAN_SIGN_TIMESTAMP:-}" ] && ts=(-ts "$DANGJIAN_SIGN_TIMESTAMP")

for f in "$@"; do
	tmp="$f.signing"
	rm -f "$tmp"
	osslsigncode sign -pkcs12 "$cert" -readpass "$passfile" -h sha256 \
		-n "党建工作台" "${ts[@]}" -in "$f" -out "$tmp" >/dev/null
	mv -f "$tmp" "$f"
	echo "    signed $(basename "$f")"
done
