# Sourced by scripts/serve and scripts/test: make .venv and install the project into it.
# $1 is the pip extra to install ("" or "test").

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    # Install Debian packages that are missing; `apt-get update` once, only when needed.
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [ ! -x .venv/bin/python ]; then
    # Debian's python3 needs python3-venv for `-m venv`; other Pythons ship it.
    python3 -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; python3 -m venv .venv; }
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".${1:+[$1]}"
# The site builds its editions at run time: WeasyPrint draws PDFs with Pango, and the PDF and
# EPUB editions embed the Arabic and Chinese fonts (found with fontconfig).
apt_install libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-noto-core fonts-noto-cjk
