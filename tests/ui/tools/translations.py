"""Keep the translation catalogues in step with the code.

    python tests/ui/tools/translations.py                  # update resources/i18n/*.ts
    python tests/ui/tools/translations.py --from OTHER.ts  # ... also taking OTHER's translations
    python tests/ui/tools/translations.py --todo [CONTEXT ...] > todo.json  # what is unfinished
    python tests/ui/tools/translations.py --fill done.json # {context: {source: translation}}

(--from settles a merge: keep one side's file, take the other side's translations too.)

pyside6-lupdate collects every tr() / QCoreApplication.translate() in app/ui; to that this adds
the strings the UI translates at run time, which no scanner can see: the settings forms' field
labels and descriptions (context "schema", built from the pydantic models) and the provider
catalogue's names and notes (context "catalog"). Existing translations are kept; strings the code no
longer uses are dropped; new ones arrive as unfinished for a translator (Qt Linguist opens the
file). tests/ui/test_translations.py fails while a catalogue is out of step or unfinished.
"""

from __future__ import annotations

import inspect
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import typing
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from pydantic import BaseModel  # noqa: E402

from app.config import schema  # noqa: E402
from app.config.presets import load_catalogue  # noqa: E402
from app.ui.language import LANGUAGES, catalogue_path  # noqa: E402
from app.ui.settings.fields import field_label  # noqa: E402

Key = tuple[str, str]  # (context, source)
TRANSLATED = [lang for lang in LANGUAGES if lang not in ("system", "en")]


def lupdate() -> str:
    """The lupdate next to this Python (the venv's), else one on PATH."""
    here = Path(sys.executable).with_name("pyside6-lupdate")
    return str(here) if here.exists() else shutil.which("pyside6-lupdate") or "pyside6-lupdate"


def runtime_strings() -> dict[str, list[str]]:
    """Context → sources that the UI passes to translate() as values, not literals."""
    labels: list[str] = []
    for model in form_models():
        for name, info in model.model_fields.items():
            labels.append(field_label(name))
            if info.description:
                labels.append(info.description)
    presets = load_catalogue().values()
    catalog = [p.name for p in presets] + [p.notes for p in presets if p.notes]
    return {"schema": _unique(labels), "catalog": _unique(catalog)}


def form_models() -> list[type[BaseModel]]:
    """The models the settings forms lay out, and every model nested in them."""
    found: list[type[BaseModel]] = []
    todo: list[Any] = [schema.Provider, schema.Profile, schema.Settings]
    while todo:
        hint = todo.pop()
        if inspect.isclass(hint) and issubclass(hint, BaseModel):
            if hint not in found:
                found.append(hint)
                todo.extend(info.annotation for info in hint.model_fields.values())
        else:
            todo.extend(typing.get_args(hint))
    return found


def scanned(language: str) -> ElementTree.Element:
    """A fresh catalogue of the code's literal strings, as lupdate writes it."""
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"switchboard_{language}.ts"
        subprocess.run(
            [
                lupdate(),
                *sources,
                "-locations",
                "none",
                "-target-language",
                language,
                "-ts",
                str(out),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        return ElementTree.parse(out).getroot()


def expected(language: str) -> ElementTree.Element:
    """What the catalogue must hold: the scanned strings plus the run-time ones."""
    root = scanned(language)
    for name, sources in runtime_strings().items():
        context = ElementTree.SubElement(root, "context")
        ElementTree.SubElement(context, "name").text = name
        for source in sources:
            message = ElementTree.SubElement(context, "message")
            ElementTree.SubElement(message, "source").text = source
            ElementTree.SubElement(message, "translation", type="unfinished")
    return root


def messages(root: ElementTree.Element) -> dict[Key, ElementTree.Element]:
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def update(language: str, also: list[Path] = []) -> tuple[int, int]:  # noqa: B006
    """Rewrite the language's catalogue, keeping its translations (and taking those of `also`
    where it has none); returns (strings, still unfinished)."""
    path = catalogue_path(language)
    old: dict[Key, ElementTree.Element] = {}
    for source in reversed([path, *also]):
        if source.exists():
            found = messages(ElementTree.parse(source).getroot())
            old.update({k: m for k, m in found.items() if _finished(m) or k not in old})
    root = expected(language)
    unfinished = 0
    for key, message in messages(root).items():
        kept = old.get(key)
        translation = kept.find("translation") if kept is not None else None
        if translation is not None and kept is not None and _finished(kept):
            message.remove(message.find("translation"))  # type: ignore[arg-type]
            message.append(translation)
        if message.find("translation").get("type") == "unfinished":  # type: ignore[union-attr]
            unfinished += 1
    write(root, path)
    return len(messages(root)), unfinished


def write(root: ElementTree.Element, path: Path) -> None:
    ElementTree.indent(root, space="    ")
    body = ElementTree.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _finished(message: ElementTree.Element) -> bool:
    translation = message.find("translation")
    return translation is not None and translation.get("type") is None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def todo(language: str, contexts: list[str]) -> dict[str, dict[str, str]]:
    """The unfinished strings (of `contexts`, or all), as --fill takes them."""
    found: dict[str, dict[str, str]] = {}
    for (context, source), message in messages(
        ElementTree.parse(catalogue_path(language)).getroot()
    ).items():
        if not _finished(message) and (not contexts or context in contexts):
            found.setdefault(context, {})[source] = ""
    return found


def fill(language: str, done: dict[str, dict[str, str]]) -> int:
    """Write translations into the catalogue; returns how many were taken."""
    path = catalogue_path(language)
    root = ElementTree.parse(path).getroot()
    taken = 0
    for (context, source), message in messages(root).items():
        text = done.get(context, {}).get(source)
        if not text:
            continue
        old = message.find("translation")
        if old is not None:
            message.remove(old)
        translation = ElementTree.SubElement(message, "translation")
        if message.get("numerus") == "yes":
            ElementTree.SubElement(translation, "numerusform").text = text  # Chinese: one form
        else:
            translation.text = text
        taken += 1
    write(root, path)
    return taken


if __name__ == "__main__":
    args = sys.argv[1:]
    for lang in TRANSLATED:
        if args[:1] == ["--todo"]:
            print(json.dumps(todo(lang, args[1:]), ensure_ascii=False, indent=1))
        elif args[:1] == ["--fill"]:
            done = json.loads(Path(args[1]).read_text(encoding="utf-8"))
            print(f"{fill(lang, done)} translations taken", file=sys.stderr)
        else:
            others = [Path(a) for flag, a in itertools.pairwise(args) if flag == "--from"]
            total, left = update(lang, others)
            print(f"{catalogue_path(lang).relative_to(ROOT)}: {total} strings, {left} unfinished")
