"""Linking while reviewing: beside the record, the agreement already in the dataset that this
article probably reports again ("Đã có trong dữ liệu: … — 3 bài"), with keys to link it
(Ctrl+G, "gộp"), keep it separate (Ctrl+Shift+G) or read the other articles (Ctrl+J). Both decisions
are undo commands on the window's stack and land in the agreement history; and the overview
("Tổng quan", F9) in a dock of the window.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..core.datasets import overview as ov
from ..core.datasets.linking import Linker, Proposal
from .overview import OverviewPanel
from .overview_model import OverviewModel


class LinkCommand(QUndoCommand):
    """Make an article agreement report `target` (None: no agreement); undo puts it back."""

    def __init__(self, linker: Linker, article_id: str, index: int, target: int | None,
                 reviewer: str | None, reason: str | None, text: str, on_change):
        super().__init__(text)
        self.linker, self.article_id, self.index, self.target = linker, article_id, index, target
        self.reviewer, self.reason, self.on_change = reviewer, reason, on_change
        self.before: int | None = None

    def redo(self) -> None:
        self.before = self.linker.link(self.article_id, self.index, self.target, reviewer=self.reviewer,
                                       reason=self.reason)
        self.on_change()

    def undo(self) -> None:
        self.linker.link(self.article_id, self.index, self.before, reviewer=self.reviewer,
                         reason="undo", action="undo")
        self.on_change()


class SeparateCommand(QUndoCommand):
    """Keep an article agreement apart from an agreement entity; undo withdraws it."""

    def __init__(self, linker: Linker, article_id: str, index: int, target: int, reviewer, text, on_change):
        super().__init__(text)
        self.args = (article_id, index, target)
        self.linker, self.reviewer, self.on_change = linker, reviewer, on_change

    def redo(self) -> None:
        self.linker.separate(*self.args, True, reviewer=self.reviewer)
        self.on_change()

    def undo(self) -> None:
        self.linker.separate(*self.args, False, reviewer=self.reviewer)
        self.on_change()


class LinkPanel(QFrame):
    """The proposal beside the record; hidden when there is none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("linkPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#linkPanel { background: #fff7e0; border: 1px solid #e0b84c; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(2)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.text)
        row = QHBoxLayout()
        self.link_button, self.separate_button, self.open_button = (QPushButton(self) for _ in range(3))
        for b in (self.link_button, self.separate_button, self.open_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.hide()


class LinkingController:
    """Wires the panel, the commands, the actions and the overview dock into a `MainWindow`."""

    def __init__(self, window):
        self.window = window
        self.linker = Linker(window.session.store)
        self.proposals: list[Proposal] = []
        self._next_other = 0
        self.panel = LinkPanel(window.editor)
        window.editor.layout().insertWidget(0, self.panel)  # above the record's fields
        self.actions = {
            "link": self._action(self.link_proposed, "Ctrl+G"),
            "separate": self._action(self.keep_separate, "Ctrl+Shift+G"),
            "open_other": self._action(self.open_other, "Ctrl+J"),
            "overview": self._action(self.show_overview, "F9"),
        }
        self.panel.link_button.clicked.connect(self.link_proposed)
        self.panel.separate_button.clicked.connect(self.keep_separate)
        self.panel.open_button.clicked.connect(self.open_other)
        window.extra_view_actions = [self.actions["overview"]]
        # F1 lists every action of the window by this dictionary
        window.actions_by_name.update({f"agreements_{k}": act for k, act in self.actions.items()})
        self.dock: QDockWidget | None = None
        self.overview: OverviewPanel | None = None
        window.session.saved.connect(self._on_session_saved)

    def _action(self, slot, keys: str) -> QAction:
        act = QAction(self.window)
        act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    def tr(self, text: str) -> str:
        return self.window.tr(text)

    def retranslate(self) -> None:
        texts = {"link": self.tr("Link to the agreement in the dataset"),
                 "separate": self.tr("Keep separate from it"),
                 "open_other": self.tr("Open another article of that agreement"),
                 "overview": self.tr("Overview")}
        for key, text in texts.items():
            self.actions[key].setText(text)
        self.panel.link_button.setText(self.tr("Link (Ctrl+G)"))
        self.panel.separate_button.setText(self.tr("Keep separate (Ctrl+Shift+G)"))
        self.panel.open_button.setText(self.tr("Other article (Ctrl+J)"))
        if self.dock is not None:
            self.dock.setWindowTitle(self.tr("Overview"))
            self.overview.retranslate()
        self.refresh()

    # ------------------------------------------------------------ proposals
    def refresh(self) -> None:
        """Show what the open article's record probably reports again (or hide the panel)."""
        article = self.window.article
        try:
            curated = self.window.curated
            self.proposals = (self.linker.propose(article.id, curated.record if curated is not None else None)
                              if article is not None else [])
        except (TypeError, ValueError, AttributeError):
            self.proposals = []  # a record the window flags as holding bad values proposes nothing
        self._next_other = 0
        if not self.proposals:
            self.panel.hide()
            return
        p = self.proposals[0]
        # one line of details: the editor's record needs the room below
        titles = [_short(title or source or aid) for aid, title, source in p.articles[:3]]
        others = "".join(f" · {_escape(t)}" for t in titles) + (" …" if len(p.articles) > 3 else "")
        self.panel.text.setText(
            "<b>" + _escape(self.tr("Already in the dataset: %1 — %2 articles")
                            .replace("%1", p.label).replace("%2", str(len(p.articles)))) + "</b>"
            + f"<br><span style='color:#555'>{_escape(self.reason_words(p.reason))}{others}</span>")
        self.panel.show()

    def reason_words(self, reason: str) -> str:
        """The rule's reason ('same parties, same day (…)') in the window's language."""
        words = {"same parties, same day": self.tr("same parties, same day"),
                 "same parties, same month": self.tr("same parties, same month"),
                 "same parties, day within the month": self.tr("same parties, the day within that month"),
                 "same parties, signed within the week before publication":
                     self.tr("same parties, signed within the week before publication"),
                 "same parties and period": self.tr("same parties and period")}
        for english, said in words.items():
            if reason.startswith(english):
                return said + reason[len(english):].replace("published", self.tr("published"))
        return reason

    def _on_session_saved(self, article_id: str, curated) -> None:
        self.linker.refresh_article(article_id)  # the agreements it reports follow the edit
        if curated.status == "done":
            self.linker.register(article_id, reviewer=self.window.session.reviewer)
        else:
            self.linker.unregister(article_id, reviewer=self.window.session.reviewer)
        if self.window.article is not None and self.window.article.id == article_id:
            self.refresh()

    def link_proposed(self) -> None:
        """Link the open article's agreement to the agreement proposed (one undoable step)."""
        if not self.proposals or self.window.article is None:
            return
        p = self.proposals[0]
        self.window.undo_stack.push(LinkCommand(
            self.linker, self.window.article.id, p.index, p.agreement_id, self.window.session.reviewer,
            p.reason, self.tr("Link to %1").replace("%1", p.label), self._on_links_changed))

    def keep_separate(self) -> None:
        if not self.proposals or self.window.article is None:
            return
        p = self.proposals[0]
        self.window.undo_stack.push(SeparateCommand(
            self.linker, self.window.article.id, p.index, p.agreement_id, self.window.session.reviewer,
            self.tr("Keep separate from %1").replace("%1", p.label), self._on_links_changed))

    def open_other(self) -> None:
        """Open the proposed agreement's next other article (again: the one after)."""
        if not self.proposals:
            return
        articles = self.proposals[0].articles
        aid = articles[self._next_other % len(articles)][0]
        nxt = self._next_other + 1
        self.window.open_article(aid)
        self._next_other = nxt

    def _on_links_changed(self) -> None:
        self.refresh()
        if self.dock is not None and self.dock.isVisible():
            self.overview.reload()

    # ------------------------------------------------------------ the overview
    def show_overview(self) -> OverviewPanel:
        """Open (or raise) the overview dock, with the agreements read afresh; pressed in the
        overview, close it (as Escape does) and give the keyboard back to the article."""
        if self.dock is None:
            store = self.window.session.store
            self.overview = OverviewPanel(OverviewModel(lambda: ov.load(store)), self.window)
            self.overview.locality_activated.connect(self._on_overview_locality_activated)
            self.dock = QDockWidget(self.tr("Overview"), self.window)
            self.dock.setObjectName("overviewDock")
            self.dock.setWidget(self.overview)
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            self.dock.setFloating(True)
            self.dock.resize(1100, 720)
            close = QShortcut(QKeySequence("Esc"), self.dock, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            close.activated.connect(self._on_dock_close_key)
        elif self.dock.isVisible() and self.dock.isAncestorOf(QApplication.focusWidget()):  # F9 in the overview
            self._on_dock_close_key()
            return self.overview
        self.overview.reload()
        self.dock.show()
        self.dock.raise_()
        self.dock.activateWindow()  # the keyboard in it, so Escape or F9 closes it again
        self.overview.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.overview

    def _on_dock_close_key(self) -> None:
        self.dock.hide()
        self.window.activateWindow()
        self.window.focus_article()

    def _on_overview_locality_activated(self, name: str) -> None:
        # the queue's full-text search finds the articles that name the locality
        edit = self.window.search_edit
        blocked = edit.blockSignals(True)  # filter now, not again when the typing timer fires
        edit.setText(name)
        edit.blockSignals(blocked)
        self.window.apply_filter()


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
