"""Draw resources/icons/reviewer.png (run once; the PNG is committed)."""
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

app = QGuiApplication([])
img = QImage(128, 128, QImage.Format.Format_ARGB32)
img.fill(Qt.GlobalColor.transparent)
p = QPainter(img)
p.setRenderHint(QPainter.RenderHint.Antialiasing)
p.setBrush(QColor("#ffffff"))
p.setPen(QPen(QColor("#374151"), 4))
p.drawRoundedRect(QRectF(16, 8, 96, 112), 10, 10)
for y, colour, w in ((30, "#fde68a", 64), (52, "#bfdbfe", 44), (74, "#bbf7d0", 56), (96, "#fed7aa", 36)):
    p.fillRect(QRectF(30, y, w, 12), QColor(colour))
p.setPen(QPen(QColor("#15803d"), 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
p.drawLine(70, 96, 84, 110)
p.drawLine(84, 110, 116, 70)
p.end()
img.save(str(Path(__file__).with_name("reviewer.png")))
