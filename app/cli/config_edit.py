"""`switchboard config init|edit|get|set|export`: write, change and share the config file.

Every change is validated by the schema before the file is touched; a refused change exits
with status 2 and leaves the file as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import CommandFailed, load
from app.cli.editing import BAD_INPUT, ask, interactive, refuse, save
from app.config.paths import config_path


def register(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verbs.add_parser(
        "init", help="write the commented default config (if there is none yet)"
    ).set_defaults(handler=_init)
    verbs.add_parser(
        "edit",
        help="open the config in $VISUAL/$EDITOR; it is saved only if it validates",
    ).set_defaults(handler=_edit)

    get = verbs.add_parser(
        "get",
        help="print one setting, e.g. settings.log_level",
        description="Print the value at a dotted KEY (defaults included): settings.port, "
        "providers.NAME.base_url, profiles.NAME.models.sonnet. Exit status 1 when it is unset.",
    )
    get.add_argument("key", metavar="KEY")
    get.set_defaults(handler=_get)

    set_ = verbs.add_parser(
        "set",
        help="change one setting, checked by the schema; comments stay",
        description="Set the dotted KEY to VALUE. VALUE is read as TOML when it is TOML "
        '(true, 8080, ["a/b", "c/d"]), else as text. Refused changes write nothing.',
    )
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE")
    set_.set_defaults(handler=_set)

    export = verbs.add_parser(
        "export",
        help="print the config as TOML or JSON, secrets left out",
        description="Print the config (only what differs from the defaults). API keys written "
        "in the file and secret-looking headers and environment variables are left out unless "
        "--with-secrets, which also resolves keyring: and env: references to their values.",
    )
    export.add_argument("--format", choices=("toml", "json"), default="toml")
    export.add_argument(
        "--with-secrets", action="store_true", help="include the keys (resolved from the keyring)"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE (mode 0600), not stdout"
    )
    export.set_defaults(handler=_export)


def _init(args: argparse.Namespace) -> int:
    from app.config.store import DEFAULT_CONFIG, write_text_atomic

    path = config_path(args.config)
    if path.exists():
        raise refuse(
            f"{path} already exists; change it with `switchboard config edit` or "
            "`switchboard config set`, or move it away first"
        )
    write_text_atomic(path, DEFAULT_CONFIG)
    print(f"wrote the default config to {path}")
    print("next: `switchboard profile add` (or the tray app's first-run wizard)")
    return 0


def _get(args: argparse.Namespace) -> int:
    from app.config.dotted import KeyProblem, get_value

    config = load(args, create=False).config
    try:
        value = get_value(config, args.key)
    except KeyProblem as exc:
        raise refuse(str(exc)) from exc
    if value is None:
        return 1
    print(value if isinstance(value, str) else _json(value))
    return 0


def _set(args: argparse.Namespace) -> int:
    from app.config.dotted import KeyProblem, get_value, set_value

    loaded = load(args, create=False)
    try:
        updated = set_value(loaded.config, args.key, args.value)
    except KeyProblem as exc:
        raise refuse(f"{exc}; nothing written") from exc
    before = get_value(loaded.config, args.key)
    after = get_value(updated, args.key)
    if before == after:
        print(f"{args.key} is already {_json(after)}; nothing to change")
        return 0
    save(loaded, updated)
    print(f"{args.key}: {_json(before)} -> {_json(after)}  ({loaded.path})")
    return 0


def _export(args: argparse.Namespace) -> int:
    import json

    from app.config.export import export_config

    config = load(args, create=False).config
    result = export_config(config, with_secrets=args.with_secrets)
    if args.format == "json":
        text = json.dumps(result.data, indent=2, ensure_ascii=False) + "\n"
    else:
        import tomlkit

        text = tomlkit.dumps(result.data)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_private(args.output, text)
        print(f"switchboard: wrote {args.output}", file=sys.stderr)
    if result.left_out:
        print(
            f"switchboard: left out {len(result.left_out)} secret(s): "
            f"{', '.join(result.left_out)} (--with-secrets includes them)",
            file=sys.stderr,
        )
    for problem in result.unresolved:
        print(f"switchboard: warning: not resolved: {problem}", file=sys.stderr)
    return 0


def _write_private(path: Path, text: str) -> None:
    """Owner-only from the first byte: the export may hold keys."""
    from app.config.store import write_text_atomic

    write_text_atomic(path, text)  # mkstemp creates 0600; the rename keeps it


# -- edit ------------------------------------------------------------------------------------


def _edit(args: argparse.Namespace) -> int:
    from app.config.store import DEFAULT_CONFIG, replace_config_text, write_text_atomic
    from app.errors import ConfigError

    path = config_path(args.config)
    if not path.exists():
        write_text_atomic(path, DEFAULT_CONFIG)
        print(f"switchboard: wrote a default config to {path}", file=sys.stderr)
    original = path.read_text(encoding="utf-8")
    draft = path.with_name(f"{path.stem}.edit{path.suffix or '.toml'}")
    if draft.exists() and draft.read_text(encoding="utf-8") != original:
        # an earlier edit that did not load: the user's work, never thrown away
        print(f"switchboard: continuing your earlier edit in {draft}", file=sys.stderr)
    else:
        write_text_atomic(draft, original)
    editor = _editor()
    while True:
        _run_editor(editor, draft)
        text = draft.read_text(encoding="utf-8")
        if text == original:
            draft.unlink()
            print("no changes")
            return 0
        try:
            config = replace_config_text(path, text)
        except ConfigError as exc:
            print(f"switchboard: the edited config does not load: {exc}", file=sys.stderr)
            if interactive() and ask("[e]dit again or [k]eep the old file?", "e").lower() != "k":
                continue
            print(
                f"switchboard: kept the old {path}; your edit is in {draft}",
                file=sys.stderr,
            )
            return BAD_INPUT
        draft.unlink()
        print(f"saved {path} ({len(config.providers)} providers, {len(config.profiles)} profiles)")
        return 0


def _editor() -> list[str]:
    """$VISUAL, then $EDITOR, then a common editor found on PATH."""
    import os
    import shlex
    import shutil

    for variable in ("VISUAL", "EDITOR"):
        if command := os.environ.get(variable, "").strip():
            return shlex.split(command, posix=sys.platform != "win32")
    for name in ("notepad",) if sys.platform == "win32" else ("nano", "vim", "vi"):
        if found := shutil.which(name):
            return [found]
    raise refuse("no editor found: set $EDITOR (e.g. EDITOR=nano)")


def _run_editor(editor: list[str], draft: Path) -> None:
    import subprocess

    try:
        finished = subprocess.run([*editor, str(draft)], check=False)
    except OSError as exc:
        raise CommandFailed(f"switchboard: cannot start the editor {editor[0]!r}: {exc}") from exc
    if finished.returncode != 0:
        raise CommandFailed(
            f"switchboard: the editor exited with status {finished.returncode}; "
            f"the config is unchanged (your edit is in {draft})"
        )


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
