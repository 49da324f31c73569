# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/run and build-aux/test: installs the Debian 12 packages
# Glide needs (only those missing), then configures and builds into _build/.

glide_packages=(
  meson ninja-build pkg-config gcc libc6-dev gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev nettle-dev libhpdf-dev libfribidi-dev libharfbuzz-dev fonts-dejavu-core fonts-wqy-zenhei fonts-noto-core
  desktop-file-utils appstream groff-base adwaita-icon-theme fonts-cantarell at-spi2-core
  sqlite3 xvfb xauth dbus-daemon dbus-session-bus-common python3 poppler-utils
  python3-gi gir1.2-atspi-2.0 xdotool x11-apps
  postgresql-15 postgresql-client-15 libpq-dev
  libsecret-1-dev gnome-keyring
  locales python3-jsonschema
)

glide_install_packages () {
  local missing=() pkg
  for pkg in "${glide_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "Installing: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

glide_build () {
  local top=$1
  if [ ! -f "$top/_build/build.ninja" ]; then
    meson setup "$top/_build" "$top" -Dwerror=true
  fi
  meson compile -C "$top/_build"
}
