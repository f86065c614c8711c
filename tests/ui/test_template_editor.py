"""The template editor on a real store: live validation, save, discard, reset to built-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services import letters
from desktop.services.review import ResponseKind
from desktop.ui.dialogs.template_editor import TemplateEditorDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools
    from tests.ui.conftest import UiDesk


def make_editor(qtbot: QtBot, session: Session, pools: Pools) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(session, pools, kind=ResponseKind.REFUSAL)
    qtbot.addWidget(dialog)
    return dialog


def test_edit_save_and_reset(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = make_editor(qtbot, desk.admin, pools)
    builtin = letters.builtin_template(ResponseKind.REFUSAL)
    assert dialog.current_kind() is ResponseKind.REFUSAL
    assert dialog.editor.toPlainText() == builtin
    assert not dialog.save_button.isEnabled()
    assert not dialog.reset_button.isEnabled()
    names = [dialog.placeholders.item(i).text() for i in range(dialog.placeholders.count())]
    assert any(n.startswith("{ground}") for n in names)
    assert any(n.startswith("{company_contact}") for n in names)

    edited = builtin.replace("４．お問い合わせ先", "４．窓口のご案内")
    dialog.editor.setPlainText(edited)
    assert dialog.is_modified()
    assert dialog.is_valid()
    assert not dialog.kind.isEnabled()  # no switching away from unsaved edits
    with qtbot.waitSignal(dialog.template_saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args == ["refusal"]
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert letters.template_text(desk.admin, ResponseKind.REFUSAL) == edited
    assert dialog.state.text() == "Edited"
    assert dialog.reset_button.isEnabled()
    assert dialog.kind.isEnabled()

    with qtbot.waitSignal(dialog.template_saved, timeout=10_000):
        dialog.reset_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert not letters.is_customised(desk.admin, ResponseKind.REFUSAL)
    assert dialog.editor.toPlainText() == builtin
    assert dialog.state.text() == "Built-in"


def test_a_broken_template_cannot_be_saved(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = make_editor(qtbot, desk.admin, pools)
    dialog.editor.setPlainText("題名\n{ground} {groundd}\n")
    assert not dialog.is_valid()
    assert "letter template refusal:2: unknown placeholder {groundd}" in dialog.validation.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()  # refused by the dialog itself too
    assert not dialog.is_busy()
    dialog.editor.setPlainText("題名\n{ground\n")
    assert "unbalanced braces" in dialog.validation.text()
    dialog.discard_button.click()
    assert dialog.editor.toPlainText() == letters.builtin_template(ResponseKind.REFUSAL)
    assert dialog.is_valid()
    assert not letters.is_customised(desk.admin, ResponseKind.REFUSAL)


def test_a_placeholder_is_inserted_at_the_cursor(qtbot: QtBot, desk: UiDesk, pools: Pools) -> None:
    dialog = make_editor(qtbot, desk.admin, pools)
    dialog.editor.setPlainText("題名\n番号：")
    dialog.editor.moveCursor(dialog.editor.textCursor().MoveOperation.End)
    item = dialog.placeholders.item(0)
    dialog.placeholders.itemDoubleClicked.emit(item)
    assert dialog.editor.toPlainText() == "題名\n番号：{case_id}"


def test_an_operator_is_refused_with_the_reason(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    dialog = make_editor(qtbot, operator, pools)
    dialog.editor.setPlainText("題名\n本文\n")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "may not edit_settings" in dialog.validation.text()
    assert not letters.is_customised(operator, ResponseKind.REFUSAL)
