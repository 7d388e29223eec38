"""Write playground_en.ts: the English singular and plural of every counted UI text.

A text with a count, `self.tr("Completed %n epoch(s).", "", n)`, shows "(s)" as it is unless a
translation gives its forms; English needs them too ("1 epoch", "2 epochs"). This script takes
every message in the code whose source has `%n` or a word ending in "(s)"/"(es)" (the counted
word of a phrase like `translate("CoreText", "target(s)", "…", n)`), and writes its two forms:
the suffix dropped for one, spelled out for more. Run from the repository root, with the
virtual environment active, after changing such a text:

    python resources/translations/english_plurals.py
    pyside6-lrelease resources/translations/playground_en.ts -qm resources/translations/playground_en.qm

tests/gui/test_plurals.py fails, naming the texts, when playground_en.ts is out of step.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "playground_en.ts"
COUNTED = re.compile(r"%n|\w\((e?s)\)")


def forms(source: str) -> tuple[str, str]:
    """(one, many): "Completed %n epoch(s)." -> ("Completed %n epoch.", "Completed %n epochs.")."""
    return re.sub(r"(\w)\((e?s)\)", r"\1", source), re.sub(r"(\w)\((e?s)\)", r"\1\2", source)


def counted_messages(ts_text: str) -> dict[str, list[tuple[str, str]]]:
    """{context: [(source, disambiguation)]} of the counted messages in a .ts text."""
    found: dict[str, list[tuple[str, str]]] = {}
    for context in ET.fromstring(ts_text).iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if COUNTED.search(source):
                found.setdefault(name, []).append((source, message.findtext("comment") or ""))
    return found


def code_messages() -> str:
    """All the code's messages, as lupdate writes them (a .ts text)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "all.ts"
        files = [str(p) for p in sorted((ROOT / "playground" / "gui").rglob("*.py"))]
        subprocess.run(
            ["pyside6-lupdate", *files, "-ts", str(out), "-no-obsolete", "-locations", "none"],
            check=True,
            capture_output=True,
        )
        return out.read_text(encoding="utf-8")


def render(messages: dict[str, list[tuple[str, str]]]) -> str:
    esc = lambda text: html.escape(text, quote=False)  # noqa: E731
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="en">']
    for context in sorted(messages):
        lines += ["<context>", f"    <name>{esc(context)}</name>"]
        for source, comment in messages[context]:
            one, many = forms(source)
            lines.append('    <message numerus="yes">')
            lines.append(f"        <source>{esc(source)}</source>")
            if comment:
                lines.append(f"        <comment>{esc(comment)}</comment>")
            lines += [
                "        <translation>",
                f"            <numerusform>{esc(one)}</numerusform>",
                f"            <numerusform>{esc(many)}</numerusform>",
                "        </translation>",
                "    </message>",
            ]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def main() -> int:
    TS.write_text(render(counted_messages(code_messages())), encoding="utf-8")
    print(f"wrote {TS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
