"""Quote candidates: the text inside each quotation, with the speakers the cues around it name
(an adjacent cue first) and whether it reads as a heading."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from summarizer.extraction.finder.people import unique_speakers
from summarizer.extraction.finder.quotations import Quotation, QuotedText, looks_like_heading, trim_quotation
from summarizer.extraction.finder.speech import SPEAKER_REACH, Cue
from summarizer.extraction.finder.tokens import WORDS, Text
from summarizer.extraction.finder.types import QuoteCandidate, Speaker

# Between a cue and the quotation it introduces: nothing, or a few words ending in "as"/"that":
# 'said, "...', 'stated plainly that "...', 'described the event as a "...'.
_LEAD_IN = re.compile(
    r"[\s,:]*(?:(?:[\w’'-]+\s+){0,4}?(?:as|that|it|called|calling|is|was|are|were)(?:\s+(?:a|an|the))?)?[\s,:]*",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"[\s,.;:—–-]*")


def quote_candidates(
    view: Text, quoted: QuotedText, cues: Sequence[tuple[Cue, Speaker | None]]
) -> list[QuoteCandidate]:
    found: list[QuoteCandidate] = []
    by_sentence: dict[int, list[tuple[Cue, Speaker | None]]] = defaultdict(list)  # not all cues per quotation
    for cue, speaker in cues:
        by_sentence[cue.sentence].append((cue, speaker))
    for quotation in quoted.quotations:
        start, end = trim_quotation(view.text, quotation)
        text = view.text[start:end]
        if not any(ch.isalpha() for ch in text):
            continue
        sentence, end_sentence = view.sentence_of(start), view.sentence_of(end - 1)
        own = [pair for index in range(sentence, end_sentence + 1) for pair in by_sentence.get(index, ())]
        adjacent = [(c, s) for c, s in own if _cue_adjacent(view, quotation, c)]
        own.sort(key=lambda pair: (pair not in adjacent, _distance(view, quotation, pair[0])))
        earlier = [
            pair for index in range(sentence - SPEAKER_REACH, sentence) for pair in by_sentence.get(index, ())
        ]
        earlier.sort(key=lambda pair: -pair[0].verb_first)
        speakers = unique_speakers(s for _, s in [*own, *earlier] if s is not None)
        if not speakers and found and found[-1].end_sentence >= sentence - SPEAKER_REACH:
            speakers = list(found[-1].speakers)  # a quotation continued from the previous one
        found.append(
            QuoteCandidate(
                id=f"q{len(found) + 1}",
                sentence=sentence,
                end_sentence=end_sentence,
                start=start,
                end=end,
                text=text,
                speakers=speakers,
                adjacent_cue=bool(adjacent),
                is_heading=looks_like_heading(view.text, quotation, text),
                word_count=len(WORDS.findall(text)),
            )
        )
    return found


def _cue_adjacent(view: Text, quotation: Quotation, cue: Cue) -> bool:
    cue_start, cue_end = view.tokens[cue.first].start, view.tokens[cue.last - 1].end
    if cue_start >= quotation.close_end:
        return _TRAIL.fullmatch(view.text, quotation.close_end, cue_start) is not None
    if cue_end <= quotation.open_start:
        return _LEAD_IN.fullmatch(view.text, cue_end, quotation.open_start) is not None
    return False


def _distance(view: Text, quotation: Quotation, cue: Cue) -> int:
    cue_start, cue_end = view.tokens[cue.first].start, view.tokens[cue.last - 1].end
    return max(cue_start - quotation.close_end, quotation.open_start - cue_end, 0)
