#!/usr/bin/env bash
# `make windows`: cross-compiles 党建工作台 for 64-bit Windows on Debian and
# packs what office users download:
#
#   dist/dangjian-setup-VERSION.exe     installer (per user, no admin rights)
#   dist/dangjian-portable-VERSION.zip  portable folder for USB drives / laptops
#   dist/dangjian-VERSION.exe           the GUI alone (no console window)
#   dist/dangjian-cli-VERSION.exe       the command-line tool alone
#   dist/SHA256SUMS-VERSION.txt
#
# Installs the Debian packages it needs when missing. The version comes from
# FyneApp.toml (which a test keeps equal to data.AppVersion).
#
# Signing: with DANGJIAN_SIGN_CERT (a .pfx) and DANGJIAN_SIGN_PASS set, the
# exes, the installer and its uninstaller are signed (see sign.sh); without
# them everything is built unsigned, and the summary says so.
#
# Overrides (used by sign-test.sh): DANGJIAN_DIST (default dist),
# DANGJIAN_WINDOWS_BUILD (default build/windows).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. scripts/lib.sh
start=$SECONDS

die() { echo "make windows: $*" >&2; exit 2; }
step() { echo "==> $*"; }

need_go
need_packages gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip osslsigncode imagemagick

# ---------------------------------------------------------------- version
version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
buildno=$(sed -n 's/^Build *= *\([0-9][0-9]*\).*/\1/p' FyneApp.toml)
appver=$(sed -n 's/^const AppVersion = "\([^"]*\)".*/\1/p' data/paths.go)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml Version \"$version\" is not X.Y.Z (Windows needs numeric versions)"
[ "$version" = "$appver" ] || die "FyneApp.toml says $version but data.AppVersion is $appver"
version4="$version.${buildno:-0}"
commas=${version4//./,}

out=${DANGJIAN_WINDOWS_BUILD:-build/windows}
dist=${DANGJIAN_DIST:-dist}
pkg=packaging/windows
mkdir -p "$out" "$dist"
out=$(cd "$out" && pwd)
dist=$(cd "$dist" && pwd)

signing=no
if [ -n "${DANGJIAN_SIGN_CERT:-}" ]; then
	[ -r "$DANGJIAN_SIGN_CERT" ] || die "DANGJIAN_SIGN_CERT=$DANGJIAN_SIGN_CERT cannot be read"
	signing=yes
fi

step "党建工作台 $version (Windows build $version4), signing: $signing"

# ---------------------------------------------------------------- resources
# Icon, manifest and version information, compiled by mingw's windres into a
# .syso that `go build` links into the exe. The .syso files must sit in the
# package folders while Go builds; they are removed again on exit.
res=$out/res
rm -rf "$res"
mkdir -p "$res"
syso_gui=cmd/dangjian/zz_winres_windows_amd64.syso
syso_cli=cmd/dangjian-cli/zz_winres_windows_amd64.syso
trap 'rm -f "$root/$syso_gui" "$root/$syso_cli"' EXIT

step "resources (icon, manifest, version info)"
convert assets/icon.png -depth 8 -define icon:auto-resize=256,64,48,40,32,24,20,16 "$res/icon.ico"
for kind in gui cli; do
	sed "s/@VERSION4@/$version4/" "$pkg/$kind.manifest" >"$res/$kind.manifest"
done
mkrc() { # kind internal-name description
	sed -e "s|@ICON@|icon.ico|" -e "s|@MANIFEST@|$1.manifest|" \
		-e "s|@VERSION_COMMAS@|$commas|" -e "s|@VERSION@|$version|" \
		-e "s|@PUBLISHER@|党建工作台|" -e "s|@INTERNAL@|$2|" -e "s|@DESCRIPTION@|$3|" \
		"$pkg/versioninfo.rc" >"$res/$1.rc"
	(cd "$res" && x86_64-w64-mingw32-windres --codepage=65001 -O coff -i "$1.rc" -o "$1.syso")
}
mkrc gui dangjian "党建工作台"
mkrc cli dangjian-cli "党建工作台命令行工具"
cp "$res/gui.syso" "$syso_gui"
cp "$res/cli.syso" "$syso_cli"

# ---------------------------------------------------------------- go build
# The Go build cache (go env GOCACHE) is kept between runs: a cold GUI build
# takes minutes (cgo for GLFW/OpenGL through mingw), a warm one seconds.
export GOOS=windows GOARCH=amd64
step "go build dangjian.exe (GUI, cgo with mingw-w64)"
t=$SECONDS
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build -trimpath -tags "$GO_TAGS" \
	-ldflags "-s -w -H windowsgui" -o "$out/dangjian.exe" ./cmd/dangjian
echo "    $((SECONDS - t)) s"
step "go build dangjian-cli.exe (console, pure Go)"
t=$SECONDS
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/dangjian-cli.exe" ./cmd/dangjian-cli
echo "    $((SECONDS - t)) s"
unset GOOS GOARCH
rm -f "$syso_gui" "$syso_cli"

# The GUI must not open a console window, the CLI must; both carry resources.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | awk '/^Subsystem/ {print $2}'; }
[ "$(subsystem "$out/dangjian.exe")" = 00000002 ] || die "dangjian.exe is not a Windows GUI program"
[ "$(subsystem "$out/dangjian-cli.exe")" = 00000003 ] || die "dangjian-cli.exe is not a console program"
for exe in dangjian.exe dangjian-cli.exe; do
	x86_64-w64-mingw32-objdump -h "$out/$exe" | grep -q '\.rsrc' || die "$exe has no resources (icon, version)"
done

if [ $signing = yes ]; then
	step "signing the programs"
	"$pkg/sign.sh" "$out/dangjian.exe" "$out/dangjian-cli.exe"
fi

# Windows Notepad wants CRLF; a BOM makes older versions read UTF-8.
wintext() { printf '\xef\xbb\xbf' >"$2"; sed -e "s/@VERSION@/$version/g" -e 's/$/\r/' "$1" >>"$2"; }

# ---------------------------------------------------------------- installer
step "installer (NSIS)"
stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage"
cp "$out/dangjian.exe" "$out/dangjian-cli.exe" "$res/icon.ico" "$stage/"
wintext assets/fonts/LICENSE-wqy-microhei.txt "$stage/LICENSE-wqy-microhei.txt"
setup=$dist/dangjian-setup-$version.exe
rm -f "$setup"
nsis_sign=()
[ $signing = yes ] && nsis_sign=("-DSIGN_SCRIPT=$root/$pkg/sign.sh")
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DVERSION4="$version4" \
	-DSTAGE="$stage" -DOUTFILE="$setup" "${nsis_sign[@]}" "$pkg/installer.nsi"

# ---------------------------------------------------------------- portable zip
step "portable zip"
port=$out/portable
rm -rf "$port"
mkdir -p "$port/党建工作台"
cp "$out/dangjian.exe" "$out/dangjian-cli.exe" "$port/党建工作台/"
wintext "$pkg/portable.txt" "$port/党建工作台/portable.txt"
wintext "$pkg/readme-portable.txt" "$port/党建工作台/使用说明.txt"
wintext assets/fonts/LICENSE-wqy-microhei.txt "$port/党建工作台/LICENSE-wqy-microhei.txt"
zipfile=$dist/dangjian-portable-$version.zip
rm -f "$zipfile"
# Go's archive/zip marks the names as UTF-8 (flag bit 11), which Windows'
# Explorer reads; Info-ZIP's zip would leave them to the local code page.
go build -o "$out/zipdir" ./$pkg/zipdir
(cd "$port" && "$out/zipdir" "$zipfile" 党建工作台)

# ---------------------------------------------------------------- dist
cp "$out/dangjian.exe" "$dist/dangjian-$version.exe"
cp "$out/dangjian-cli.exe" "$dist/dangjian-cli-$version.exe"
(cd "$dist" && sha256sum "dangjian-setup-$version.exe" "dangjian-portable-$version.zip" \
	"dangjian-$version.exe" "dangjian-cli-$version.exe" >"SHA256SUMS-$version.txt")

echo
echo "==> 党建工作台 $version for Windows, in $((SECONDS - start)) s:"
for f in "dangjian-setup-$version.exe" "dangjian-portable-$version.zip" "dangjian-$version.exe" \
	"dangjian-cli-$version.exe" "SHA256SUMS-$version.txt"; do
	printf '    %-44s %6.1f MB\n' "${dist#"$root"/}/$f" "$(stat -c %s "$dist/$f" | awk '{print $1/1048576}')"
done
if [ $signing = yes ]; then
	echo "    SIGNED with $DANGJIAN_SIGN_CERT${DANGJIAN_SIGN_TIMESTAMP:+ (timestamp $DANGJIAN_SIGN_TIMESTAMP)}"
else
	echo "    *** UNSIGNED: DANGJIAN_SIGN_CERT is not set. Windows SmartScreen will warn"
	echo "    *** \"unknown publisher\" (未知发布者). See docs/windows.md, Signing."
fi
