"""Incident cases: a real shooting, 2-6 articles, and the Gun Violence Archive's record as gold.

A case folder holds `incident.json` and `articles/` (see shared/data/gva-dev/README.md). The
report's main event's headline figures (see `reconcile.headlines`) are scored against GVA's
killed and injured counts. Deterministic, no LLM. Rules, each asserted by
tests/evaluation/test_incident.py:

- **Which figure.** Killed: the main event's headline `killed`, else `dead_including_suspect`.
  Injured: the headline `injured`, else `injured_by_gunshot`. No main event, or no such
  headline, is "no figure".
- **Exact**: best equals GVA's count of everyone (`killed`) or of victims only
  (`killed_victims`); the same for injured. No figure where GVA says 0 is right, as is an
  explicit 0.
- **Coverage**: GVA's count (everyone or victims) lies within low..high (an open bound is
  unbounded). No figure where GVA says 0 is covered.
- **Mean absolute error**: over the incidents that have a figure, |best - gold|, where gold is
  whichever of everyone/victims is nearer to best (consistent with the exact rule).
- **Missing**: no figure where GVA's count is not 0: counted apart, and never exact or covered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from summarizer.evaluation.cases import parse_date, read_gold
from summarizer.schemas import Document, HeadlineFigure, Number, Report

MetricName = Literal["killed", "injured"]

#: The headline metrics read for each GVA count, in order of preference.
GVA_METRICS: dict[MetricName, tuple[str, ...]] = {
    "killed": ("killed", "dead_including_suspect"),
    "injured": ("injured", "injured_by_gunshot"),
}


class IncidentArticle(BaseModel):
    model_config = ConfigDict(extra="ignore")

    doc_id: str
    file: str
    title: str | None = None
    outlet: str | None = None
    publication_date: str | None = None


class IncidentGold(BaseModel):
    """incident.json, the fields the scorer reads (the rest is kept in the file)."""

    model_config = ConfigDict(extra="ignore")

    gva_id: str
    date: str | None = None
    state: str | None = None
    city: str | None = None
    killed: int
    injured: int
    killed_victims: int | None = None
    killed_suspects: int | None = None
    injured_victims: int | None = None
    injured_suspects: int | None = None
    articles: list[IncidentArticle] = Field(default_factory=list)


class IncidentCase(BaseModel):
    name: str
    path: Path
    gold: IncidentGold
    documents: list[Document]
    missing_documents: list[str] = Field(default_factory=list)


def load_incident(path: Path) -> IncidentCase:
    from summarizer.text.segment import segment

    gold = read_gold(path / "incident.json", IncidentGold, "the incident")
    documents: list[Document] = []
    missing: list[str] = []
    for article in gold.articles:
        file = path / article.file
        if not file.is_file():
            missing.append(article.doc_id)
            continue
        text = file.read_text(encoding="utf-8")
        documents.append(
            Document(
                id=article.doc_id,
                text=text,
                source=str(file),
                outlet=article.outlet,
                published=parse_date(article.publication_date),
                title=article.title,
                sentences=segment(text),
            )
        )
    return IncidentCase(name=path.name, path=path, gold=gold, documents=documents, missing_documents=missing)


# --------------------------------------------------------------------------- scoring


class FigureScore(BaseModel):
    """One GVA count against the report's headline figure for it."""

    gold: int = Field(description="GVA's count of everyone, suspects included")
    gold_victims: int | None = Field(default=None, description="GVA's count of victims only")
    low: Number | None = None
    best: Number | None = None
    high: Number | None = None
    has_figure: bool
    exact: bool
    covered: bool
    error: float | None = Field(default=None, description="|best - nearer gold|; None without a figure")
    missing: bool = Field(description="no figure where GVA's count is not 0")
    claims: list[str] = Field(default_factory=list)


def _golds(gold: int, victims: int | None) -> list[int]:
    return [gold] if victims is None or victims == gold else [gold, victims]


def headline_for(report: Report, metric: MetricName) -> HeadlineFigure | None:
    """The main event's headline figure read for one GVA count, or None."""
    event = next((e for e in report.linked_events if e.id == report.main_event), None)
    if event is None:
        return None
    for name in GVA_METRICS[metric]:
        for figure in event.headlines:
            if figure.metric == name:
                return figure
    return None


def score_figure(gold: int, victims: int | None, figure: HeadlineFigure | None) -> FigureScore:
    golds = _golds(gold, victims)
    if figure is None or figure.best is None:
        zero = gold == 0
        return FigureScore(
            gold=gold, gold_victims=victims, has_figure=False, exact=zero, covered=zero, missing=not zero
        )
    low = float("-inf") if figure.low is None else figure.low
    high = float("inf") if figure.high is None else figure.high
    return FigureScore(
        gold=gold,
        gold_victims=victims,
        low=figure.low,
        best=figure.best,
        high=figure.high,
        has_figure=True,
        exact=any(figure.best == g for g in golds),
        covered=any(low <= g <= high for g in golds),
        error=min(abs(float(figure.best) - g) for g in golds),
        missing=False,
        claims=list(figure.claims),
    )


class IncidentCaseScore(BaseModel):
    case: str
    documents: int = 0
    killed: FigureScore
    injured: FigureScore
    seconds: float = 0.0
    failures: int = 0


class MetricSummary(BaseModel):
    """One count (killed or injured) over all incidents."""

    incidents: int = 0
    exact: int = 0
    covered: int = 0
    with_figure: int = 0
    missing: int = 0
    absolute_error: float = Field(
        default=0.0, description="sum of |best - gold| over incidents with a figure"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return self.exact / self.incidents if self.incidents else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def coverage(self) -> float | None:
        return self.covered / self.incidents if self.incidents else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mae(self) -> float | None:
        return self.absolute_error / self.with_figure if self.with_figure else None

    def add(self, score: FigureScore) -> None:
        self.incidents += 1
        self.exact += score.exact
        self.covered += score.covered
        self.with_figure += score.has_figure
        self.missing += score.missing
        self.absolute_error += score.error or 0.0


class IncidentSummary(BaseModel):
    killed: MetricSummary = Field(default_factory=MetricSummary)
    injured: MetricSummary = Field(default_factory=MetricSummary)
    both_exact: int = Field(default=0, description="incidents exact on killed and injured")
    incidents: int = 0


def score_incident(case: IncidentCase, report: Report, *, seconds: float = 0.0) -> IncidentCaseScore:
    gold = case.gold
    return IncidentCaseScore(
        case=case.name,
        documents=len(case.documents),
        killed=score_figure(gold.killed, gold.killed_victims, headline_for(report, "killed")),
        injured=score_figure(gold.injured, gold.injured_victims, headline_for(report, "injured")),
        seconds=seconds,
        failures=len(report.failures),
    )


def summarize_incidents(scores: list[IncidentCaseScore]) -> IncidentSummary:
    summary = IncidentSummary()
    for score in scores:
        summary.killed.add(score.killed)
        summary.injured.add(score.injured)
        summary.both_exact += score.killed.exact and score.injured.exact
        summary.incidents += 1
    return summary
