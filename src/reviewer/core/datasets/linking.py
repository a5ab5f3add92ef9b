"""Linking article agreements to agreement entities: proposals for one record (the window),
one link or separation at a time (undoable there), and the bulk plan of `reviewer link`."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Agreement, Party, Period, Record
from ..store import Store
from ..store.agreements import AgreementTables, Report, Signed
from .link import Signing, party_key, same_signing, signing_of
from .merge import merge

_RANK = {"day": 0, "month": 1, "window": 2, "year": 3, "none": 4}


@dataclass(frozen=True)
class Proposal:
    """An existing agreement that an article agreement probably reports again."""

    index: int  # the agreement's index in the article's record
    agreement_id: int
    label: str  # "Hải Dương – Bắc Giang, 2019-10-05"
    reason: str
    articles: tuple[tuple[str, str | None, str | None], ...]  # (id, title, source) of its reports


@dataclass
class Group:
    """A signing in the bulk plan: an existing entity (id) or a new one (id None)."""

    id: int | None
    signing: Signing
    label: str
    articles: set[str] = field(default_factory=set)
    old: list[tuple[str, int]] = field(default_factory=list)  # reports already linked
    new: list[tuple[Report, str]] = field(default_factory=list)  # (report, why it joins)


def label(parties, signed_on: str | None) -> str:
    names = " – ".join(p["name"] if isinstance(p, dict) else p.name for p in parties) or "?"
    return f"{names}, {signed_on}" if signed_on else names


def signing_of_entity(s: Signed) -> Signing:
    parties = tuple(Party(name=p["name"], level=p.get("level"), country=p.get("country") or "Việt Nam")
                    for p in s.parties)
    period = Period(*s.period) if s.period else None
    return signing_of(Agreement(parties=parties, signed_on=s.signed_on, period=period), s.published)


class Linker:
    """Agreement entities over one `Store`."""

    def __init__(self, store: Store):
        self.store = store
        self.tables = AgreementTables(store)

    # ------------------------------------------------------------ the window
    def propose(self, article_id: str, record: Record | None = None) -> list[Proposal]:
        """For each agreement of the article's current record, the entities it probably reports
        again (not the one it is linked to, nor one the editor kept it apart from). `record`: the
        current record when the caller holds it already (the window), so it is not read again."""
        out = []
        links = self.tables.links(article_id)
        reports = (self.tables.reports(None, article_id) if record is None else
                   [Report(article_id, i, ag, record.published, None, None, "")
                    for i, ag in enumerate(record.agreements)])
        for report in reports:
            if not _comparable(report.agreement):
                continue
            sig = signing_of(report.agreement, report.published)
            current = links.get(report.index)
            taken = set(links.values()) - {current}  # an article reports a signing once
            apart = self.tables.separated(article_id, report.index)
            for cand in self.tables.with_parties(sig.party_key):
                if cand.id == current or cand.id in taken or cand.id in apart:
                    continue
                reason = same_signing(sig, signing_of_entity(cand))
                if reason:
                    out.append(Proposal(report.index, cand.id, label(cand.parties, cand.signed_on),
                                        reason, self.articles_of(cand.id)))
        return out

    def articles_of(self, agreement_id: int) -> tuple[tuple[str, str | None, str | None], ...]:
        """(id, title, source) of the articles reporting an entity."""
        out = []
        for aid, _ in self.tables.members(agreement_id):
            art = self.store.article(aid)
            out.append((aid, art.title, art.source))
        return tuple(out)

    def link(self, article_id: str, index: int, agreement_id: int | None, *, reviewer: str | None,
             reason: str | None = None, action: str | None = None) -> int | None:
        """Make the article agreement report `agreement_id` (None: none); returns the entity it
        reported before, so an undo can put it back. Both entities' merged facts follow."""
        with self.store.db.atomic():
            self.tables.lock()
            before = self.tables.move(article_id, index, agreement_id, reviewer=reviewer, reason=reason,
                                      action=action or ("link" if agreement_id is not None else "unlink"))
            for gid in {before, agreement_id} - {None}:
                self.refresh(gid)
        return before

    def separate(self, article_id: str, index: int, agreement_id: int, keep_apart: bool = True, *,
                 reviewer: str | None) -> None:
        """Record that the article agreement is not (or, undone, may be) that signing."""
        with self.store.db.atomic():
            self.tables.lock()
            self.tables.separate(article_id, index, agreement_id, keep_apart, reviewer=reviewer)

    def new_for(self, article_id: str, index: int, *, reviewer: str | None) -> int:
        """A new entity reported only by this article agreement; returns its id."""
        report = self.tables.report(article_id, index)
        if report is None:
            raise KeyError(f"{article_id} has no agreement {index}")
        with self.store.db.atomic():
            self.tables.lock()
            gid = self.tables.new(merge([report]).summary())
            self.link(article_id, index, gid, reviewer=reviewer, action="create")
        return gid

    def register(self, article_id: str, *, reviewer: str | None) -> list[int]:
        """After a record is accepted: each of its agreements that is in no agreement entity
        and resembles none becomes one, so the next article reporting it is proposed to join.
        One that resembles an existing agreement is left for the editor (or `reviewer link`)
        to decide. Returns the new entities' ids."""
        proposed = {p.index for p in self.propose(article_id)}
        links = self.tables.links(article_id)
        return [self.new_for(article_id, r.index, reviewer=reviewer)
                for r in self.tables.reports(None, article_id)
                if r.index not in links and r.index not in proposed and _comparable(r.agreement)]

    def unregister(self, article_id: str, *, reviewer: str | None) -> None:
        """The record left "done" (its acceptance undone): an agreement it alone reports is no
        longer in the dataset. Links to agreements other articles report stay."""
        for index, gid in self.tables.links(article_id).items():
            if self.tables.members(gid) == [(article_id, index)]:
                self.link(article_id, index, None, reviewer=reviewer, reason="the record is no longer done")

    def refresh(self, agreement_id: int) -> None:
        """Recompute an entity's merged facts from its reports; a report whose agreement left
        its record is unlinked."""
        reports = []
        for aid, i in self.tables.members(agreement_id):
            r = self.tables.report(aid, i)
            if r is None:
                self.tables.move(aid, i, None, reviewer=None, reason="no longer in the record",
                                 action="unlink")
            else:
                reports.append(r)
        # a report whose parties were edited away from the others' (or an agreement that took
        # the index of a removed one) no longer reports this signing
        keys = [party_key(r.agreement.parties) for r in reports]
        if len(set(keys)) > 1:
            usual = Counter(keys).most_common(1)[0][0]
            for r, key in zip(list(reports), keys):
                if key != usual:
                    self.tables.move(r.article_id, r.index, None, reviewer=None,
                                     reason="its parties changed in the record", action="unlink")
                    reports.remove(r)
        if reports:
            self.tables.set_summary(agreement_id, merge(reports).summary())
        else:
            self.tables.set_summary(agreement_id, self._empty(agreement_id))

    def _empty(self, agreement_id: int) -> dict:
        s = self.tables.get(agreement_id)
        return {"party_key": s.party_key, "parties": list(s.parties), "kind": s.kind,
                "signed_on": s.signed_on, "year": s.year, "period": s.period, "published": s.published,
                "categories": {}}

    def refresh_article(self, article_id: str) -> None:
        """After a save: the entities this article reports follow its edited record."""
        with self.store.db.atomic():
            self.tables.lock()
            for gid in set(self.tables.links(article_id).values()):
                self.refresh(gid)

    # ------------------------------------------------------------ in bulk
    def plan(self) -> list[Group]:
        """Where every unlinked agreement of a done record goes: into an existing entity or one
        planned before it, or a new entity. Precise dates are placed first, so a report known
        only by its publication date joins a signing whose day is known."""
        links = self.tables.all_links()
        by_key: dict[str, list[Group]] = {}
        groups: list[Group] = []
        members: dict[int, list[tuple[str, int]]] = {}
        for (aid, i), gid in links.items():
            members.setdefault(gid, []).append((aid, i))
        for s in self.tables.all():
            g = Group(s.id, signing_of_entity(s), label(s.parties, s.signed_on),
                      {a for a, _ in members.get(s.id, [])}, members.get(s.id, []))
            by_key.setdefault(g.signing.party_key, []).append(g)
            groups.append(g)
        pending = [(r, signing_of(r.agreement, r.published)) for r in self.tables.reports("done")
                   if (r.article_id, r.index) not in links]
        pending.sort(key=lambda rs: _RANK[rs[1].precision])
        separated = self.tables.all_separated()
        for report, sig in pending:
            apart = separated.get((report.article_id, report.index), set())
            best = None
            for g in by_key.get(sig.party_key, []):
                if report.article_id in g.articles or g.id in apart:
                    continue
                reason = same_signing(sig, g.signing)
                if reason and (best is None or _RANK[g.signing.precision] < _RANK[best[0].signing.precision]):
                    best = (g, reason)
            if best is None:
                g = Group(None, sig, label(report.agreement.parties, report.agreement.signed_on))
                by_key.setdefault(sig.party_key, []).append(g)
                groups.append(g)
                best = (g, "")
            g, reason = best
            g.articles.add(report.article_id)
            g.new.append((report, reason))
            if _RANK[sig.precision] < _RANK[g.signing.precision]:
                g.signing = sig  # the group is now known by the more precise date
        return [g for g in groups if g.new]

    def apply(self, plan: list[Group], *, reviewer: str | None) -> int:
        """Carry out a plan in one transaction; returns how many reports were linked."""
        n = 0
        with self.store.db.atomic():
            self.tables.lock()
            for g in plan:
                gid = g.id
                if gid is None:
                    gid = self.tables.new(merge([r for r, _ in g.new]).summary())
                for report, reason in g.new:
                    self.tables.move(report.article_id, report.index, gid, reviewer=reviewer,
                                     reason=reason or "new agreement", action="link" if reason else "create")
                    n += 1
                self.refresh(gid)
        return n


def describe(plan: list[Group], total_before: int, source_of=None) -> list[str]:
    """What a plan would merge and why, readably: one block per signing reported more than once,
    then the totals (what `reviewer link` prints). `source_of(article id)` names the articles
    already linked (default: their id)."""
    out = []
    merges = [g for g in plan if len(g.old) + len(g.new) > 1]
    for g in merges:
        n = len(g.old) + len(g.new)
        head = f"agreement #{g.id}" if g.id is not None else "new agreement"
        out.append(f"{head}: {g.label} — {n} reports")
        for aid, i in g.old:
            src = source_of(aid) if source_of else None
            out.append(f"    = {Path(src).name if src else aid[:12]}[{i}] already linked")
        for r, why in g.new:
            src = Path(r.source).name if r.source else ""
            title = (r.title or "")[:70]
            dated = r.agreement.signed_on or f"published {r.published or '?'}"
            out.append(f"    + {src or r.article_id[:12]}[{r.index}] {dated} «{title}»"
                       + (f"\n        because {why}" if why else "  (first report)"))
    new_groups = sum(1 for g in plan if g.id is None)
    reports = sum(len(g.new) for g in plan)
    out.append(f"{reports} unlinked report(s): {reports - new_groups} join another report, "
               f"{new_groups} new agreement(s); distinct agreements {total_before} → {total_before + new_groups}")
    return out


def _comparable(agreement) -> bool:
    """False for an agreement holding values of the wrong type (a number as a name): the window
    flags it for the editor; it joins no entity until mended."""
    return all(isinstance(p.name, str) and (p.level is None or isinstance(p.level, str))
               for p in agreement.parties)
