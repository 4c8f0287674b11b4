#!/usr/bin/env bash
# Collects every translatable string of the screens (self.tr(...), QCoreApplication.translate(...)
# and QT_TRANSLATE_NOOP(...) in fulfillment_app/ui, and the screens' titles marked with _s(...)
# in main_window.py) into the translation source resources/i18n/fulfillment_he.ts, keeping the
# translations already made. Run it after adding or changing a string on a screen
# (tests/test_ui_strings.py fails until you do); then translate the new strings with Qt
# Linguist (pyside6-linguist resources/i18n/fulfillment_he.ts). The .qm the application loads is
# compiled from the .ts by the set-up or at start (pyside6-lrelease), never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUPDATE="${PYSIDE6_LUPDATE:-$ROOT/.venv/bin/pyside6-lupdate}"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"
mkdir -p resources/i18n build/i18n
# lupdate does not see through the _s() helper: spell its strings out for it.
"$PY" - <<'PYEOF'
import ast
from pathlib import Path

found = []
for path in sorted(Path("fulfillment_app/ui").glob("*.py")):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_s"
                and node.args and isinstance(node.args[0], ast.Constant)):
            found.append(node.args[0].value)
lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
lines += [f"QT_TRANSLATE_NOOP({'Screens'!r}, {text!r})" for text in dict.fromkeys(found)]
Path("build/i18n/screens.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
PYEOF
"$LUPDATE" fulfillment_app/ui/*.py build/i18n/screens.py -locations none -no-obsolete \
    -target-language he_IL -ts resources/i18n/fulfillment_he.ts
# Right to left: a Hebrew line that opens with a placeholder (a name, a number) starts with a
# right-to-left mark, and a placeholder followed by ":" ends with one ("A5: 2 of 2" would
# otherwise read "2 :A5"). Idempotent, so translations added in Linguist are fixed up too.
"$PY" - <<'PYEOF'
import xml.etree.ElementTree as ET
from pathlib import Path

RLM = "\u200f"
ts = Path("resources/i18n/fulfillment_he.ts")
tree = ET.parse(ts)
for context in tree.getroot().iter("context"):
    if context.findtext("name") == "Units":
        continue
    for translation in context.iter("translation"):
        text = translation.text or ""
        if text.startswith(("{", "+", "(")):
            text = RLM + text
        text = text.replace("\n{", "\n" + RLM + "{").replace("}:", "}" + RLM + ":")
        translation.text = text or translation.text
body = ET.tostring(tree.getroot(), encoding="unicode")
ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
PYEOF
