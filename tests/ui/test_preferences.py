"""Recent folders and the other remembered choices."""

from __future__ import annotations

from pathlib import Path

from app.ui.preferences import MAX_RECENT_FOLDERS, Preferences, load_preferences, save_preferences


def test_recent_folders_are_most_recent_first_unique_and_bounded(tmp_path: Path) -> None:
    prefs = Preferences()
    folders = [tmp_path / f"p{i}" for i in range(MAX_RECENT_FOLDERS + 2)]
    for folder in folders:
        folder.mkdir()
        prefs.remember_folder(folder)
    prefs.remember_folder(folders[3])
    assert prefs.recent_folders[0] == str(folders[3])
    assert len(prefs.recent_folders) == MAX_RECENT_FOLDERS
    assert len(set(prefs.recent_folders)) == MAX_RECENT_FOLDERS


def test_the_launch_folder_skips_folders_that_are_gone(tmp_path: Path) -> None:
    prefs = Preferences(recent_folders=[str(tmp_path / "gone"), str(tmp_path)])
    assert prefs.launch_folder() == tmp_path
    assert Preferences().launch_folder() == Path.home()


def test_round_trip_and_a_broken_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ui.json"
    assert load_preferences(path) == Preferences()
    save_preferences(Preferences(["/x"], notify_failover=True, terminal="xterm"), path)
    assert load_preferences(path) == Preferences(["/x"], notify_failover=True, terminal="xterm")
    path.write_text("{not json", encoding="utf-8")
    assert load_preferences(path) == Preferences()
    path.write_text('{"recent_folders": [1, "/y"], "notify_failover": "yes"}', encoding="utf-8")
    assert load_preferences(path) == Preferences(["/y"])


def test_the_default_folder_wins_at_start_and_a_choice_wins_until_the_next(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ui.json"
    work, other = tmp_path / "work", tmp_path / "other"
    work.mkdir()
    other.mkdir()
    prefs = Preferences(default_folder=str(work))
    prefs.remember_folder(other)  # chosen in this session
    assert prefs.launch_folder() == other
    save_preferences(prefs, path)
    restarted = load_preferences(path)
    assert restarted.chosen_folder is None  # a session's choice is not saved
    assert restarted.launch_folder() == work  # the next start begins in the default folder
    assert restarted.recent_folders == [str(other)]
