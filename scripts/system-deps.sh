#!/usr/bin/env bash
# Install the Debian packages a make target needs, when they are missing.
# Usage: scripts/system-deps.sh [--list] GROUP...   (groups: venv, pdf, epub, browser)
# As root it runs apt-get; otherwise it stops and prints the exact command to run.
# --list prints every package of the groups, one a line: the one list that README, Read the Docs
# (.readthedocs.yaml, kept equal by tests/test_install.py) and the Pages workflow share.
set -euo pipefail

list=false
if [ "${1:-}" = "--list" ]; then list=true; shift; fi
missing=()
need() {  # need PACKAGE CHECK-COMMAND...
  local pkg=$1; shift
  if $list || ! "$@" >/dev/null 2>&1; then missing+=("$pkg"); fi
}

for group in "$@"; do
  case "$group" in
    venv)
      need python3-venv python3 -c 'import ensurepip, venv' ;;
    pdf)
      need texlive-xetex command -v xelatex
      need latexmk command -v latexmk
      need texlive-latex-extra kpsewhich fncychap.sty
      need texlive-fonts-recommended kpsewhich pzdr.tfm
      need texlive-lang-arabic kpsewhich arabxetex.sty
      need lmodern kpsewhich lmodern.sty
      need fonts-dejavu-core test -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
      need fonts-noto-core test -e /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf
      need fonts-hosny-amiri test -e /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf
      need poppler-utils command -v pdffonts ;;
    epub)  # EPUBCheck, which the tests run on the EPUB edition, and the Java runtime it runs on
      need default-jre-headless command -v java
      need epubcheck command -v epubcheck ;;
    browser)
      need chromium test -x /usr/bin/chromium ;;
    *) echo "system-deps: unknown group '$group'" >&2; exit 2 ;;
  esac
done

if $list; then printf '%s\n' "${missing[@]}"; exit 0; fi
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Run as root (or with sudo):" >&2
  echo "  $cmd" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
bash -c "$cmd"
