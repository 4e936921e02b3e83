#!/usr/bin/env bash
# Regenerates the committed icon set in resources/ from resources/icon.svg (Debian: apt-get install imagemagick icnsutils).
set -euo pipefail
cd "$(dirname "$0")/../resources"
IM=/usr/bin/convert
for s in 16 24 32 48 64 128 256 512 1024; do $IM -background none -density 300 icon.svg -resize ${s}x${s} icons/${s}x${s}.png; done
cp icons/512x512.png icon.png
$IM icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png >/dev/null
# The Windows taskbar overlay for unread messages: a small orange dot.
$IM -size 32x32 xc:none -fill '#e0622c' -draw 'circle 16,16 16,2' badge.png
