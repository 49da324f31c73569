#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Documents one three-area session in Glide from the keyboard, under Xvfb,
# and prints how many keys it took and how long: the demo clinic, patient
# Müller (P-1001), plantar fascia, calf and Achilles tendon on the left, the
# skin response of each, pain 4 -> 2.5, ankle dorsiflexion 8 -> 12, save, sign.
#
#   tests/tools/document-session.sh [BUILD_DIR]
#
# Screenshots of each step go to $OUT (default: a new temporary folder).
set -euo pipefail

build=${1:-_build}
out=${OUT:-$(mktemp -d)}
display=:$(( (RANDOM % 400) + 100 ))

Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $glide $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data NO_AT_BRIDGE=1
sleep 1

"$build/src/glide" -d "$out/clinic.db" --demo >/dev/null
"$build/src/glide" -d "$out/clinic.db" >"$out/glide.log" 2>&1 &
glide=$!
sleep 3

# Setup, not counted: choose the therapist on first run (Xvfb has no window
# manager, so keys go to the window under the pointer) and open the patient.
xdotool mousemove 273 201 click 1; sleep 0.5
xdotool mousemove 150 700
xdotool key ctrl+f; xdotool type --delay 40 "muller"; xdotool key Return; sleep 1

keys=0
key () { xdotool key --delay 60 "$@"; keys=$((keys + $#)); }
typ () { xdotool type --delay 60 "$1"; keys=$((keys + ${#1})); }
shot () { import -window root "$out/$1.png"; }

start=$(date +%s.%N)
key ctrl+shift+n; sleep 1.5                      # new session
key ctrl+f; sleep 0.3; typ "plantar"; key Return   # three areas from the area search
key ctrl+a; typ "calf left"; key Return
key ctrl+a; typ "achilles left"; key Return
# Skin response: Enter on an area already listed goes to its row.
redness () {   # $1: search text, $2: steps down the redness list
  key ctrl+f; sleep 0.3; key ctrl+a; typ "$1"; key Return; sleep 0.2
  key Tab Tab Tab Tab Tab Tab Tab; key space; sleep 0.3
  for _ in $(seq "$2"); do key Down; done
  key Return; sleep 0.2
}
redness "plantar" 2        # mild
redness "calf left" 1      # none
redness "achilles left" 3  # moderate
shot areas
key Tab Tab Tab Tab Tab; typ "4"; key Tab; typ "2.5"   # pain before -> after
key alt+r; sleep 0.3                                   # Add ROM
key space; sleep 0.3; key shift+Tab; typ "ankle d"; sleep 0.3; key Down Return; sleep 0.2
key Tab Tab Tab; typ "8"; key Tab; typ "12"
shot outcomes
key ctrl+s; sleep 0.5
key ctrl+shift+s; sleep 0.6
xdotool mousemove 150 100; sleep 0.2                   # onto the dialog (no window manager)
shot sign
key Return; sleep 0.5
end=$(date +%s.%N)
xdotool mousemove 150 700
shot signed

printf 'keys: %d, mouse clicks: 0, seconds: %.1f (xdotool at 60 ms a key)\n' \
  "$keys" "$(echo "$end - $start" | bc)"
sqlite3 "$out/clinic.db" "SELECT 'session ' || id || ', signed at ' || signed_at FROM sessions ORDER BY id DESC LIMIT 1;
  SELECT site || ' ' || side || ': ' || stroke || ', ' || duration_s || ' s, ' || edge || ', redness ' || redness
    FROM treatments WHERE session_id = (SELECT max(id) FROM sessions);
  SELECT measure || ' ' || coalesce(side, '') || ' ' || timing || ' ' || value
    FROM measures WHERE session_id = (SELECT max(id) FROM sessions);"
echo "screenshots: $out"
