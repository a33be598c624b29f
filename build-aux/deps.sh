#!/usr/bin/env bash
# Installs what Xarxa needs to build, run and test on Debian 12, if missing.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsodium-dev libsecret-1-dev
  libgweather-4-dev libical-dev
  iso-codes desktop-file-utils appstream yelp-tools libxml2-utils
  xvfb xauth dbus dbus-x11 at-spi2-core gnome-keyring
  python3 locales
  libpoppler-glib-dev libxml2-dev libcairo2-dev qpdf
  libigraph-dev
)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# gtk_test_init() runs the UI tests in en_US.UTF-8 when the machine has it,
# as most users' machines do: have it, so that the tests meet the numbers
# and dates a user sees ("1,200"), not only the C locale's ("1200").  The
# printed itinerary's tests also read Catalan and Spanish day names.
for loc in en_US ca_ES es_ES; do
  if ! locale -a 2>/dev/null | grep -qi "^$loc\.utf-\?8$"; then
    echo "Generating the $loc.UTF-8 locale"
    if grep -q "^# *$loc\.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
      $sudo sed -i "s/^# *\($loc\.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    elif ! grep -q "^$loc\.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$loc.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    fi
    $sudo locale-gen
  fi
done
