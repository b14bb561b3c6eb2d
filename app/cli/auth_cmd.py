"""`switchboard auth login|status|logout|refresh|import`: subscription logins.

Top-level imports stay light (argparse only): the login machinery (aiohttp, authlib, keyring)
is imported inside the handlers, so other commands do not pay for it.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from app.cli.common import CommandFailed

if TYPE_CHECKING:
    from app.auth.credential import Credential
    from app.auth.device import DeviceCode
    from app.auth.store import TokenStore
    from app.config.presets import Preset


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "auth", help="log in to subscriptions (Claude Pro/Max, Copilot, Qwen, Kimi…)"
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    login = verbs.add_parser(
        "login",
        help="log in and add (or update) a provider that uses the login",
        description="Opens the provider's login page in your browser (or shows a code to "
        "enter), stores the tokens in the OS keyring and points the provider at them "
        "(api_key = login:NAME).",
    )
    login.add_argument("provider", metavar="PROVIDER", help="a login preset, e.g. claude-max")
    login.add_argument(
        "--profile", metavar="NAME", help="name of the login and its provider (another account)"
    )
    login.add_argument(
        "--headless",
        action="store_true",
        help="no browser here: print the link and paste back the code",
    )
    login.add_argument(
        "--enterprise-url", metavar="DOMAIN", help="GitHub Enterprise domain (Copilot)"
    )
    login.add_argument(
        "--store-in-file",
        action="store_true",
        help="with no usable OS keyring, keep the tokens in a file only you can read",
    )
    login.set_defaults(handler=_login)

    status = verbs.add_parser("status", help="logins: account, plan, expiry (never tokens)")
    status.add_argument("--json", action="store_true", help="print as JSON")
    status.set_defaults(handler=_status)

    logout = verbs.add_parser("logout", help="forget a login's tokens")
    logout.add_argument("name", metavar="NAME")
    logout.set_defaults(handler=_logout)

    refresh = verbs.add_parser("refresh", help="refresh a login's tokens now")
    refresh.add_argument("name", metavar="NAME")
    refresh.set_defaults(handler=_refresh)

    imported = verbs.add_parser(
        "import",
        help="use a login another tool made (Claude Code, Copilot plugins, Codex, Gemini CLI)",
        description="Reads the other tool's login (never changes it) after you confirm.",
    )
    imported.add_argument("--yes", action="store_true", help="import without asking")
    imported.add_argument(
        "--store-in-file", action="store_true", help="as for login: a file instead of a keyring"
    )
    imported.set_defaults(handler=_import)

    presets = verbs.add_parser("providers", help="list the providers you can log in to")
    presets.set_defaults(handler=_providers)


# ---------------------------------------------------------------- login


def _login(args: argparse.Namespace) -> int:
    import asyncio

    from app.auth.store import NoKeyring

    preset, name = _login_target(args)
    store = _store(args)
    consent = _file_consent(store, name, args.store_in_file)
    from app.errors import LoginFailed

    try:
        credential = asyncio.run(_run_login(args, preset, name))
    except KeyboardInterrupt:
        raise CommandFailed("switchboard: login cancelled", 130) from None
    except LoginFailed as exc:
        raise CommandFailed(f"switchboard: login failed: {exc.message}") from exc
    try:
        store.save(credential, allow_file=consent)
    except NoKeyring as exc:  # the keyring went away during the login
        raise CommandFailed(f"switchboard: not stored: {exc}") from exc
    where = "the OS keyring" if credential.storage == "keyring" else str(store.file_for(name))
    who = f" as {credential.account}" if credential.account else ""
    print(f"Logged in to {preset.name}{who}; tokens are in {where}.")
    _use_login(args, preset, name)
    return 0


def _login_target(args: argparse.Namespace) -> tuple[Preset, str]:
    """The preset to log in with, and the login's name (also its provider's name)."""
    from app.config.logins import login_name
    from app.config.presets import load_catalogue
    from app.config.schema import is_valid_name

    catalogue = load_catalogue()
    wanted: str = args.provider
    preset = catalogue.get(wanted)
    name = args.profile or wanted
    if preset is None or preset.login is None:
        # the name of a configured provider that uses a login
        from app.cli.common import load
        from app.config.store import config_path

        exists = config_path(getattr(args, "config", None)).exists()
        provider = load(args, create=False).config.provider(wanted) if exists else None
        preset = catalogue.get(provider.preset or "") if provider is not None else None
        if provider is None or preset is None or preset.login is None:
            offered = ", ".join(p.id for p in catalogue.values() if p.login is not None)
            raise CommandFailed(
                f"switchboard: no login for {wanted!r}; you can log in to: {offered}"
            )
        name = args.profile or login_name(provider.api_key) or provider.name
    if not is_valid_name(name):
        raise CommandFailed(f"switchboard: {name!r} is not a valid name")
    if args.enterprise_url and not preset.login.enterprise_hosts:
        raise CommandFailed(f"switchboard: {preset.name} has no enterprise or self-managed variant")
    return preset, name


def _store(args: argparse.Namespace) -> TokenStore:
    from app.auth.store import TokenStore
    from app.config.store import config_path

    return TokenStore(config_path(getattr(args, "config", None)).parent)


def _file_consent(store: TokenStore, name: str, agreed: bool) -> bool:
    """Whether a file may hold the tokens: only with a usable keyring absent, and only when
    the user said so (--store-in-file, or yes at the prompt). Never silently."""
    from app.auth.store import NoKeyring

    if store.keyring_usable() or agreed:
        return agreed
    problem = NoKeyring(store.file_for(name))
    if sys.stdin.isatty():
        print(f"switchboard: {problem}", file=sys.stderr)
        answer = input("Keep the tokens in that file instead? [y/N] ").strip().lower()
        if answer in ("y", "yes"):
            return True
    raise CommandFailed(f"switchboard: {problem}")


async def _run_login(args: argparse.Namespace, preset: Preset, name: str) -> Credential:
    import aiohttp

    from app.auth.login import log_in, open_in_browser

    spec = preset.login
    assert spec is not None
    headless: bool = args.headless

    def open_url(url: str) -> None:
        if headless or not open_in_browser(url):
            print(f"Open this link in a browser and log in:\n\n  {url}\n", file=sys.stderr)
        else:
            print(
                f"Your browser is open at the login page; if not, visit:\n  {url}", file=sys.stderr
            )

    def show_code(code: DeviceCode) -> None:
        print(
            f"\nEnter this code:   {code.user_code}\nat:                {code.verification_uri}\n",
            file=sys.stderr,
        )
        if not headless and code.verification_uri_complete:
            open_in_browser(code.verification_uri_complete)
        print("Waiting for you to approve…", file=sys.stderr)

    if spec.flow == "token":
        pasted: Any = _token_reader(spec.token_hint)
    else:
        can_paste = spec.flow == "browser" and (headless or sys.stdin.isatty())
        pasted = _paste_reader() if can_paste else None
    async with aiohttp.ClientSession() as session:
        return await log_in(
            name,
            preset.id,
            spec,
            session,
            open_url=open_url,
            show_code=show_code,
            pasted=pasted,
            headless=headless,
            enterprise=args.enterprise_url,
        )


def _paste_reader() -> Any:
    """Reads one pasted line in a daemon thread, so a login that completes through the browser
    does not wait for the user to press Enter."""
    import asyncio
    import threading

    async def read() -> str:
        loop = asyncio.get_running_loop()
        line: asyncio.Future[str] = loop.create_future()

        def worker() -> None:
            try:
                text = input("Or paste the code (or the address you landed on) here: ")
            except (EOFError, OSError):
                text = ""
            loop.call_soon_threadsafe(_settle, line, text)

        threading.Thread(target=worker, daemon=True).start()
        return await line

    return read


def _token_reader(hint: str | None) -> Any:
    """The long-lived token the login needs: typed without echo, or read from stdin."""
    import asyncio
    import getpass

    async def read() -> str:
        if not sys.stdin.isatty():
            return await asyncio.to_thread(sys.stdin.read)
        if hint:
            print(f"Make a token at: {hint}", file=sys.stderr)
        return await asyncio.to_thread(getpass.getpass, "Token (not shown): ")

    return read


def _settle(future: Any, value: str) -> None:
    if not future.done():
        future.set_result(value)


def _use_login(args: argparse.Namespace, preset: Preset, name: str) -> None:
    """Add a provider for the login to the config, or point the existing one at it."""
    from app.config.logins import LOGIN_PREFIX
    from app.config.presets import preset_to_provider
    from app.config.store import config_path, load_config, save_config
    from app.errors import ConfigError

    path = config_path(getattr(args, "config", None))
    try:
        config = load_config(path, create=True).config
    except ConfigError as exc:
        print(f"switchboard: config not updated: {exc}", file=sys.stderr)
        return
    reference = LOGIN_PREFIX + name
    provider = config.provider(name)
    if provider is None:
        config.providers = [*config.providers, preset_to_provider(preset, name=name)]
        print(f"Added provider {name!r} ({preset.kind}); use it in a profile as {name}/<model>.")
    elif provider.api_key != reference:
        provider.api_key = reference
        print(f"Provider {name!r} now uses {reference}.")
    else:
        return
    try:
        save_config(path, config)
    except (ConfigError, OSError) as exc:
        raise CommandFailed(
            f"switchboard: logged in, but the config was not updated: {exc}"
        ) from exc


# ---------------------------------------------------------------- status, logout, refresh


def _login_names(args: argparse.Namespace, store: TokenStore) -> dict[str, list[str]]:
    """Every login the config refers to or a file holds, with the providers that use it."""
    from app.config.logins import login_name
    from app.config.store import config_path, load_config
    from app.errors import ConfigError

    names: dict[str, list[str]] = {n: [] for n in store.file_names()}
    path = config_path(getattr(args, "config", None))
    if path.exists():
        try:
            config = load_config(path, create=False).config
        except ConfigError:
            config = None
        for provider in config.providers if config else ():
            login = login_name(provider.api_key)
            if login:
                names.setdefault(login, []).append(provider.name)
    return names


def _status(args: argparse.Namespace) -> int:
    import json

    store = _store(args)
    rows = []
    for name, providers in sorted(_login_names(args, store).items()):
        credential = store.load(name)
        rows.append(_describe(name, providers, credential))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("No logins. Log in with: switchboard auth login PROVIDER (see: auth providers)")
        return 0
    for row in rows:
        print(f"{row['name']}: {row['state']}")
        for key in ("account", "plan", "expires", "last_refresh", "stored_in", "providers"):
            if row.get(key):
                value = row[key]
                shown = ", ".join(value) if isinstance(value, list) else value
                print(f"  {key.replace('_', ' ')}: {shown}")
    return 0


def _describe(name: str, providers: list[str], credential: Credential | None) -> dict[str, Any]:
    if credential is None:
        return {"name": name, "state": "not logged in", "providers": providers}
    now = time.time()
    expires = credential.expires_at
    if expires is None:
        state, expiry = "logged in", ""
    elif expires > now:
        state, expiry = "logged in", f"{_when(expires)} (in {_span(expires - now)})"
    else:
        renewable = credential.refresh_token is not None
        state = "token expired; refreshed on next use" if renewable else "expired: log in again"
        expiry = _when(expires)
    return {
        "name": name,
        "state": state,
        "account": credential.account or "",
        "plan": credential.plan or "",
        "expires": expiry,
        "last_refresh": _when(credential.last_refresh) if credential.last_refresh else "",
        "stored_in": "OS keyring" if credential.storage == "keyring" else "file (0600)",
        "providers": providers,
    }


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def _span(seconds: float) -> str:
    if seconds >= 86400:
        return f"{seconds / 86400:.0f} d"
    if seconds >= 3600:
        return f"{seconds / 3600:.0f} h"
    return f"{max(1, int(seconds // 60))} min"


def _logout(args: argparse.Namespace) -> int:
    store = _store(args)
    if not store.delete(args.name):
        raise CommandFailed(f"switchboard: no login named {args.name!r}")
    print(f"Logged out of {args.name!r}; its providers fail until you log in again.")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    import asyncio

    import aiohttp

    from app.auth.manager import Logins
    from app.errors import LoginFailed, LoginRequired

    store = _store(args)

    async def run() -> Credential:
        async with aiohttp.ClientSession() as session:
            return await Logins(store, lambda: session).refresh(args.name)

    try:
        credential = asyncio.run(run())
    except (LoginRequired, LoginFailed) as exc:
        raise CommandFailed(f"switchboard: {exc.message}") from exc
    expires = f", valid until {_when(credential.expires_at)}" if credential.expires_at else ""
    print(f"Refreshed {args.name!r}{expires}.")
    return 0


# ---------------------------------------------------------------- import


def _import(args: argparse.Namespace) -> int:
    import asyncio

    from app.auth import importers
    from app.config.presets import load_catalogue

    catalogue = load_catalogue()
    found = importers.find({p.id for p in catalogue.values() if p.login is not None})
    if not found:
        print("No logins of other tools found (Claude Code, Copilot plugins, Codex, Gemini CLI).")
        return 0
    store = _store(args)
    imported = 0
    for item in found:
        preset = catalogue[item.preset]
        question = (
            f"Use the {item.source} login ({item.path}) for {preset.name}? It is only read. "
            "Where tokens rotate, the tool that refreshes second must log in again. [y/N] "
        )
        if not args.yes and (not sys.stdin.isatty() or input(question).strip().lower() != "y"):
            print(f"Skipped {item.source} ({item.path}).")
            continue
        consent = _file_consent(store, preset.id, args.store_in_file)
        try:
            credential = item.read(preset.id)
        except (KeyError, ValueError, TypeError, StopIteration, OSError) as exc:
            print(f"switchboard: cannot read {item.path}: {type(exc).__name__}", file=sys.stderr)
            continue
        credential = asyncio.run(_complete_import(preset, credential))
        store.save(credential, allow_file=consent)
        _use_login(args, preset, preset.id)
        print(f"Imported the {item.source} login as {preset.id!r}.")
        imported += 1
    return 0 if imported or not found else 1


async def _complete_import(preset: Preset, credential: Credential) -> Credential:
    """What another tool's login lacks: a Copilot token for the GitHub token; for Gemini Code
    Assist, the account's project (with the token refreshed first when it has expired)."""
    import aiohttp

    from app.auth.code_assist import discover_project
    from app.auth.tokens import QUIRK_PREFIX, exchanged_credential, refresh_credential
    from app.errors import LoginFailed, LoginRequired

    spec = preset.login
    assert spec is not None
    async with aiohttp.ClientSession() as session:
        try:
            if spec.flow == "copilot":
                return await exchanged_credential(session, spec, credential)
            if spec.code_assist_url:
                if credential.expires_within(spec.refresh_lead):
                    credential = await refresh_credential(session, spec, credential)
                found = await discover_project(
                    session, spec.code_assist_url, credential.access_token
                )
                credential.extra[QUIRK_PREFIX + "code_assist_project"] = found["project"]
                credential.plan = found["tier"] or credential.plan
        except (LoginRequired, LoginFailed) as exc:
            raise CommandFailed(f"switchboard: {exc.message}") from exc
    return credential


def _providers(args: argparse.Namespace) -> int:
    from app.config.presets import load_catalogue

    for preset in load_catalogue().values():
        if preset.login is not None:
            print(f"{preset.id:<20} {preset.name}")
    return 0
