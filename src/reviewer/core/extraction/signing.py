"""Signing: which sentences report this article's signing, and which only mention one.

A sentence reports the act when a signing verb governs a document ("ký kết biên bản ghi nhớ",
"tổ chức lễ ký kết", "kết nghĩa"), unless the signing is still to come, long past, counted in
a year's review, witnessed by the speaker, or done by a locality's police or youth union.
"""
from __future__ import annotations

import re

from ..records import Span
from .dates import find_dates
from .sentences import Sentence

SIGN = re.compile(r"(?<!\w)(?:[Kk][ýí]|KÝ|KÍ)(?:\s+kết)?(?!\w)")


DOC = re.compile(
    r"thỏa thuận|thoả thuận|ghi nhớ|chương trình|hợp tác|kết nghĩa|biên bản|văn bản|ý định thư|kế hoạch|quy chế"
    r"|hiệp định|giao ước|cam kết", re.I)


_CEREMONY = re.compile(r"(?:[Ll]ễ|buổi|[Hh]ội nghị|việc|sau khi|trước khi|[Cc]hương trình|nội dung|[Tt]heo)\s*$")


_FUTURE = re.compile(r"(?:sẽ|nghiên cứu|tiến tới|dự kiến|chuẩn bị|hướng tới|chưa|không)\s*$")


_ATTEND = re.compile(r"^(?:Dự lễ|Tham dự|Chủ trì|Cùng dự|Đến dự)|có sự tham dự|chủ trì")


WITNESS = re.compile(r"chứng kiến[^,;.]*")


GATHERING = re.compile(r"[Hh]ội nghị|[Ll]ễ\b|buổi|[Hh]ội đàm|[Dd]iễn đàn")


# "lễ ký kết … sẽ được tổ chức vào tháng 4 tới", "dự kiến ký kết": a signing still to come
PLANNED = re.compile(r"sẽ\s+(?:được\s+)?(?:tổ chức|diễn ra|ký)|[Dd]ự kiến|\bsắp\b|tháng\s+\d{1,2}\s+tới|năm\s+tới")


# "tổ chức lễ ký kết", "đã diễn ra Hội nghị ký kết": the ceremony held is the signing
_HELD = re.compile(r"(?:tổ chức|diễn ra)\s+(?:buổi\s+)?(?:[Ll]ễ|[Hh]ội nghị)\s*$")


HELD_AT = re.compile(r"(?:[Ll]ễ|[Bb]uổi lễ|[Hh]ội nghị)\s+(?:ký|kí)[^.]{0,40}?(?:diễn ra|được tổ chức|tổ chức)\s+tại")


_COUNTED = re.compile(r"\s*(?:được\s+)?(?:hơn\s+|gần\s+)?\d+\s+(?:thỏa|thoả|văn bản|biên bản|chương trình|bản ghi nhớ)")


REVIEW = re.compile(r"(?:^|\W)(?:[Nn]ăm \d{4},|trong năm \d{4}|năm qua|tháng đầu năm|nhiệm kỳ qua|[Tt]ổng kết|[Ss]ơ kết)")


TWINNING = re.compile(r"(?:[Ll]ễ|tổ chức|chính thức|[Hh]ội nghị)\s+kết nghĩa")


EARLIER = re.compile(
    r"(?:thỏa thuận|thoả thuận|ghi nhớ|biên bản|chương trình|nội dung|văn bản|kế hoạch)[^,.;]{0,30}?"
    r"(?:đã|được)\s+(?:được\s+)?(?:ký|kí)|(?:ký|kí)(?:\s+kết)?\s+(?:từ\s+)?(?:năm|vào năm)\s+(?:19|20)\d{2}"
    r"|(?<!tháng \d)(?<!tháng \d\d)(?<!/)(?:[Nn]ăm|[Tt]ừ năm)\s+(?:19|20)\d{2},")


# signatories that are a locality's organisations, not its government
_ORG_SUBJECT = re.compile(r"(?:^|[-–:]\s+|^\W*date\s+[\d-]+\s+\(\w+\)\s*[-–]\s*)(?:Công an|Đoàn Thanh niên|Đoàn TN|Chi đoàn"
                          r"|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Hội (?:Nông dân|Phụ nữ|Liên hiệp Phụ nữ|Cựu chiến binh|Chữ thập đỏ)"
                          r"|Đồn Biên phòng|Bộ đội Biên phòng|Ban Chỉ huy Quân sự|Liên đoàn Lao động|Mặt trận Tổ quốc"
                          r"|Trường|Bệnh viện|Ngân hàng|Công ty|Tập đoàn|Sở|Cục|Chi cục|Viện)\b")


_GOV_SUBJECT = re.compile(r"UBND|Ủy ban nhân dân|Uỷ ban nhân dân|[Đđ]ảng ủy|[Đđ]ảng uỷ|HĐND|[Cc]hính quyền|[Ll]ãnh đạo"
                          r"|[Tt]ỉnh ủy|[Hh]uyện ủy|[Tt]hành ủy|[Qq]uận ủy|[Tt]hị ủy")


EVENT_DATE = re.compile(r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm nay|[Nn]gày)\s+(?:nay\s*\(?)?(?:ngày\s+)?"
                         r"\d{1,2}(?:\s*[/.-]\s*|\s+tháng\s+)\d{1,2}")


# a later act on the same occasion: perhaps a second document ("Dịp này, hai địa phương ký kết …")
ALSO = re.compile(r"^(?:Dịp này|Nhân dịp này|Nhân dịp|Đồng thời|Cũng tại[^,]*,|Bên cạnh đó|Ngoài ra)")


def _org_subject(subject: str) -> bool:
    return bool(_ORG_SUBJECT.search(subject[:80])) and not _GOV_SUBJECT.search(subject)


def org_signing(text: str, span: Span) -> bool:
    """True when the signing in this span is done by a locality's organisations (police, youth union)."""
    body = text[span.start:span.end]
    return any(DOC.search(body, m.end(), m.end() + 80) and _org_subject(body[:m.start()])
               for m in SIGN.finditer(body))


def reports_signing(text: str, sent: Sentence | Span) -> tuple[bool, bool]:
    """(mentions a signing at all, reports the act of signing) for one sentence (or the headline)."""
    span = sent.span if isinstance(sent, Sentence) else sent
    body = text[span.start:span.end]
    any_sign, act = False, False
    planned = bool(PLANNED.search(body))  # a signing still to come
    dated = bool(EVENT_DATE.search(body))
    for m in SIGN.finditer(body):
        after = body[m.end():m.end() + 80]
        if not (DOC.search(after) or re.match(r"\s*nghĩa\b", after)):  # "ký kết nghĩa"
            continue
        before = body[max(0, m.start() - 25):m.start()]
        if planned or _FUTURE.search(before):
            continue
        if _org_subject(body[:m.start()]):
            continue  # "Công an các phường … ký kết quy chế": units of the police, not the localities
        any_sign = True
        # "the memorandum signed in 2015", "đã ký kết 12 thỏa thuận": not this event's signing
        local = body[max(0, m.start() - 60):m.end() + 40]
        if EARLIER.search(local) and not dated or _COUNTED.match(after):
            continue
        if (not _CEREMONY.search(before) or _HELD.search(before)) and not _ATTEND.search(body):
            act = True
    if TWINNING.search(body) or re.search(r"thống nhất\s+ghi nhớ", body):
        any_sign = act = True
    return any_sign, act


_TRAILER = re.compile(
    r"^[ \t]*(?:tin liên quan|các tin khác|tin khác|các bài viết khác|bài viết liên quan|tin cùng chuyên mục"
    r"|xem thêm|đọc thêm|tin mới|tin mới nhất|sự kiện liên quan|bình luận|ý kiến bạn đọc|tin đã đưa"
    r"|tin bài liên quan|bài liên quan|có thể bạn quan tâm)\b[^\n]{0,20}$",
    re.IGNORECASE | re.MULTILINE)


def body_end(text: str) -> int:
    """Where the article ends: before a "related news" list, whose headlines are other stories."""
    m = _TRAILER.search(text, min(len(text), 200))
    return m.start() if m else len(text)


def this_event(text: str, span: Span) -> Span:
    """The sentence without a clause about an earlier document ("…, nâng cấp từ biên bản ghi nhớ
    được hai tỉnh ký năm 2017"), so that document's kind is not counted as this one's."""
    m = EARLIER.search(text, span.start, span.end)
    if not m:
        return span
    cut = text.rfind(",", span.start, m.start())
    return Span(span.start, cut) if cut > span.start else span


def long_past(text: str, span: Span, now: int) -> bool:
    """True when every full date in the span lies more than a year before the article's year."""
    years = [d.year for d in find_dates(text, span.start, span.end) if d.year]
    return bool(years) and max(years) < now - 1


# a participial tail after the signing clause: ", đánh dấu mối quan hệ … sau tỉnh X", ", nâng tổng số …"
_TAIL = re.compile(r",\s+(?:đánh dấu|nâng|sau khi|sau|mở ra|góp phần|tiếp nối|thể hiện|trở thành|là địa phương)\b")


def tail_start(text: str, span: Span) -> int:
    """Where a signing sentence's participial tail begins (its end if it has none)."""
    sign = SIGN.search(text, span.start, span.end)
    if not sign:
        return span.end
    doc = DOC.search(text, sign.end(), span.end)
    tail = _TAIL.search(text, doc.end() if doc else sign.end(), span.end)
    return tail.start() if tail else span.end
