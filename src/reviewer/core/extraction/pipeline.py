"""Extraction: Article → Record, every field with its span into the stored text.

The stages, in order: locality mentions (`localities`) → sentences that report a signing
(`signing`) → the signing parties (`roles`, where the learned model may decide) → one agreement
per signed document (`multi`) → kind, date, place, period (`fields`) → commitments
(`commitments`, filtered by the learned model).
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import clauses, fields, localities, roles, signing
from . import commitments as cm
from .gazetteer import load as load_gazetteer
from .learned import BUNDLED, Model, bundled
from .countries import foreign_countries
from .localities import Mention, find_mentions
from .multi import (kind_of, split_bilateral, split_conjoined, split_documents, split_events, split_pairings,
                    split_same_day)
from ..records import Agreement, Article, Party, Record, Span
from .sentences import split
from ..vntext import name_key

EXTRACTOR_VERSION = "1.0.0"


Extraction = Record


def extract(article: Article, model: "Model | None | object" = BUNDLED, trace: list | None = None) -> Record:
    """Return the machine's record for `article`: publication date and agreements, with spans.

    `model` decides which localities are parties and which clauses are commitments (None: the
    rules alone); `trace`, if given, collects (mention, features) for every candidate party and
    (commitment, features) for every proposed clause: what training learns from."""
    text = article.text
    record = Record(source=article.source, title=article.title, published=article.published,
                    published_span=article.published_span)
    if not signing.SIGN.search(text) and not signing.TWINNING.search(text):
        return record
    gaz = load_gazetteer()
    if model is BUNDLED:
        model = bundled()
    mentions = find_mentions(text, gaz, model.names if model is not None else ())
    index = localities.MentionIndex(mentions)
    sentences = split(text, 0, signing.body_end(text))
    title = article.title_span
    flags = [signing.reports_signing(text, s) for s in sentences]
    sign_idx = [i for i, (any_sign, _) in enumerate(flags) if any_sign]
    act_idx = [i for i, (_, act) in enumerate(flags) if act]
    now = int(article.published[:4]) if article.published else None
    if now:  # "Sau lễ kết nghĩa giữa hai tỉnh vào tối 12/3/1960": a signing long past
        act_idx = [i for i in act_idx if not signing.long_past(text, sentences[i].span, now)]
    head = title.of(text) if title else ""
    head_sign = signing.reports_signing(text, title) if head else (False, False)
    # "Lễ ký kết hợp tác giữa A và B" as the headline names the event the article reports
    title_sign = bool(head) and (head_sign[1] or not signing.PLANNED.search(head) and (
        bool(re.search(r"kết nghĩa\s+(?:với|giữa)", head))
        or head_sign[0] and bool(re.match(r"\s*(?:[Ll]ễ|[Bb]uổi lễ|[Hh]ội nghị)\s+(?:ký|kí)", head))))
    if signing.REVIEW.search(head):
        # a year's review ("Năm 2023, Nghệ An ký kết 12 thỏa thuận …") lists past signings:
        # only a signing with its own day is this article's event
        act_idx = [i for i in act_idx if signing.EVENT_DATE.search(text, sentences[i].span.start, sentences[i].span.end)]
        title_sign = False
    if not act_idx and not title_sign:
        return record

    # ---- parties
    countries: dict[str, str] = {}
    for m in mentions:
        if m.country != "Việt Nam":
            countries[m.key] = m.country
    # a locality no Vietnamese list knows, in an article about one foreign country, lies there
    abroad = foreign_countries(text)
    if len(abroad) == 1:
        (only,) = abroad
        for m in mentions:
            if m.unit is None and m.key not in countries and not m.group:
                countries[m.key] = only
    cands, groups_all = roles.candidates(text, title, sentences, index, mentions, act_idx, sign_idx)
    decided = None
    if trace is not None or model is not None:
        feats = roles.features(text, cands)
        if trace is not None:
            trace.extend((c.mention, f) for c, f in zip(cands, feats))
        if model is not None:
            decided = [c for c, f in zip(cands, feats)
                       if not c.mention.group and roles.is_party(model.party.probability(f), c.score >= 2)]
    chosen = [c for c in cands if c.score >= 2 and (decided is None or c.mention.group)]
    # a region ("4 tỉnh Nam Lào") stands for the foreign provinces the article lists
    regions = [c for c in chosen if c.mention.group]
    chosen = [c for c in chosen if not c.mention.group] if decided is None else decided
    for r in regions:
        for m in mentions:
            if m.country == r.mention.country and not m.group and m.key not in {c.mention.key for c in chosen}:
                chosen.append(roles.Candidate(m, r.score))
    chosen = roles.without_containers(chosen)
    if len(chosen) < 2:
        return record
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.key, m.span.start)
    chosen.sort(key=lambda c: first_seen.get(c.mention.key, 0))
    said: dict[str, str] = {}
    for m in mentions:
        if m.level:
            said.setdefault(m.key, m.level)
    parties = [fields.party_of(c.mention, countries, said) for c in chosen]

    # ---- shared fields
    weighted: list[tuple[Span, int]] = []
    if title:
        weighted.append((title, 2))
    for i in sign_idx:
        sp = sentences[i].span
        if title and localities.in_span(sp, title) or i not in act_idx and signing.EARLIER.search(text, sp.start, sp.end):
            continue  # the headline counts once; a past signing's document is not this one
        weighted.append((signing.this_event(text, sp), 3 if i in act_idx else 1))
    for i, s in enumerate(sentences):
        if i not in sign_idx and re.match(r"^(?:Theo|Trong)\s+(?:bản|biên bản|nội dung)", text[s.span.start:s.span.end]):
            weighted.append((s.span, 1))
    main_acts = [i for i in act_idx if not signing.ALSO.match(text[sentences[i].span.start:sentences[i].span.end])]
    extra_acts = [i for i in act_idx if i not in main_acts] if main_acts else []
    kind, kind_span = kind_of(text, [w for w in weighted if not any(
        w[0] == sentences[i].span for i in extra_acts)])
    signed_on, signed_span, place, place_span = fields.when_where(text, article, sentences, act_idx or sign_idx, index)
    if place is None:
        place, place_span = fields.visit_venue(text, sentences, index, {name_key(p.name) for p in parties})
    period = fields.period_of(text, title, [sentences[i] for i in act_idx]) or fields.period_of(
        text, None, [sentences[i] for i in sign_idx if not signing.EARLIER.search(text[sentences[i].span.start:sentences[i].span.end])])

    # ---- commitments
    refs = [cm.PartyRef(m.name, m.span) for m in mentions]
    skip = {i for i in act_idx if not cm.LIST_INTRO.search(text[sentences[i].span.start:sentences[i].span.end])}
    skip |= {i for i, s in enumerate(sentences) if title and localities.in_span(s.span, title)}
    truncated = not re.search(r"[.!?…\"”)]\s*$", text.rstrip()[-3:] or ".")
    commitments = cm.find(text, sentences, refs, skip, truncated)
    commitments += [c for i in act_idx for c in cm.from_signing(text, sentences[i])]
    if title:  # "Tỉnh Hưng Yên tặng tỉnh Hòa Bình 2 tỷ đồng …": a pledge the headline reports
        amounts = {re.sub(r"\s+", " ", c.amount) for c in commitments if c.amount}
        commitments += [c for c in cm.from_headline(text, title, refs)
                        if re.sub(r"\s+", " ", c.amount or "") not in amounts]
    commitments.sort(key=lambda c: c.span.start if c.span else 0)
    party_names = {p.name for p in parties}
    commitments = [c if c.giver is None or c.giver in party_names else _no_giver(c) for c in commitments]
    if trace is not None or model is not None and model.commitment is not None:
        described = [clauses.facts(text, c, party_names) for c in commitments]
        if trace is not None:
            trace.extend((c, f) for c, f in zip(commitments, described))
        if model is not None and model.commitment is not None:
            commitments = [c for c, f in zip(commitments, described) if model.commitment.decide(f)]

    base = Agreement(kind=kind, parties=tuple(parties), signed_on=signed_on, place=place, period=period,
                     commitments=tuple(commitments), kind_span=kind_span, signed_on_span=signed_span,
                     place_span=place_span, confidence=roles.confidence(chosen))
    signing_spans = ([title] if title else []) + [sentences[i].span for i in sign_idx]
    body_acts = [i for i in main_acts if not (title and localities.in_span(sentences[i].span, title))]

    def party_of(m: Mention) -> Party:
        return fields.party_of(m, countries, said)

    agreements = (split_pairings(base, text, sentences, mentions, party_of)
                  or split_same_day(base, text, sentences, act_idx, mentions, party_of,
                                    lambda sp: fields.venue(index, sp, text))
                  or split_bilateral(base, text, sentences, mentions, groups_all, signing_spans)
                  or split_documents(base, text, sentences, extra_acts, kind)
                  or split_conjoined(base, text, sentences, body_acts)
                  or split_events(base, text, sentences, body_acts, mentions,
                                  lambda sp: fields.dated(text, article, sp, index)) or [base])
    return Record(source=article.source, title=article.title, published=article.published,
                  published_span=article.published_span, agreements=tuple(agreements))


def _no_giver(c: cm.Commitment) -> cm.Commitment:
    return replace(c, giver=None)
