"""Commitments: the clauses the parties undertake, as exact substrings of the article.

A sentence is read as a commitment when it lists the agreed contents ("gồm 4 nội
dung: …"), when its subject undertakes something ("hai bên sẽ …", "… thống nhất …"),
when it continues such a block with a verb ("Tăng cường …"), or when a party
pledges support at the event ("Dịp này, tỉnh X trao hỗ trợ … 7 tỷ đồng").
Speeches, wishes, background and past results are not commitments.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..records import Commitment, Span
from .sentences import Sentence

_SPEECH = re.compile(
    r"phát biểu|đề nghị|mong muốn|cho rằng|nhấn mạnh|khẳng định|bày tỏ|cho biết|kiến nghị|đề xuất|mong rằng"
    r"|[Tt]heo (?:Chủ tịch|Bí thư|đồng chí|ông|bà|Phó)|[Cc]òn theo|thời gian qua|những năm qua|năm qua|vừa qua")
_NEG = re.compile(
    r"\bcần\b|phát biểu|đề nghị|mong muốn|cho rằng|nhấn mạnh|khẳng định|bày tỏ|cho biết|kiến nghị|đề xuất"
    r"|tin tưởng|chúc mừng|đánh giá cao|ghi nhận|mong rằng|hy vọng|kỳ vọng|chứng kiến|Ảnh\s*:|Theo\s+Báo"
    r"|[Vv]iệc ký kết|ý nghĩa|nguyên tắc\s*:|nhằm cụ thể hóa|Tham dự|Dự lễ|chủ trì|[Mm]ục tiêu chính"
    r"|[Hh]oạt động hợp tác,|được xây dựng trên|thời gian qua|những năm qua|năm qua|vừa qua|đến nay|trước đó"
    r"|[Vv]ề phía\b[^.;]{0,60}?\bcó\b",  # "Về phía tỉnh X có ông …": who attended
)
LIST_INTRO = re.compile(
    r"(?:nội dung|lĩnh vực|nhóm nội dung|điểm|vấn đề)[^.:;]{0,60}:\s*", re.I)
_DOCS = (r"(?:bản |biên bản |văn bản |nội dung )?(?:ghi nhớ|thỏa thuận|thoả thuận|chương trình|biên bản|kế hoạch"
         r"|giao ước|quy chế|kết nghĩa|cam kết|văn bản|nội dung)")
_ORDINAL = r"Thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
_LINKS = r"Cùng với đó|Bên cạnh đó|Đặc biệt|Đồng thời|Ngoài ra|Trong đó|Cụ thể|Trọng tâm là"
# a sentence opening that introduces what was agreed
_CUE = re.compile(
    r"^(?:Theo đó|Theo nội dung|(?:Theo|Tại|Trong) " + _DOCS + "|" + _ORDINAL + ",|" + _LINKS
    + r"|Về |Đối với |Với |Trong (?:công tác|lĩnh vực))")
_UNDERTAKE = re.compile(r"\bsẽ\b|(?:thống nhất|cam kết|nhất trí)(?=\s+\w)(?!\s+(?:với|cao))")
_PAST = re.compile(r"\bđã\b(?! thống nhất| nhất trí| ký| kí)")
_VERB_START = re.compile(
    r"^(?:Tăng cường|Hợp tác|Phối hợp|Trao đổi|Hỗ trợ|Chia sẻ|Xây dựng|Đẩy mạnh|Tổ chức|Thúc đẩy|Khuyến khích"
    r"|Tạo điều kiện|Nghiên cứu|Phát triển|Nâng cao|Triển khai|Thực hiện|Giới thiệu|Quảng bá|Liên kết|Kết nối"
    r"|Mở rộng|Duy trì|Cùng|Hai bên|Các bên|Tham gia|Xúc tiến|Giao|Hằng năm|Hàng năm|Định kỳ)")
_ANNOUNCE = re.compile(r"\b(?:ở|gồm|với|trên|có)\s+(?:\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+"
                       r"(?:nhóm\s+)?(?:nội dung|lĩnh vực|điểm|nhiệm vụ)[^.;:]{0,30}[.]?\s*$")
_BULLET = re.compile(r"^\s*(?:[-–•*+]|\d{1,2}[.)]|[a-zđ][.)])\s+")
_SUPPORT_VERB = re.compile(r"\b(?:hỗ trợ|tặng|trao|ủng hộ|cấp|đóng góp|giúp đỡ|tài trợ|dành)\b")
_OCCASION = re.compile(r"^(?:Dịp này|Nhân dịp này|Nhân dịp|Cũng tại|Tại (?:buổi|lễ|hội nghị)|Trong dịp này)", re.I)
_MONEY = re.compile(
    r"(?:(?:hơn|gần|khoảng|trên)\s+)?\d[\d.,]*\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|USD|VNĐ|VND|kíp|kip|riel)"
    r"(?:\s*/\s*\w+)?")
_COUNT = re.compile(r"\d[\d.,]*\s+(?:suất học bổng|suất quà|phần quà|căn nhà|ngôi nhà|phòng học"
                    r"|tấn(?:\s+(?:gạo|xi măng|phân bón|hàng hóa|hàng hoá|lương thực|thực phẩm))?)")
# openings that report what the document says, even right after a speech
_AGREED = re.compile(r"^(?:Theo đó|Theo nội dung|(?:Theo|Tại|Trong) " + _DOCS + ")")
# the same openings, cut from the front of a clause
_PREFIX = re.compile(
    r"^(?:(?:Theo đó|Theo nội dung ký kết|(?:Theo|Tại|Trong) " + _DOCS + r"[^,]{0,120}|" + _ORDINAL + "|" + _LINKS
    + r"|đồng thời|Dịp này|Nhân dịp này|Qua đó|Trong (?:công tác|lĩnh vực)[^,:]{0,80}"
    r"|(?:Ngay )?[Tt]ại (?:buổi lễ|lễ ký(?: kết)?|hội nghị|buổi làm việc)|[Tt]rong thời gian tới|[Tt]hời gian tới"
    r"|Về [^,:;]{0,80}:|Về [^,:;]{0,60}|Đối với [^,:;]{0,80}|Với [^,:;]{0,60})\s*[,:]?\s+)")
# after a heading prefix, short comma-separated words still belong to it ("Về lĩnh vực văn hóa, xã hội, …")
_HEADING_TAIL = re.compile(r"^(?:[^,;:]{1,25}?,\s+)(?=[^,;:]*\b(?:sẽ|thống nhất|hai|các|tỉnh|thành phố|huyện|xã|phường|lãnh đạo)\b)")
_AGREE_PREFIX = re.compile(r"^[^;:]{0,160}?(?<!và )\b(?:đã\s+)?(?<!và )(?:thống nhất|quy định)\s+(?:đề ra\s+)?")
_CATEGORIES = [
    ("party & government", r"Đảng|hệ thống chính trị|cải cách hành chính|chính quyền|bộ máy|cán bộ|giám sát"
                           r"|quản lý nhà nước|dân vận|đối ngoại|chính trị|lãnh đạo|đoàn các cấp|hành chính"),
    ("defence & security", r"quốc phòng|an ninh|biên giới|trật tự|xuất nhập cảnh"),
    ("education & training", r"giáo dục|đào tạo|học bổng|trường|sinh viên|giáo viên|dạy và học|học tập"),
    ("health", r"y tế|sức khỏe|sức khoẻ|bệnh viện|khám chữa bệnh"),
    ("tourism & culture", r"du lịch|văn hóa|văn hoá|thể thao|di tích|nghệ thuật|lễ hội|bảo tàng|thư viện"),
    ("agriculture", r"nông nghiệp|nông sản|cây trồng|vật nuôi|thủy sản|thuỷ sản|nông thôn|OCOP|lâm nghiệp|rừng|giống"),
    ("trade", r"thương mại|xuất nhập khẩu|tiêu thụ|hội chợ|hàng hóa|hàng hoá|sản phẩm"),
    ("economy & investment", r"đầu tư|kinh tế|doanh nghiệp|công nghiệp|quy hoạch|hạ tầng|giao thông|đô thị|logistic"
                             r"|hàng không|FDI"),
    ("science & technology", r"khoa học|công nghệ|chuyển đổi số|đổi mới sáng tạo|khởi nghiệp|thông tin"),
    ("environment & resources", r"môi trường|tài nguyên|biến đổi khí hậu|đất đai|thiên tai|biển"),
    ("social welfare", r"an sinh|xóa đói|giảm nghèo|hộ dân|nhà ở|việc làm|lao động|nhân đạo|khó khăn|quà"),
]
_CATEGORY_RES = [(c, re.compile(p)) for c, p in _CATEGORIES]


def category(text: str) -> str:
    """The field a commitment belongs to, by the keywords it contains (most hits wins)."""
    best, hits = "other", 0
    for cat, rx in _CATEGORY_RES:
        n = len(rx.findall(text))
        if n > hits:
            best, hits = cat, n
    return best


@dataclass(frozen=True)
class PartyRef:
    """Where a party is mentioned: its canonical name and the mention's span."""

    name: str
    span: Span


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at ';' and list colons; trim connectors and edge punctuation."""
    out = []
    pos = start
    for m in re.finditer(r";|:\s", text[start:end]):
        if m.group(0) == ";":  # a segment ending at ':' is a heading ("Về văn hóa - xã hội:")
            out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        s, e = _trim(text, s, e)
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while True:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip(" \t\n-–•*+"))
        s += lead
        seg = text[s:e]
        m = _PREFIX.match(seg)
        if m and len(seg) - m.end() > 10:
            s += m.end()
            tail = _HEADING_TAIL.match(text[s:e])
            if tail and len(tail.group(0).split()) <= 3 and not _UNDERTAKE.search(tail.group(0)):
                s += tail.end()
            continue
        m = _AGREE_PREFIX.match(seg)
        if m and len(seg[m.end():].split()) >= 3 and m.end() > 0:
            s += m.end()
            continue
        break
    seg = text[s:e]
    stripped = seg.rstrip(" \t\n.,;:…")
    if stripped.endswith("..."):
        stripped = stripped[:-3]
    e = s + len(stripped.rstrip(" \t\n.,;:…"))
    return s, e


def find(text: str, sentences: list[Sentence], parties: list[PartyRef], skip: set[int],
         truncated: bool) -> list[Commitment]:
    """Commitment clauses in reading order. `skip` holds indexes of sentences never to read
    (headline, signing sentences); `truncated` drops an article's unfinished last clause."""
    out: list[Commitment] = []
    block = False
    last_para = -1
    muted_para = -1  # a paragraph of speech or background: nothing in it is a commitment
    listing = False  # just after "… gồm các nội dung sau:", bullets are commitments
    for i, sent in enumerate(sentences):
        s, e = sent.span.start, sent.span.end
        body = text[s:e]
        new_para = sent.paragraph != last_para
        last_para = sent.paragraph
        if i in skip:
            block = False
            continue
        bullet = _BULLET.match(body)
        if bullet and listing:  # items of an agreed list, whatever their verbs
            out += _make(text, s + bullet.end(), e, parties)
            continue
        if _SPEECH.search(body):
            muted_para = sent.paragraph
            block = False
            listing = False
            continue
        # a speech mutes the rest of its paragraph, until a new cue ("Dịp này, …", "Theo đó, …")
        if sent.paragraph == muted_para and not (_OCCASION.match(body) or _AGREED.match(body)):
            continue
        muted_para = -1 if sent.paragraph == muted_para else muted_para
        if bullet and block and not _NEG.search(body):
            out += _make(text, s + bullet.end(), e, parties)
            listing = True
            continue
        listing = bool(re.search(r":\s*$", body)) and bool(LIST_INTRO.search(body) or _UNDERTAKE.search(body))
        caption = not re.search(r"[.;:!?…]\s*$", body) and len(body) < 160 and new_para
        if caption:
            block = False
            continue
        is_support = bool(_SUPPORT_VERB.search(body) and (_MONEY.search(body) or _COUNT.search(body)))
        if is_support and (_OCCASION.match(body) or _UNDERTAKE.search(body) or block):
            intro = LIST_INTRO.search(body)
            out += _support_clauses(text, s + (intro.end() if intro else 0), e, parties)
            continue
        if _NEG.search(body):
            block = False
            continue
        if _ANNOUNCE.search(body):
            block = True  # "… tập trung phối hợp ở 4 nội dung." announces the list that follows
            continue
        intro = LIST_INTRO.search(body)
        if intro and not _PAST.search(body[:intro.start()]):
            out += _make(text, s + intro.end(), e, parties)
            block = True
            continue
        past = bool(_PAST.search(body)) and not _UNDERTAKE.search(body)
        if past:
            block = False
            continue
        if _CUE.match(body) or _UNDERTAKE.search(body) or (block and _VERB_START.match(body)):
            out += _make(text, s, e, parties)
            block = True
            continue
        block = False
    if truncated and out and out[-1].span and out[-1].span.end >= len(text.rstrip()) - 1:
        out.pop()
    return _dedupe(out)


def _make(text: str, s: int, e: int, parties: list[PartyRef]) -> list[Commitment]:
    out = []
    for cs, ce in _clauses(text, s, e):
        clause = text[cs:ce]
        if len(clause.split()) < 2:
            continue
        out.append(Commitment(text=clause, category=category(clause), span=Span(cs, ce), confidence=0.7))
    return out


def _two_gifts(text: str, cs: int, ce: int) -> list[tuple[int, int]]:
    """"trao 3 tỷ đồng … và trao 50 suất học bổng …": one clause per gift, split at that "và"."""
    clause = text[cs:ce]
    amounts = sorted([*_MONEY.finditer(clause), *_COUNT.finditer(clause)], key=lambda m: m.start())
    if len(amounts) < 2 or "tương đương" in clause:
        return [(cs, ce)]
    joins = [m for m in re.finditer(r"\s+và\s+", clause) if amounts[0].end() <= m.start() < amounts[1].start()
             and (_SUPPORT_VERB.match(clause, m.end()) or m.end() == amounts[1].start())]
    if not joins:
        return [(cs, ce)]
    j = joins[-1]
    return [(cs, cs + j.start()), (cs + j.end(), ce)]


def _support_clauses(text: str, s: int, e: int, parties: list[PartyRef]) -> list[Commitment]:
    out, giver = [], None
    starts = [p.span.start for p in parties]  # parties come sorted by position
    pieces = [piece for cs, ce in _clauses(text, s, e) for piece in _two_gifts(text, cs, ce)]
    for cs, ce in pieces:
        clause = text[cs:ce]
        if len(clause.split()) < 2:
            continue
        verb = _SUPPORT_VERB.search(clause)
        lo = bisect_left(starts, cs)
        hi = bisect_left(starts, cs + (verb.start() if verb else 0))
        before = parties[lo:hi]
        if before:
            giver = before[-1].name
        m = _MONEY.search(clause) or _COUNT.search(clause)
        money = list(_MONEY.finditer(clause))
        if money:
            m = money[-1] if len(money) > 1 and "tương đương" in clause else money[0]
        amount = m.group(0).strip() if m else None
        amount_span = Span(cs + m.start(), cs + m.start() + len(m.group(0).strip())) if m else None
        out.append(Commitment(text=clause, category=category(clause), giver=giver if verb or m else None,
                              amount=amount, span=Span(cs, ce), amount_span=amount_span, confidence=0.8))
    return out


def from_headline(text: str, title: Span, parties: list[PartyRef]) -> list[Commitment]:
    """A support pledge the headline reports with its giver ("Tỉnh X tặng tỉnh Y 2 tỷ đồng …")."""
    head = text[title.start:title.end]
    verb = _SUPPORT_VERB.search(head)
    if not verb or not (_MONEY.search(head) or _COUNT.search(head)) or len(head) > 160 \
            or _NEG.search(head) or _PAST.search(head):
        return []  # a real headline, not a lead paragraph, a speech or a report of past results
    if not any(title.start <= p.span.start < title.start + verb.start() for p in parties):
        return []  # no locality gives it: a headline about something else
    return [c for c in _support_clauses(text, title.start, title.end, parties) if c.amount]


def _dedupe(items: list[Commitment]) -> list[Commitment]:
    seen, out = set(), []
    for c in items:
        key = re.sub(r"\s+", " ", c.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


_ABOUT = re.compile(r"\bvề việc\s+")
_AGREED_AFTER = re.compile(r",\s*(?:cùng\s+)?(?:thống nhất|nhất trí|cam kết)\s+(?!với\b|cao\b)")
_PURPOSE = re.compile(r"\s+(?:với mục đích|nhằm mục đích)\s+")


def from_signing(text: str, sent: Sentence) -> list[Commitment]:
    """What a signed document is about, when the signing sentence says it:
    "ký kết thỏa thuận hợp tác về việc X với mục đích Y" gives X and Y."""
    s, e = sent.span.start, sent.span.end
    agreed = _AGREED_AFTER.search(text, s, e)
    if agreed and re.search(r"(?:ký|kí|kết nghĩa)", text[s:agreed.start()]) and not LIST_INTRO.search(text, s, e):
        return _make(text, agreed.end(), e, [])  # "ký kết biên bản kết nghĩa, thống nhất A; B; C"
    m = _ABOUT.search(text, s, e)
    if not m:
        return []
    out, pos = [], m.end()
    for p in _PURPOSE.finditer(text, pos, e):
        out += _make(text, pos, p.start(), [])
        pos = p.end()
    return out + _make(text, pos, e, [])
