#!/usr/bin/env bash
# Collects every translatable string of the screens (self.tr(...) and
# QCoreApplication.translate(...) in fulfillment_app/ui) into the translation source
# resources/i18n/fulfillment_he.ts, keeping the translations already made. Run it after adding
# or changing a string on a screen (tests/test_ui_strings.py fails until you do); translators
# then fill in the .ts with Qt Linguist.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUPDATE="${PYSIDE6_LUPDATE:-$ROOT/.venv/bin/pyside6-lupdate}"
cd "$ROOT"
mkdir -p resources/i18n
"$LUPDATE" fulfillment_app/ui/*.py -target-language he_IL -ts resources/i18n/fulfillment_he.ts
