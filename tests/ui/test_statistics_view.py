"""The statistics screen: period, table, bar chart by month and the CSV export."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QImage

from desktop.services import intake
from desktop.ui.widgets.statistics_view import StatisticsView
from tests.ui.conftest import REQUEST

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.services.session import Session
    from desktop.ui.workers import Pools


def _open(operator: Session, received: str, types: list[str]) -> None:
    request: dict[str, Any] = {**REQUEST, "received_on": received, "request_types": types}
    intake.open_case(operator, request, "test")


def _view(qtbot: QtBot, session: Session, pools: Pools) -> StatisticsView:
    view = StatisticsView(session, pools)
    qtbot.addWidget(view)
    return view


def test_counts_a_year_shows_table_and_chart_and_exports(
    qtbot: QtBot, operator: Session, pools: Pools, tmp_path: Path
) -> None:
    _open(operator, "2026-01-10", ["disclosure"])
    _open(operator, "2026-01-20", ["disclosure", "correction"])
    _open(operator, "2026-03-05", ["purpose_notification"])
    _open(operator, "2025-12-31", ["disclosure"])  # another year
    view = _view(qtbot, operator, pools)
    assert view.year.value() == 2026
    assert not view.export_button.isEnabled()
    with qtbot.waitSignal(view.computed, timeout=10_000) as computed:
        view.count_button.click()
    stats = computed.args[0]
    assert stats.requests == 3
    rows = dict(view.table_rows())
    assert rows["Requests received"] == "3"
    assert rows["By request type: Disclosure"] == "2"
    assert rows["By month: 2026-01"] == "2"
    assert rows["Not answered yet"] == "3"
    assert rows["Median days to answer (Calendar days)"] == "–"
    bars = view.chart.bars()
    assert len(bars) == 12
    assert bars[0] == ("2026-01", 2)
    assert bars[2] == ("2026-03", 1)
    view.chart.resize(400, 200)
    image = QImage(view.chart.size(), QImage.Format.Format_ARGB32)
    view.chart.render(image)  # paints without error
    assert view.export_button.isEnabled()

    target = tmp_path / "stats.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.export_csv_to(target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert table[0] == ["Item", "Key", "Value"]
    assert ["Requests received", "", "3"] in table
    assert ["By request type", "Disclosure", "2"] in table
    assert "stats.csv" in view.message.text()


def test_custom_period_and_a_backwards_period(
    qtbot: QtBot, operator: Session, pools: Pools
) -> None:
    _open(operator, "2026-01-10", ["disclosure"])
    _open(operator, "2026-03-05", ["disclosure"])
    view = _view(qtbot, operator, pools)
    view.kind.setCurrentIndex(StatisticsView.CUSTOM)
    assert not view.start.isHidden()
    assert view.year.isHidden()
    view.start.setDate(QDate(2026, 3, 1))
    view.end.setDate(QDate(2026, 3, 31))
    with qtbot.waitSignal(view.computed, timeout=10_000) as computed:
        view.count()
    assert computed.args[0].requests == 1
    assert [m for m, _ in view.chart.bars()] == ["2026-03"]
    view.start.setDate(QDate(2026, 4, 1))
    with qtbot.waitSignal(view.failed, timeout=10_000) as failed:
        view.count()
    assert "ends before it starts" in failed.args[0]


def test_fiscal_year(qtbot: QtBot, operator: Session, pools: Pools) -> None:
    _open(operator, "2026-03-05", ["disclosure"])
    view = _view(qtbot, operator, pools)
    view.kind.setCurrentIndex(StatisticsView.FISCAL_YEAR)
    view.year.setValue(2025)
    with qtbot.waitSignal(view.computed, timeout=10_000) as computed:
        view.count()
    assert computed.args[0].requests == 1
    assert view.chart.bars()[0][0] == "2025-04"
