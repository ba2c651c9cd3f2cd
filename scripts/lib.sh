# Shared by the scripts: install Debian/Ubuntu packages that are missing.
# Uses sudo when not root; does nothing when everything is present.
need_packages() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "==> 安装系统软件包 / installing: ${missing[*]}" >&2
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

need_go() {
	if ! command -v go >/dev/null; then
		[ -x /usr/local/go/bin/go ] && export PATH=$PATH:/usr/local/go/bin
	fi
	command -v go >/dev/null || { echo "需要 Go 1.26 或更新版本 / Go 1.26+ is required: https://go.dev/dl/" >&2; exit 2; }
}

# Fyne's GL driver needs cgo with the X11 and OpenGL headers.
FYNE_BUILD_PACKAGES=(gcc pkg-config libgl1-mesa-dev xorg-dev)
# The tests read PDFs back with poppler's tools.
TEST_PACKAGES=(gcc poppler-utils)
# Fyne's tag for fyne.Do semantics (FyneApp.toml [Migrations] fyneDo = true).
GO_TAGS=migrated_fynedo
