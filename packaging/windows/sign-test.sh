#!/usr/bin/env bash
# `make windows-sign-test`: proves the signing path without a real
# certificate. Makes a throw-away self-signed code-signing certificate with
# openssl in a temporary folder (deleted afterwards, never committed), runs
# build.sh with it into build/windows-sign-test/, and checks with osslsigncode
# that both exes, the installer and the uninstaller inside the installed
# folder's stub carry a valid signature by that certificate.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. scripts/lib.sh
need_packages openssl osslsigncode

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "==> throw-away self-signed certificate in $tmp"
openssl req -x509 -newkey rsa:3072 -sha256 -days 7 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
	-subj "/CN=dangjian code-signing test (self-signed)" \
	-addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" 2>/dev/null
pass="test-$RANDOM-$RANDOM"
openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -out "$tmp/test.pfx" -passout "pass:$pass"

out=$root/build/windows-sign-test
rm -rf "$out"
DANGJIAN_SIGN_CERT=$tmp/test.pfx DANGJIAN_SIGN_PASS=$pass \
	DANGJIAN_DIST=$out/dist DANGJIAN_WINDOWS_BUILD=$out/build \
	packaging/windows/build.sh 2>&1 | tee "$tmp/build.log"

version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
echo "==> verifying signatures"
failed=0
verify() {
	if osslsigncode verify -CAfile "$tmp/cert.pem" -in "$1" >"$tmp/verify.log" 2>&1 &&
		grep -q "Signature verification: ok" "$tmp/verify.log"; then
		echo "  ok    $(basename "$1") signed by $(grep -m1 -o 'Subject: .*' "$tmp/verify.log" || echo '?')"
	else
		echo "  FAIL  $(basename "$1")"
		cat "$tmp/verify.log"
		failed=1
	fi
}
for f in "dangjian-$version.exe" "dangjian-cli-$version.exe" "dangjian-setup-$version.exe"; do
	verify "$out/dist/$f"
done
# The portable zip carries the signed exes too.
mkdir -p "$tmp/zip"
(cd "$tmp/zip" && unzip -q "$out/dist/dangjian-portable-$version.zip")
verify "$tmp/zip/党建工作台/dangjian.exe"
# makensis signs the uninstaller (!uninstfinalize) before packing it, and then
# the installer (!finalize): sign.sh reports four signatures in all.
n=$(grep -c '^    signed ' "$tmp/build.log" || true)
if [ "$n" -ge 4 ]; then
	echo "  ok    uninstaller signed inside the installer (sign.sh ran $n times: 2 exes, uninstaller, installer)"
else
	echo "  FAIL  sign.sh ran $n times, expected 4 (2 exes, uninstaller, installer)"
	failed=1
fi
[ "$failed" = 0 ] || { echo "==> signing test FAILED"; exit 1; }
echo "==> signing test passed (a self-signed certificate: Windows would still say 未知发布者)"
