# Sourced by scripts/run and scripts/test: makes .venv at the repository root and installs the
# project into it when it is missing or when pyproject.toml changed since the last install.
# Also installs the Debian libraries Qt needs when they are missing (as root), or says which.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

if ! command -v "$PY" >/dev/null 2>&1; then
    echo "error: $PY not found; install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)" >&2
    exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "error: Python 3.11 or newer is needed; $PY is $("$PY" -V 2>&1)" >&2
    exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "setting up $VENV ..." >&2
    "$PY" -m venv "$VENV"
fi

stamp="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "installing the project and its dependencies into $VENV ..." >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]" >&2
    rm -f "$VENV"/.installed-*
    touch "$stamp"
fi

# The translations the application loads (.qm, build output) from their sources (.ts, in the
# repository): compiled when missing or older than the source.
for ts in "$ROOT"/resources/i18n/*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
        "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm" >&2 \
            || echo "note: could not compile $ts; the screens stay in English" >&2
    fi
done

# Qt's platform plugins load a few system libraries. Offscreen (tests) needs the first group;
# a real screen (xcb) the rest. Install what is missing when we can, otherwise say what to do.
qt_debs() {
    local want=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
                libpulse0)
    if [ "${1:-}" = "screen" ]; then
        want+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
               libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1)
    fi
    local missing=()
    for deb in "${want[@]}"; do
        dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "note: Qt may need these system libraries: ${missing[*]}" >&2
        return 0
    fi
    if [ "$(id -u)" = 0 ]; then
        echo "installing system libraries for Qt: ${missing[*]}" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "error: Qt needs these system libraries; install them with:" >&2
        echo "  sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

# The label tests render ZPL offline (zpl-renderer-js on Node) and PDFs (poppler's pdftoppm),
# then read every barcode back with zxing-cpp.
label_tools() {
    local missing=()
    command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    # Not a label tool, but a test tool all the same: the HTTPS sync tests make a certificate.
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "installing for the label tests: ${missing[*]}" >&2
            apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
        else
            echo "error: the label tests need: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
            exit 1
        fi
    fi
    if [ ! -f "$VENV/node/node_modules/zpl-renderer-js/package.json" ]; then
        echo "installing zpl-renderer-js into $VENV/node ..." >&2
        mkdir -p "$VENV/node"
        npm install --silent --no-audit --no-fund --prefix "$VENV/node" zpl-renderer-js@3.4.0 >&2
    fi
}
