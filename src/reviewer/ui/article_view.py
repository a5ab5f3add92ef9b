"""The article: its stored text, read-only, with every located field highlighted in its colour;
the keyboard's home (Tab/J/K step between highlights, N to the next place name, mark keys).

Spans arrive in code points and are converted once through `OffsetMap`. Highlights are char
formats merged inside one edit block with undo off (the fastest way measured); the field the
editor selects is flashed with an extra selection.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from .fields import SELECTION_KINDS
from .labels import field_label
from .offsets import OffsetMap
from .typing_rules import next_name, snap_to_syllables, unit_at

COLOURS = {"party": "#fde68a", "date": "#bfdbfe", "place": "#bbf7d0", "period": "#ddd6fe",
           "kind": "#fbcfe8", "commitment": "#e5e7eb", "amount": "#fed7aa"}
# one key per field kind, active while the article has focus
MARK_KEYS = {"party": "P", "date": "D", "place": "L", "period": "R", "commitment": "C", "amount": "A"}


class ArticleView(QPlainTextEdit):
    """Read-only text with highlights; reports clicks on highlights and requests to mark text."""

    field_clicked = Signal(object)  # field path
    field_stepped = Signal(object)  # field path reached with Tab / Shift+Tab / J / K
    edit_requested = Signal(object)  # field path to edit in the record panel (F2)
    mark_requested = Signal(str, int, int)  # field kind, start, end (code points)
    nothing_to_mark = Signal(str)  # field kind: a mark key with no selection and no such unit here
    remove_requested = Signal(object)  # field path

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        font = self.font()
        font.setPixelSize(14)
        self.setFont(font)
        self._text = ""
        self._map = OffsetMap("")
        self._fields: list[tuple[int, int, object, str]] = []  # utf16 start, end, path, kind
        self._formats = {k: self._format(c) for k, c in COLOURS.items()}
        self._flash_timer = QTimer(self, interval=140)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)
        self._flash_left = 0
        self._flash_span: tuple[int, int] | None = None
        self._flash_path = None
        self._press_pos: QPoint | None = None
        self.mark_actions: dict[str, QAction] = {}
        for kind in SELECTION_KINDS:
            act = QAction(self)
            act.setShortcut(QKeySequence(MARK_KEYS[kind]))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda _=False, k=kind: self._on_mark_action_triggered(k))
            self.addAction(act)
            self.mark_actions[kind] = act
        self.retranslate()

    def retranslate(self) -> None:
        for kind, act in self.mark_actions.items():
            act.setText(self.tr("Mark selection as: %1").replace("%1", field_label(kind)))

    @staticmethod
    def _format(colour: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        return fmt

    # -------------------------------------------------------- content
    def set_article(self, text: str, located) -> None:
        """Show `text` with the fields `located` ((path, kind, Span) in code points) highlighted."""
        self._flash_timer.stop()
        self.setExtraSelections([])
        self._text = text
        self._map = OffsetMap(text)
        # new text takes the cursor's char format: inside a highlight it would paint the whole
        # article in that colour
        self.setTextCursor(QTextCursor(self.document()))
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(text)
        self.setCurrentCharFormat(QTextCharFormat())
        self._apply(located, clear=False)

    def set_fields(self, located) -> None:
        """Redraw the highlights for a changed record (the text stays); the field last shown keeps
        its underline only if it is still there (an undone mark loses it)."""
        self._apply(located, clear=True)
        if self._flash_span is not None and self.span_of(self._flash_path) != self._flash_span:
            self._flash_timer.stop()
            self._flash_span = self._flash_path = None
            self.setExtraSelections([])

    def _apply(self, located, clear: bool) -> None:
        n = self._map.length
        if self._map.identity:  # nothing beyond the BMP (nearly every article): offsets as they are
            fields = [(sp.start, sp.end, path, kind) for path, kind, sp in located if sp.end <= n]
        else:
            to16 = self._map.to_utf16
            fields = [(to16(sp.start), to16(sp.end), path, kind) for path, kind, sp in located if sp.end <= n]
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        if clear and self._fields:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.setCharFormat(QTextCharFormat())
        # longest first, so a field inside another (an amount in a commitment) paints on top
        keep, formats = QTextCursor.MoveMode.KeepAnchor, self._formats
        set_position, merge = cursor.setPosition, cursor.mergeCharFormat
        for start, end, _path, kind in sorted(fields, key=lambda f: f[0] - f[1]):
            set_position(start)
            set_position(end, keep)
            merge(formats[kind])
        cursor.endEditBlock()
        self._fields = fields

    def field_at(self, utf16_pos: int) -> tuple[object, str] | None:
        """The innermost highlighted field at a position: (path, kind), or None."""
        best = None
        for start, end, path, kind in self._fields:
            if start <= utf16_pos < end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, path, kind)
        return (best[2], best[3]) if best else None

    def span_of(self, path) -> tuple[int, int] | None:
        for start, end, p, _kind in self._fields:
            if p == path:
                return start, end
        return None

    def highlighted(self) -> list[tuple[object, str, int, int]]:
        """Every highlight as (path, kind, start, end) in code points (what tests check)."""
        cp = self._map.to_codepoint
        return [(p, k, cp(s), cp(e)) for s, e, p, k in self._fields]

    def selection(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets [start, end), or None."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self._map.to_codepoint(c.selectionStart()), self._map.to_codepoint(c.selectionEnd())

    def select_codepoints(self, start: int, end: int) -> None:
        c = self.textCursor()
        c.setPosition(self._map.to_utf16(start))
        c.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)

    # -------------------------------------------------------- showing a field
    def show_field(self, path) -> bool:
        """Scroll to the field's highlight and flash it; False if it has no span."""
        span = self.span_of(path)
        if span is None:
            self._flash_timer.stop()
            self._flash_span = None
            self.setExtraSelections([])
            return False
        c = QTextCursor(self.document())
        c.setPosition(span[1])
        self.setTextCursor(c)
        c.setPosition(span[0])
        self.setTextCursor(c)  # the start ends up visible even for a long field
        self.ensureCursorVisible()
        self._flash_span = span
        self._flash_path = path
        self._flash_left = 6
        self._on_flash_timer_timeout()
        self._flash_timer.start()
        return True

    def shown_field_span(self) -> tuple[int, int] | None:
        """The code-point span of the field last shown (flashed), or None."""
        if self._flash_span is None:
            return None
        return self._map.to_codepoint(self._flash_span[0]), self._map.to_codepoint(self._flash_span[1])

    def _selection_for(self, span: tuple[int, int], strong: bool) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(span[0])
        cur.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        if strong:
            fmt.setBackground(QColor("#f59e0b"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#b45309"))
        fmt.setProperty(QTextFormat.Property.FontWeight, 600)
        sel.format = fmt
        return sel

    def _on_flash_timer_timeout(self) -> None:
        if self._flash_span is None:
            self._flash_timer.stop()
            return
        self._flash_left -= 1
        self.setExtraSelections([self._selection_for(self._flash_span, self._flash_left % 2 == 1)])
        if self._flash_left <= 0:
            self._flash_timer.stop()

    # -------------------------------------------------------- mouse and menu
    def tooltip_at(self, viewport_pos: QPoint) -> str | None:
        """What the highlight under a point is ("Party", "Amount", ...), or None."""
        hit = self.field_at(self.cursorForPosition(viewport_pos).position())
        if not hit:
            return None
        span = self.span_of(hit[0])
        words = " ".join(self._text[self._map.to_codepoint(span[0]):self._map.to_codepoint(span[1])].split())
        words = words if len(words) <= 60 else words[:57] + "…"
        return f"{field_label(hit[1])}: {words}"

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:  # hovering arrives at the viewport, not the editor
            text = self.tooltip_at(e.pos())
            if text:
                QToolTip.showText(e.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    def mousePressEvent(self, e) -> None:
        self._press_pos = e.position().toPoint()
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e) -> None:
        super().mouseReleaseEvent(e)
        moved = self._press_pos is not None and (e.position().toPoint() - self._press_pos).manhattanLength() > 3
        if e.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            hit = self.field_at(self.cursorForPosition(e.position().toPoint()).position())
            if hit:
                self.field_clicked.emit(hit[0])
        elif e.button() == Qt.MouseButton.LeftButton and moved and self.textCursor().hasSelection():
            start, end = snap_to_syllables(self._text, *self.selection())  # whole syllables only
            self.select_codepoints(start, end)

    def contextMenuEvent(self, e) -> None:
        menu = self.build_context_menu(self.cursorForPosition(e.pos()).position())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def build_context_menu(self, utf16_pos: int) -> QMenu:
        """The right-click menu: mark the selection as a field, or remove the field clicked on."""
        menu = QMenu(self)
        has_sel = self.textCursor().hasSelection()
        for kind in SELECTION_KINDS:
            act = self.mark_actions[kind]
            act.setEnabled(has_sel)
            menu.addAction(act)
        hit = self.field_at(utf16_pos)
        if hit:
            menu.addSeparator()
            remove = menu.addAction(self.tr("Remove this %1").replace("%1", field_label(hit[1]).lower()))
            remove.triggered.connect(lambda _=False, p=hit[0]: self.remove_requested.emit(p))
        menu.addSeparator()
        menu.addAction(self.tr("Copy"), QKeySequence.StandardKey.Copy, self.copy).setEnabled(has_sel)
        return menu

    def _on_mark_action_triggered(self, kind: str) -> None:
        sel = self.selection()
        if sel and sel[0] < sel[1]:
            start, end = snap_to_syllables(self._text, *sel)
        else:  # no selection: the natural unit under the cursor
            pos = self._map.to_codepoint(self.textCursor().position())
            unit = unit_at(kind, self._text, pos)
            if unit is None:
                self.nothing_to_mark.emit(kind)
                return
            start, end = unit
        self.mark_requested.emit(kind, start, end)

    # -------------------------------------------------------- keys
    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab and Shift+Tab step between highlights (keyPressEvent)

    def keyPressEvent(self, e) -> None:
        key, mods = e.key(), e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier or key == Qt.Key.Key_J and plain:
            self.step_field(1)
        elif key == Qt.Key.Key_Backtab or key == Qt.Key.Key_K and plain:
            self.step_field(-1)
        elif key == Qt.Key.Key_N and plain:
            self.step_name(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            hit = self.field_at(self.textCursor().position())
            if hit:
                self.edit_requested.emit(hit[0])
        else:
            super().keyPressEvent(e)

    def step_field(self, step: int) -> object | None:
        """Move to the next (step 1) or previous (-1) highlighted field; returns its path."""
        if not self._fields:
            return None
        order = sorted(self._fields, key=lambda f: (f[0], f[1]))
        here = self.textCursor().position()
        shown = self._flash_path if self._flash_span is not None and self._flash_span[0] == here else None
        current = shown or (self.field_at(here) or (None,))[0]
        at = next((i for i, f in enumerate(order) if current is not None and f[2] == current), None)
        if at is not None:
            target = order[(at + step) % len(order)]
        elif step > 0:
            target = next((f for f in order if f[0] > here), order[0])
        else:
            target = next((f for f in reversed(order) if f[0] < here), order[-1])
        self.show_field(target[2])
        self.field_stepped.emit(target[2])
        return target[2]

    def put_cursor(self, utf16_pos: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(min(utf16_pos, self.document().characterCount() - 1))
        self.setTextCursor(c)

    def step_name(self, step: int) -> bool:
        """Put the cursor on the next (previous) place name in the text that is no party yet."""
        taken = [(self._map.to_codepoint(s), self._map.to_codepoint(e)) for s, e, _p, k in self._fields
                 if k == "party"]
        here = self._map.to_codepoint(self.textCursor().position())
        found = next_name(self._text, here, taken, backwards=step < 0)
        if found is None:
            return False
        c = QTextCursor(self.document())
        c.setPosition(self._map.to_utf16(found[0]))
        self.setTextCursor(c)
        self.ensureCursorVisible()
        self._flash_timer.stop()
        self._flash_span = None
        self.setExtraSelections([self._selection_for((self._map.to_utf16(found[0]), self._map.to_utf16(found[1])),
                                                     False)])
        return True
