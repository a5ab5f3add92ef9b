"""The window's actions, menus and the shortcut list that F1 shows."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from .help import HelpDialog
from .history import HistoryDialog, local_time


class ActionsMixin:
    """Actions and menus of `MainWindow`."""

    def _action(self, slot, shortcut=None, context=Qt.ShortcutContext.WindowShortcut) -> QAction:
        act = QAction(self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(context)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        a = self.actions_by_name = {}
        a["import_files"] = self._action(lambda: self.import_from(folder=False), "Ctrl+O")
        a["import_folder"] = self._action(lambda: self.import_from(folder=True), "Ctrl+Shift+O")
        a["export"] = self._action(self.export, "Ctrl+E")
        a["quit"] = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])  # StandardKey adds F14 and "Undo" on X11
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        # the prefix given above is fixed at creation: keep it in the current language instead
        self.undo_stack.undoTextChanged.connect(self._on_undo_stack_text_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_stack_text_changed)
        self.undo_action.triggered.connect(self._on_undo_action_triggered)  # after the undo itself
        self.redo_action.triggered.connect(self._on_redo_action_triggered)
        a["accept"] = self._action(self.accept_and_next, ["Ctrl+Return", "Ctrl+Enter"])
        a["not_agreement"] = self._action(self.mark_not_an_agreement, "Ctrl+Shift+N")
        a["skip"] = self._action(self.skip, "Ctrl+Shift+K")
        a["next"] = self._action(lambda: self.step(1), ["Alt+Down", "Ctrl+PgDown"])
        a["previous"] = self._action(lambda: self.step(-1), ["Alt+Up", "Ctrl+PgUp"])
        a["next_agreement"] = self._action(lambda: self.editor.step_agreement(1), "Alt+Right")
        a["previous_agreement"] = self._action(lambda: self.editor.step_agreement(-1), "Alt+Left")
        a["search"] = self._action(self.focus_search, QKeySequence.StandardKey.Find)
        a["remove_field"] = self._action(self.marks.remove_under_cursor, "Delete",
                                         Qt.ShortcutContext.WidgetShortcut)
        self.article_view.addAction(a["remove_field"])
        # Ctrl + a mark key: type that field in the record panel (Enter or Escape comes back)
        for key, head in (("edit_date", "signed_on"), ("edit_place", "place"), ("edit_period", "period"),
                          ("edit_party", "party")):
            shortcut = {"signed_on": "Ctrl+D", "place": "Ctrl+L", "period": "Ctrl+R", "party": "Ctrl+P"}[head]
            a[key] = self._action(lambda _=False, h=head: self.marks.edit_in_panel(h), shortcut,
                                  Qt.ShortcutContext.WidgetShortcut)
            self.article_view.addAction(a[key])
        a["history"] = self._action(self.show_history, "Ctrl+H")
        a["help"] = self._action(self.show_help, QKeySequence.StandardKey.HelpContents)
        a["lang_vi"] = self._action(lambda: self.set_language("vi"))
        a["lang_en"] = self._action(lambda: self.set_language("en"))
        for key in ("lang_vi", "lang_en"):
            a[key].setCheckable(True)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        mb.clear()
        a = self.actions_by_name
        m = mb.addMenu(self.tr("&File"))
        m.addActions([a["import_files"], a["import_folder"], a["export"]])
        m.addSeparator()
        m.addAction(a["quit"])
        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.undo_action, self.redo_action])
        m.addSeparator()
        m.addActions(list(self.article_view.mark_actions.values()))
        m.addAction(a["remove_field"])
        m.addSeparator()
        m.addActions([a["edit_party"], a["edit_date"], a["edit_place"], a["edit_period"]])
        m = mb.addMenu(self.tr("&Review"))
        m.addActions([a["accept"], a["not_agreement"], a["skip"], a["history"]])
        m.addSeparator()
        m.addActions([a["next"], a["previous"], a["next_agreement"], a["previous_agreement"], a["search"]])
        m = mb.addMenu(self.tr("&View"))
        m.addActions(getattr(self, "extra_view_actions", []))
        lang = m.addMenu(self.tr("Language"))
        lang.addActions([a["lang_vi"], a["lang_en"]])
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(a["help"])


    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut in the window: what F1 shows."""
        acts = [self.undo_action, self.redo_action, *self.actions_by_name.values(),
                *self.article_view.mark_actions.values()]
        out = []
        for act in acts:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts())
            if keys:
                out.append((keys, act.text().replace("&", "")))
        # keys the article handles itself (no action: they must not leave the text)
        out += [("Tab, Shift+Tab, J, K", self.tr("Next / previous highlighted field")),
                ("N, Shift+N", self.tr("Next / previous place name that is not a party yet")),
                ("F2, Enter", self.tr("Edit the field under the cursor in the record panel")),
                ("Enter, Down, Esc", self.tr("In the search box: open the first article found; go to the list; "
                                             "clear the search (again: back to the article)"))]
        return out

    def show_history(self) -> None:
        """Ctrl+H: the record's saved states; the one chosen (Enter) is restored as a new save."""
        if self.article is None:
            return
        self.editor.commit_pending()
        try:
            revisions = self.session.history(self.article.id)
        except (TypeError, ValueError, AttributeError) as err:  # a stored state that is no record
            self.statusBar().showMessage(self.tr("The history of this record cannot be read: %1").replace("%1", str(err)),
                                         10000)
            return
        dialog = HistoryDialog(self)
        dialog.show_revisions(revisions)
        self.history_dialog = dialog  # tests reach the open dialog here
        ok = dialog.exec()
        self.history_dialog = None
        rev = dialog.chosen() if ok else None
        dialog.deleteLater()
        self.activateWindow()
        self.focus_article()
        if rev is not None:
            self.push_edit(self.tr("Restore the state of %1").replace("%1", local_time(rev.at)), rev.record,
                           status="in_review", action="restore")

    def show_help(self) -> HelpDialog:
        if self._help is None:
            self._help = HelpDialog(self)
        self._help.set_shortcuts(self.shortcuts())
        self._help.show()
        self._help.raise_()
        return self._help

    def _on_undo_action_triggered(self) -> None:
        if self.saving.pending is None:  # else the status bar says why it was not saved
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", self.undo_stack.redoText()), 4000)

    def _on_redo_action_triggered(self) -> None:
        if self.saving.pending is None:
            self.statusBar().showMessage(self.tr("Redone: %1").replace("%1", self.undo_stack.undoText()), 4000)

    def _on_undo_stack_text_changed(self, _text: str = "") -> None:
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setText(self.tr("Undo") + (f" {undo}" if undo else ""))
        self.redo_action.setText(self.tr("Redo") + (f" {redo}" if redo else ""))
