"""Screenshots of every window for a human to look at (not committed).

    .venv/bin/python tests/ui/tools/screenshots.py [OUTDIR] [--language zh_CN]
                                                  # default: out/screenshots, in English

Renders offscreen, with a real proxy and a real loopback upstream so the dashboard has
traffic: the tray menu (as a popup), each settings page, each first-run step, the dashboard,
the mini window. For the menu in a real tray under Xvfb, see tray_screenshot.sh.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

import qasync  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget  # noqa: E402

from app.config.presets import load_catalogue  # noqa: E402
from app.config.schema import Config  # noqa: E402
from app.config.store import LoadedConfig, save_config  # noqa: E402
from app.ui.controller import AppController  # noqa: E402
from app.ui.language import install_language  # noqa: E402
from app.ui.settings.window import SettingsWindow  # noqa: E402
from app.ui.shell import Shell  # noqa: E402
from tests.support.anthropic_upstream import AnthropicUpstream  # noqa: E402
from tests.support.held_keyring import HeldKeyring, until  # noqa: E402
from tests.ui.helpers import post_message  # noqa: E402

TOKEN = "sb-screenshot-token-0123456789"


def sample_config(upstream: str) -> Config:
    return Config.model_validate(
        {
            "settings": {"default_profile": "work"},
            "providers": [
                {
                    "name": "anthropic",
                    "kind": "anthropic",
                    "base_url": upstream,
                    "api_key": "env:ANTHROPIC_KEY_FOR_SCREENSHOTS",
                    "preset": "anthropic",
                },
                {
                    "name": "deepseek",
                    "kind": "openai-chat",
                    "base_url": "https://api.deepseek.com/v1",
                    "api_key": "keyring:deepseek",
                    "preset": "deepseek",
                    "headers": {"X-Team": "platform"},
                },
                {
                    "name": "openrouter",
                    "kind": "openai-chat",
                    "base_url": "https://openrouter.ai/api/v1",
                    "api_key": "keyring:openrouter",
                },
            ],
            "profiles": [
                {
                    "name": "work",
                    "models": {
                        "default": ["anthropic/claude-sonnet-4-5", "deepseek/deepseek-v4-pro"],
                        "haiku": "deepseek/deepseek-flash",
                        "opus": "anthropic/claude-opus-4-1",
                    },
                    "routing": {
                        "long_context": {
                            "route": "openrouter/google/gemini-2.5-pro",
                            "threshold": 120000,
                        }
                    },
                },
                {
                    "name": "cheap",
                    "models": {"default": "deepseek/deepseek-v4-pro"},
                    "routing": {
                        "auto": {
                            "classifier": "deepseek/deepseek-flash",
                            "routes": {
                                "code": "deepseek/deepseek-v4-pro",
                                "reasoning": [
                                    "anthropic/claude-opus-4-1",
                                    "deepseek/deepseek-v4-pro",
                                ],
                                "quick": "deepseek/deepseek-flash",
                            },
                            "descriptions": {"reasoning": "hard problems, proofs, design"},
                        }
                    },
                },
            ],
        }
    )


def shoot(widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


async def settings_states(window: SettingsWindow, out: Path) -> None:
    """Saving while the keyring waits, Show while it waits, an outside edit, a broken file."""
    held = HeldKeyring.install()
    key = window.providers.editor.key
    key.line.setText("sk-new-key")
    key._on_text_edited("sk-new-key")
    held.hold()
    window.apply()
    # Let the save task start before shoot() spins Qt's loop from inside this coroutine
    # (a task step run from there is lost).
    await until(held.waiting.is_set)
    shoot(window, out, "03-settings-5-saving-while-the-keyring-asks")
    held.release()
    await window.saving  # type: ignore[misc]
    held.secrets[("switchboard", "anthropic")] = "sk-ant-stored"
    held.hold()
    key.reveal.setChecked(True)
    await until(held.waiting.is_set)
    shoot(window, out, "03-settings-6-show-key-while-the-keyring-asks")
    held.release()
    await key.reading  # type: ignore[misc]
    key.reveal.setChecked(False)

    def question(
        parent: QWidget, title: str, text: str, buttons: object, default: object
    ) -> object:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)  # type: ignore[arg-type]
        box.setDefaultButton(default)  # type: ignore[arg-type]
        box.show()
        QApplication.processEvents()
        box.grab().save(str(out / "03-settings-7-outside-edit-question.png"))
        print(out / "03-settings-7-outside-edit-question.png")
        box.hide()
        return QMessageBox.StandardButton.Cancel

    window.providers.editor.main_form.editors["name"].line.setText("edited")  # type: ignore[attr-defined]
    window.providers.editor.main_form.editors["name"].changed.emit()
    window.path.write_text("# edited outside\n" + window.path.read_text(), encoding="utf-8")
    plain_question = QMessageBox.question
    QMessageBox.question = question  # type: ignore[assignment]
    window.apply()
    QMessageBox.question = plain_question  # type: ignore[method-assign]
    window.path.write_text("[[providers]\n", encoding="utf-8")
    window.revert()
    shoot(window, out, "03-settings-8-revert-with-a-broken-file")


async def main(out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="switchboard-shots-"))
    os.environ["HOME"] = str(work / "home")
    os.environ["XDG_CONFIG_HOME"] = str(work / "home" / ".config")
    os.environ["XDG_STATE_HOME"] = str(work / "home" / ".state")
    upstream = AnthropicUpstream()
    await upstream.start()
    path = work / "config" / "config.toml"
    config = sample_config(upstream.url)
    save_config(path, config)
    loaded = LoadedConfig(config, path)
    os.environ["ANTHROPIC_KEY_FOR_SCREENSHOTS"] = "sk-ant-example"
    controller = AppController(
        loaded,
        quit_event=asyncio.Event(),
        port=0,
        token=TOKEN,
        preferences_file=work / "state" / "ui.json",
    )
    await controller.start()
    for _ in range(6):
        await post_message(controller.proxy.server.url, "work", token=TOKEN)
    upstream.mode = "error"
    await post_message(controller.proxy.server.url, "work", token=TOKEN)
    upstream.mode = "ok"
    await asyncio.sleep(0.4)

    for name in ("api-server", "web-app"):  # recent folders; the first one is the default
        folder = work / "home" / "src" / name
        folder.mkdir(parents=True, exist_ok=True)
        controller.select_folder(folder)
    controller.set_default_folder(work / "home" / "src" / "api-server")
    shell = Shell(controller, no_tray=True)
    assert shell.mini is not None
    shoot(shell.mini, out, "01-mini-window")
    menu = QMenu()
    from app.ui.menu import build_menu

    build_menu(menu, controller)
    menu.popup(QPoint(0, 0))
    QApplication.processEvents()
    menu.grab().save(str(out / "02-tray-menu.png"))
    for index, action in enumerate(a for a in menu.actions() if a.menu() is not None):
        sub = action.menu()
        assert isinstance(sub, QMenu)
        sub.popup(QPoint(0, 0))
        QApplication.processEvents()
        sub.grab().save(
            str(out / f"02-tray-menu-{index + 1}-{action.text().replace(' ', '-')}.png")
        )
        sub.hide()
    menu.hide()

    controller.open_settings()
    window = controller.settings_window
    assert window is not None
    for index, page in enumerate(("Providers", "Profiles", "General")):
        window.show_page(page)
        shoot(window, out, f"03-settings-{index + 1}-{page.lower()}")
    window.show_page("Profiles")
    scroll = window.profiles.stack.currentWidget()
    QApplication.processEvents()
    routing = window.profiles.form.editors["routing"]
    top = routing.mapTo(scroll.widget(), QPoint(0, 0)).y()  # type: ignore[attr-defined]
    scroll.verticalScrollBar().setValue(top - 40)  # type: ignore[attr-defined]
    shoot(window, out, "03-settings-2b-profiles-routing")
    window.profiles.list.setCurrentRow(1)  # `cheap`: the auto rule
    QApplication.processEvents()
    scroll = window.profiles.stack.currentWidget()
    auto = window.profiles.form.editors["routing"].form.editors["auto"]  # type: ignore[attr-defined]
    top = auto.mapTo(scroll.widget(), QPoint(0, 0)).y()  # type: ignore[attr-defined]
    scroll.verticalScrollBar().setValue(top - 40)  # type: ignore[attr-defined]
    shoot(window, out, "03-settings-2c-profiles-auto-rule")
    window.show_page("Providers")
    window.providers.editor.main_form.editors["base_url"].line.setText("ftp://nope")  # type: ignore[attr-defined]
    window.providers.editor.main_form.editors["base_url"].changed.emit()
    shoot(window, out, "03-settings-4-invalid-field")
    window.revert()
    window.providers.add_from_preset(load_catalogue()["chatgpt-codex"])
    shoot(window, out, "03-settings-4b-chatgpt-preset")
    window.revert()
    await settings_states(window, out)
    window.hide()

    controller.loaded.config = Config()  # as on a fresh machine: the first-run flow
    controller.open_first_run()
    wizard = controller.first_run
    assert wizard is not None
    shoot(wizard, out, "04-first-run-1-provider")
    wizard.picker.search.setText("deepseek")
    for row in range(wizard.picker.list.count()):
        item = wizard.picker.list.item(row)
        if item.data(256).id == "deepseek":
            wizard.picker.list.setCurrentRow(row)
    shoot(wizard, out, "04-first-run-1b-search")
    wizard.next.click()
    shoot(wizard, out, "04-first-run-2-key")
    wizard.key.line.setText("sk-example")
    wizard.key._on_text_edited("sk-example")
    wizard.next.click()
    shoot(wizard, out, "04-first-run-3-test")
    wizard.next.click()
    shoot(wizard, out, "04-first-run-4-models")
    wizard.done_text.setText(wizard.done_message("deepseek", "deepseek"))  # nothing saved
    wizard.stack.setCurrentIndex(4)
    wizard._go(4)
    shoot(wizard, out, "04-first-run-5-done")
    wizard.hide()
    controller.loaded.config = config

    controller.open_dashboard()
    dashboard = controller.dashboard
    assert dashboard is not None
    for index in range(dashboard.tabs.count()):
        dashboard.tabs.setCurrentIndex(index)
        shoot(
            dashboard,
            out,
            f"05-dashboard-{index + 1}-{dashboard.tabs.tabText(index).lower().replace(' ', '-')}",
        )
    await controller.shutdown()
    await upstream.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    language = "en"
    if "--language" in args:
        at = args.index("--language")
        language = args[at + 1]
        del args[at : at + 2]
    target = Path(args[0]) if args else ROOT / "out" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_language(app, language)
    app.setQuitOnLastWindowClosed(False)  # as the tray app: hiding a window must not stop it
    qasync.run(main(target))
