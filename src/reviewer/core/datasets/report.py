"""`reviewer report`: one self-contained HTML page about the agreements dataset, to send to
someone — the cooperation network, agreements per year by kind, commitments by category, top
partner pairs, domestic vs foreign, with filters by years, level, country and kind.

The page carries its data as JSON and draws it with a little inline JavaScript into SVG:
nothing is loaded from the network when it is opened, and it works from a file:// address.
"""
from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from ..store import Store
from .export import write_atomic
from .overview import figures, layout, load

KIND_WORDS = {"memorandum": "Biên bản ghi nhớ", "agreement": "Thỏa thuận hợp tác",
              "program": "Chương trình / kế hoạch", "other": "Khác (kết nghĩa, quy chế…)"}
CATEGORY_WORDS = {
    "economy & investment": "Kinh tế & đầu tư", "agriculture": "Nông nghiệp", "trade": "Thương mại",
    "tourism & culture": "Du lịch & văn hóa", "education & training": "Giáo dục & đào tạo",
    "health": "Y tế", "environment & resources": "Môi trường & tài nguyên",
    "science & technology": "Khoa học & công nghệ", "party & government": "Xây dựng Đảng & chính quyền",
    "defence & security": "Quốc phòng & an ninh", "social welfare": "An sinh xã hội", "other": "Khác",
}


def page_data(store: Store, title: str) -> dict:
    """What the page draws: localities with their place on the circle, groups, agreements."""
    data = load(store)
    pos, arcs = layout(data, figures(data, data.rows).nodes)
    keys = list(data.localities)
    index = {k: i for i, k in enumerate(keys)}
    locs = data.localities
    return {
        "title": title,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "localities": [[locs[k].name, locs[k].group, locs[k].foreign, locs[k].tier,
                        round(pos[k][0], 4), round(pos[k][1], 4)] for k in keys],
        "groups": [[g, round(a0, 4), round(a1, 4)] for g, a0, a1 in arcs],
        "agreements": [[r.year, r.kind, [index[k] for k in r.localities], dict(r.categories), r.n_articles]
                       for r in data.rows],
        "kinds": KIND_WORDS, "categories": CATEGORY_WORDS,
    }


def render(data: dict) -> str:
    """The HTML page for `page_data`'s dict."""
    template = resources.files("reviewer.data").joinpath("report.html").read_text("utf-8")
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")  # never closes the script
    return (template.replace("{{TITLE}}", html.escape(data["title"]))
            .replace("{{DATA}}", payload))


def write(store: Store, path: str | Path, title: str = "Hợp tác giữa các địa phương") -> int:
    """Write the report to `path` (atomically); returns how many agreements it shows."""
    data = page_data(store, title)
    write_atomic(path, [render(data)])
    return len(data["agreements"])
