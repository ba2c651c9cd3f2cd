#!/usr/bin/env bash
# `make windows-smoke`: proves the Windows artefacts in dist/ work, under
# Wine 8 (Debian's wine64) and Xvfb, in a fresh Wine prefix with no Chinese
# fonts of its own:
#
#   CLI        dangjian-cli.exe version / demo / audit verify / export org
#              and export members --format forms-pdf; the PDFs hold Chinese text
#              (pdftotext) in an embedded font (pdffonts)
#   portable   the zip unpacked: without --db the data lands in data\ beside the
#              exe, not in %APPDATA%
#   GUI        dangjian.exe --screenshot (Fyne's software painter) of two screens,
#              and a screenshot of the real OpenGL window; each must not be blank
#   installer  an older installer (same files, version 0.0.1) installs silently
#              (/S, no admin) with both shortcuts; a screenshot of the real
#              installer's welcome page (upgrade note); the installed CLI creates
#              data in %APPDATA%; the real installer upgrades in place with
#              /NODESKTOP (files, version, one add/remove-programs entry, Start
#              menu kept, desktop shortcut gone, data untouched) and a reinstall
#              remembers that choice; the installed GUI opens the %APPDATA% data;
#              a screenshot of the uninstaller's confirm page; the silent uninstall
#              removes program, shortcuts and entry, and keeps the data
#
# Results, screenshots and logs stay in build/windows-smoke/ for a person to
# look at (the PNGs especially: Chinese must render, not boxes). Exit 0 when
# every check passed, 1 otherwise.
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go ≥ 1.22 programs need
# at start-up: a stub DLL built from wine/processprng.c is put into the prefix's
# system32. It is for this test only and never shipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. scripts/lib.sh
start=$SECONDS

need_packages wine wine64 libgl1-mesa-dri xvfb xauth x11-utils xdotool imagemagick poppler-utils \
	gcc-mingw-w64-x86-64 nsis unzip fonts-wqy-microhei

version=$(sed -n 's/^Version *= *"\([^"]*\)".*/\1/p' FyneApp.toml)
dist=${DANGJIAN_DIST:-dist}
stage=${DANGJIAN_WINDOWS_BUILD:-build/windows}/stage
setup=$dist/dangjian-setup-$version.exe
zipfile=$dist/dangjian-portable-$version.zip
cli=$dist/dangjian-cli-$version.exe
gui=$dist/dangjian-$version.exe
for f in "$setup" "$zipfile" "$cli" "$gui" "$stage/dangjian.exe"; do
	[ -f "$f" ] || { echo "windows-smoke: $f is missing: run make windows first" >&2; exit 2; }
done

work=$root/build/windows-smoke
rm -rf "$work"
mkdir -p "$work/home" "$work/shots"
log=$work/smoke.log
: >"$log"

# ---------------------------------------------------------------- checks
results=()
failed=0
pass() { results+=("PASS  $1"); echo "  ok    $1"; }
fail() { results+=("FAIL  $1${2:+ — $2}"); failed=$((failed + 1)); echo "  FAIL  $1${2:+ — $2}"; }
# check NAME COMMAND...: runs COMMAND, records pass or fail.
check() {
	local name=$1
	shift
	if "$@" >>"$log" 2>&1; then pass "$name"; else fail "$name" "see $log"; fi
}
step() { echo "==> [$((SECONDS - start)) s] $*"; echo "==> $*" >>"$log"; }
not_blank() { # PNG: fails on a missing or near-uniform image
	[ -s "$1" ] || return 1
	local sd
	sd=$(convert "$1" -colorspace Gray -format "%[fx:standard_deviation]" info:)
	echo "$(basename "$1"): $(identify -format '%wx%h' "$1"), grey standard deviation $sd"
	awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }'
}

# ---------------------------------------------------------------- Wine and X
unset DANGJIAN_DB
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko download prompts, no menu entries on the host, our ProcessPrng.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n,b"
# Wine links the prefix's Desktop and Documents to $HOME: keep them in here.
export HOME=$work/home
export LANG=C.UTF-8 LC_ALL=C.UTF-8

disp=""
for n in $(seq 91 140); do
	if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || { echo "windows-smoke: no free X display" >&2; exit 2; }
Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >>"$log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$disp
cleanup() { # ends what this test started: the programs in its Wine prefix, its Xvfb
	wineserver -k 2>/dev/null || true
	kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
# Park the pointer in the corner, outside every window. Xvfb starts it in the
# middle, over the workbench; a pointer event that arrives while --screenshot
# closes the window then trips Fyne 2.7.1's nil viewport in processMouseMoved
# (fyne-io/fyne#5981, open upstream) and the program panics on its way out.
xdotool mousemove 1365 767 >>"$log" 2>&1 || true

W() { timeout 300 wine "$@"; }        # run a Windows program, at most 5 minutes
wpath() { winepath -w "$1" 2>/dev/null; }
wenv() { W cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; } # a Windows environment variable
# shoot NAME TITLE PNG COMMAND...: starts a Windows program, waits up to 60 s
# for a window whose title contains TITLE, photographs the screen, then ends
# the program (and everything else running in this test's Wine prefix).
shoot() {
	local name=$1 title=$2 png=$3 pid found=""
	shift 3
	wine "$@" >>"$log" 2>&1 &
	pid=$!
	for _ in $(seq 60); do
		if xwininfo -root -tree 2>/dev/null | grep -qF "$title"; then found=yes; break; fi
		sleep 1 # (no early exit when $pid ends: the uninstaller restarts itself from %TEMP%)
	done
	if [ -n "$found" ]; then
		sleep 3
		import -window root "$png" 2>>"$log" || true
		pass "$name: window $title appears"
		check "$name: screenshot not blank" not_blank "$png"
	else
		import -window root "$png" 2>>"$log" || true
		fail "$name: window $title appears" "none within 60 s (Wine without OpenGL?), see $log"
	fi
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	wineserver -k 2>/dev/null || true
	wineserver -w 2>/dev/null || true
}

step "Wine prefix (fresh) and the ProcessPrng stub"
t=$SECONDS
wineboot -i >>"$log" 2>&1 || true
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bcryptprimitives.dll" \
	packaging/windows/wine/processprng.c packaging/windows/wine/processprng.def -ladvapi32
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
# NSIS's Chinese dialogs ask for the font 宋体 (SimSun), which every Chinese
# Windows has: point it at the host's WenQuanYi so the installer screenshots
# are readable. That is GDI only: Fyne looks for font files in
# C:\windows\Fonts, which stays without Chinese (checked below).
for f in 宋体 SimSun; do
	W reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes' /v "$f" /d "WenQuanYi Micro Hei" /f >>"$log" 2>&1
done
appdata=$(winepath -u "$(wenv APPDATA)")
localappdata=$(winepath -u "$(wenv LOCALAPPDATA)")
echo "    $((SECONDS - t)) s; APPDATA=$appdata"
# The app must draw Chinese with its own font: the prefix has none.
if find "$WINEPREFIX/drive_c/windows/Fonts" -iname '*wqy*' -o -iname '*droid*' -o -iname '*cjk*' \
	-o -iname '*hei*' -o -iname '*song*' | grep -q .; then
	fail "Wine prefix has no CJK font of its own" "found one in C:\\windows\\Fonts"
else
	pass "Wine prefix has no CJK font of its own (Chinese must come from the bundled font)"
fi

# ---------------------------------------------------------------- CLI
step "dangjian-cli.exe"
db=$work/demo.db
out=$(W "$cli" version 2>&1 | tr -d '\r') || true
echo "$out" >>"$log"
if grep -q "dangjian-cli $version" <<<"$out"; then pass "cli version: $out"; else fail "cli version" "got: $out"; fi
check "cli demo (--db, 120 members)" W "$cli" --db "$(wpath "$db")" demo --members 120 --seed 1
check "cli audit verify" W "$cli" --db "$(wpath "$db")" audit verify
check "cli export org (PDF)" W "$cli" --db "$(wpath "$db")" export org --out "$(wpath "$work/org.pdf")"
check "org PDF has Chinese text 组织架构表" grep -q 组织架构表 <(pdftotext "$work/org.pdf" - 2>/dev/null)
check "cli export members --format forms-pdf" W "$cli" --db "$(wpath "$db")" export members \
	--format forms-pdf --branch 第一车队 --out "$(wpath "$work/forms.pdf")"
pdftotext "$work/forms.pdf" "$work/forms.txt" 2>>"$log" || true
check "forms PDF has Chinese text 党员基本信息登记表" grep -q 党员基本信息登记表 "$work/forms.txt"
check "forms PDF font embedded as a subset" grep -q "yes yes yes" <(pdffonts "$work/forms.pdf" 2>/dev/null)
pdftoppm -png -r 60 -f 1 -l 1 "$work/forms.pdf" "$work/shots/forms-page" 2>>"$log" || true

# ---------------------------------------------------------------- portable
step "portable zip"
unzip -q "$zipfile" -d "$work/portable"
pdir=$work/portable/党建工作台
check "zip holds both exes, portable.txt, 使用说明.txt" test -f "$pdir/dangjian.exe" -a -f "$pdir/dangjian-cli.exe" \
	-a -f "$pdir/portable.txt" -a -f "$pdir/使用说明.txt"
check "portable cli demo (no --db)" W "$pdir/dangjian-cli.exe" demo --members 50 --seed 2
check "portable data in data\\dangjian.db next to the exe" test -f "$pdir/data/dangjian.db"
check "portable run left %APPDATA%\\dangjian alone" test ! -e "$appdata/dangjian"
check "portable GUI opens its data (--screenshot)" W "$pdir/dangjian.exe" --screenshot "$(wpath "$work/shots/portable-gui.png")"
check "portable GUI screenshot not blank" not_blank "$work/shots/portable-gui.png"

# ---------------------------------------------------------------- GUI
step "dangjian.exe (GUI)"
for screen in 组织架构 党员档案; do
	png=$work/shots/gui-$screen.png
	check "gui --screenshot $screen" W "$gui" --db "$(wpath "$db")" --screen "$screen" --size 1280x720 --screenshot "$(wpath "$png")"
	check "gui screenshot $screen not blank" not_blank "$png"
done

# The real window: started normally (OpenGL through Wine and Mesa), found
# on the X display by its title, photographed with ImageMagick, then closed.
cp "$db" "$work/window.db"
shoot "gui real window (OpenGL)" '"党建工作台"' "$work/shots/gui-window.png" "$gui" --db "$(wpath "$work/window.db")"

# ---------------------------------------------------------------- installer
step "installer: install 0.0.1, upgrade to $version, uninstall"
instdir=$localappdata/Programs/党建工作台
startmenu=$appdata/Microsoft/Windows/Start\ Menu/Programs
desktop=$(winepath -u "$(W cmd /c echo %USERPROFILE%\\Desktop | tr -d '\r')")
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.dangjian.workbench'
regval() { W reg query "$key" /v "$1" 2>/dev/null | tr -d '\r' | awk -v k="$1" '$1 == k {print $3}'; }

# An "older version": the same files packed as 0.0.1, to test the upgrade path.
old=$work/dangjian-setup-0.0.1.exe
makensis -V1 -INPUTCHARSET UTF8 -DVERSION=0.0.1 -DVERSION4=0.0.1.0 -DSTAGE="$root/$stage" \
	-DOUTFILE="$old" packaging/windows/installer.nsi >>"$log" 2>&1
check "old installer 0.0.1 /S (as a normal user, no admin)" W "$old" /S
check "0.0.1 registered in add/remove programs (HKCU)" test "$(regval DisplayVersion)" = 0.0.1
check "0.0.1 made Start-menu and desktop shortcuts" test -f "$startmenu/党建工作台.lnk" -a -f "$desktop/党建工作台.lnk"
shoot "installer UI (upgrade from 0.0.1)" "党建工作台 $version 安装" "$work/shots/installer-welcome.png" "$setup"
check "installed CLI creates data in %APPDATA%\\dangjian (no --db)" W "$instdir/dangjian-cli.exe" demo --members 50 --seed 3
check "data at %APPDATA%\\dangjian\\dangjian.db" test -f "$appdata/dangjian/dangjian.db"
W "$instdir/dangjian-cli.exe" members list --all --json >"$work/members-before.json" 2>>"$log" || true
check "installed CLI lists the demo members" test "$(grep -c '"id_number"' "$work/members-before.json")" -ge 50

check "installer $version /S /NODESKTOP upgrades in place" W "$setup" /S /NODESKTOP
check "installed dangjian.exe, dangjian-cli.exe, uninstall.exe" test -f "$instdir/dangjian.exe" \
	-a -f "$instdir/dangjian-cli.exe" -a -f "$instdir/uninstall.exe"
check "installed dangjian.exe is this build" cmp "$instdir/dangjian.exe" "$gui"
check "add/remove programs now says $version" test "$(regval DisplayVersion)" = "$version"
check "add/remove programs: InstallLocation, UninstallString" test -n "$(regval UninstallString)" -a -n "$(regval InstallLocation)"
check "Start-menu shortcut" test -f "$startmenu/党建工作台.lnk"
check "/NODESKTOP removed the desktop shortcut" test ! -e "$desktop/党建工作台.lnk"
check "reinstall $version /S over itself" W "$setup" /S
check "reinstall remembered: no desktop shortcut" test ! -e "$desktop/党建工作台.lnk"
check "one add/remove-programs entry" test "$(W reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' 2>/dev/null | grep -c -i dangjian)" -eq 1
out=$(W "$instdir/dangjian-cli.exe" version 2>&1 | tr -d '\r') || true
if grep -q "$version" <<<"$out"; then pass "installed CLI runs: $out"; else fail "installed CLI runs" "$out"; fi
W "$instdir/dangjian-cli.exe" members list --all --json >"$work/members-upgraded.json" 2>>"$log" || true
check "data unchanged by the upgrade" cmp "$work/members-before.json" "$work/members-upgraded.json"
check "installed GUI opens %APPDATA% data (--screenshot)" W "$instdir/dangjian.exe" --screen 党员档案 --size 1280x720 \
	--screenshot "$(wpath "$work/shots/installed-gui.png")"
check "installed GUI screenshot not blank" not_blank "$work/shots/installed-gui.png"

# While the workbench runs, neither the installer nor the uninstaller may
# touch its files (silent mode: the installer exits with code 2).
wine "$instdir/dangjian.exe" >>"$log" 2>&1 &
run_pid=$!
for _ in $(seq 60); do xwininfo -root -tree 2>/dev/null | grep -q '"党建工作台"' && break; sleep 1; done
rc=0
W "$setup" /S >>"$log" 2>&1 || rc=$?
check "installer /S refuses while the workbench runs (exit 2)" test "$rc" = 2
W "$instdir/uninstall.exe" /S >>"$log" 2>&1 || true
sleep 5
check "uninstaller /S refuses while the workbench runs" test -f "$instdir/dangjian.exe" -a -f "$instdir/uninstall.exe" \
	-a -f "$instdir/dangjian-cli.exe"
kill "$run_pid" 2>/dev/null || true
wait "$run_pid" 2>/dev/null || true
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true

shoot "uninstaller UI" "党建工作台 $version 卸载" "$work/shots/uninstaller-confirm.png" "$instdir/uninstall.exe"
W "$instdir/uninstall.exe" /S >>"$log" 2>&1 || true
# The uninstaller copies itself to %TEMP% and returns at once: wait for it.
for _ in $(seq 60); do [ -e "$instdir/dangjian.exe" ] || [ -e "$instdir/uninstall.exe" ] || break; sleep 1; done
sleep 2
check "uninstall removed the program folder" test ! -e "$instdir"
check "uninstall removed the shortcuts" test ! -e "$startmenu/党建工作台.lnk" -a ! -e "$desktop/党建工作台.lnk"
check "uninstall removed the add/remove programs entry" test -z "$(regval DisplayVersion)"
check "uninstall kept %APPDATA%\\dangjian\\dangjian.db" test -f "$appdata/dangjian/dangjian.db"
W "$cli" --db "$(wpath "$appdata/dangjian/dangjian.db")" members list --all --json >"$work/members-kept.json" 2>>"$log" || true
check "kept data intact after uninstall" cmp "$work/members-before.json" "$work/members-kept.json"
check "kept data's audit log verifies" W "$cli" --db "$(wpath "$appdata/dangjian/dangjian.db")" audit verify

# ---------------------------------------------------------------- summary
echo
echo "==> windows-smoke summary ($((SECONDS - start)) s, Wine $(wine --version 2>/dev/null))"
printf '    %s\n' "${results[@]}"
echo "    screenshots: $work/shots/ (look at them: Chinese must render, not boxes)"
echo "    log: $log"
if [ "$failed" -gt 0 ]; then
	echo "==> $failed check(s) FAILED"
	exit 1
fi
echo "==> all ${#results[@]} checks passed"
