"""What a project's sentence ties to it: the investment, the stage and the investor.

Investment comes from the ``Amount`` facts passed in (money is never re-parsed here): an amount
of the same sentence written as 总投资116亿元的X, X总投资25亿元 or 投资40亿元建设X, or of the next
sentence when it opens with 该项目.  The stage is the stage word of the sentence nearest to the
name; the investor is the organization the name starts with, else the nearest organization of
the same sentence.  Kept apart from name finding: these read the sentence around a found name.
"""

from __future__ import annotations

import re

from extractors.facts import Amount, Organization, Project
from extractors.org_names import has_legal_suffix
from extractors.project_names import after_last_break, enclosing, words

_SENTENCE_END = "。！？!?\n；;"
_INVEST_NEAR = 8  # characters before an amount in which 投资 must appear to make it an investment


def _sentence(text: str, pos: int) -> tuple[int, int]:
    return enclosing(text, pos, pos, _SENTENCE_END)


def investment_for(text: str, span: tuple[int, int], amounts: list[Amount]) -> Amount | None:
    """The amount of the same sentence that the text ties to this project as its investment."""
    left, right = _sentence(text, span[0])
    subject = not text[left : span[0]].strip()  # X项目按…设计，总投资近10亿元: the sentence is about X
    best: tuple[int, Amount] | None = None
    for amount in amounts:
        if not (left <= amount.start and amount.end <= right):
            continue
        before = text[max(left, amount.start - _INVEST_NEAR) : amount.start]
        if "投资" not in before and "投资" not in (amount.label or ""):
            continue
        if _BATCH_TOTAL.search(before):
            continue  # VR智慧屏、伊戈尔磁电等8个总投资127亿元项目: the total of the batch, not of one item
        distance = span[0] - amount.end if amount.end <= span[0] else amount.start - span[1]
        if distance < 0 or (amount.end <= span[0] and _crosses_other_clause(text, amount.end, span[0])):
            continue
        same = text.startswith(("，该项目", ",该项目"), span[1])  # X项目，该项目总投资额达5亿元
        if amount.start >= span[1] and not (subject or same) and _crosses_other_clause(text, span[1], amount.start):
            continue
        if best is None or distance < best[0]:
            best = (distance, amount)
    return best[1] if best else None


_BATCH_TOTAL = re.compile(r"[\d一二三四五六七八九十]+个(?:项目)?[，,]?(?:计划)?总投资(?:额)?(?:约|达|超)?$")


# 该项目投资总额达6亿美元: the sentence speaks of the project named just before it.
_ANAPHOR = re.compile(r"(?:该|此|这个|这一|上述)项目")


def _anaphoric_investment(text: str, project: Project, amounts: list[Amount]) -> Amount | None:
    """The investment of the next sentence when that sentence opens with 该项目 and names no project."""
    _, right = _sentence(text, project.start)
    nxt_left, nxt_right = right + 1, _sentence(text, min(right + 1, len(text) - 1))[1]
    if not _ANAPHOR.match(text[nxt_left : nxt_left + 6].lstrip()):
        return None
    return next((a for a in amounts if nxt_left <= a.start < nxt_right and "投资" in (a.label or "")), None)


def _crosses_other_clause(text: str, a: int, b: int) -> bool:
    """An amount before the name belongs to it only within one clause and list item (总投资116亿元的X;
    not the 40亿元 of the item before in X项目总投资40亿元、Y项目…)."""
    return any(ch in "，,；;、" for ch in text[a:b])


_FUTURE_NEAR = 8  # characters before a stage word, within its clause, where 预计/计划 make it a plan
_UNDER_WAY = "在建"  # what a project expected to be finished (预计今年9月建成) is now


_FINISHED = ("竣工", "投产")


def _stages(text: str, left: int, right: int, skip: tuple[int, int] = (0, 0),
            plans: tuple[bool, bool] = (True, True)) -> list[tuple[int, str]]:
    """(offset, stage) of the stage words in text[left:right].

    A condition (建成后可实现产值…) states no stage.  ``plans`` says which plans count: plans to
    start or sign (将开工建设X, 计划开工项目) keep their word, as readers do; a plan to finish
    (预计今年9月建成, 将建成) says the project is still being built.  A stage word inside ``skip``
    (the project's own name) is part of the name.
    """
    found: list[tuple[int, str]] = []
    for match in words().stage_re.finditer(text, left, right):
        if skip[0] <= match.start() < skip[1] or text.startswith(words().conditionals, match.end()):
            continue
        stage = words().stage_of[match.group()]
        clause = after_last_break(text, match.start(), "，,、", lo=left)
        if words().future_re.search(text, max(clause, match.start() - _FUTURE_NEAR), match.start()):
            if not plans[stage in _FINISHED]:
                continue
            stage = _UNDER_WAY if stage in _FINISHED else stage
        found.append((match.start(), stage))
    return found


# Which plans count (to start, to finish): in the project's own sentence a plan to start or sign
# does; a plan to finish only once neither its sentences nor its paragraph state a fact; in the
# paragraph before it, no plan carries over.
OWN, FALLBACK, CONTEXT = (True, False), (True, True), (False, False)


def stage_for(text: str, span: tuple[int, int], plans: tuple[bool, bool] = OWN) -> str | None:
    """The stage the sentence states: the first stage word after the name in its own clause
    (X、Y等项目加快建设 -> 在建 for X), else the stage word nearest to the name; ``plans`` as above."""
    left, right = _sentence(text, span[0])
    clause_end = min((i for i in (text.find(ch, span[1], right) for ch in "，,") if i != -1), default=right)
    after = _stages(text, span[1], clause_end, plans=plans)
    if after:
        return after[0][1]
    stated = _stages(text, left, right, skip=span, plans=plans)
    return min(stated, key=lambda found: abs(found[0] - span[0]))[1] if stated else None


_PARAGRAPH_END = re.compile(r"[。！？!?][”’」』)）]?\s*\n|\n\s*\n")


def context_stage(text: str, pos: int) -> str | None:
    """The stage set by what comes before a project whose own sentences state none.

    Reports state the stage once and then describe the projects (现场签约的16个项目中… 最大的一个
    工业项目由X投资30亿元，在蓉设立Y; 此次集中签约的有——X、Y…; 集中开工的项目涉及… X项目，总投资
    35亿元): the nearest stage stated as a fact earlier in the paragraph.  A list laid out one item
    a line is one paragraph: only a line closing a sentence ends one.  A sentence that calls its
    projects intended or under talks (洽谈达成了X等10余个意向项目) keeps them without a stage.  The
    lead paragraph does not carry over: on the annotated sets that cost more than it gained.
    """
    left, right = _sentence(text, pos)
    if words().unsettled_re.search(text, left, right):
        return None
    starts = [m.end() for m in _PARAGRAPH_END.finditer(text, 0, pos)]
    before = _stages(text, starts[-1] if starts else 0, pos, plans=CONTEXT)
    # progress (进展顺利, 加快建设) is said of the projects it names; an event (签约, 开工) sets the scene
    before = [found for found in before if found[1] != "在建"]
    return before[-1][1] if before else None


def investor_for(text: str, span: tuple[int, int], organizations: list[Organization],
                 others: list[tuple[int, int]] = ()) -> str | None:
    """The company named nearest before the project in its sentence (X投资建设的Y项目, 由X承建Y).

    A name opening with a company's full legal name (杜尔伯特谷实公司生猪养殖项目) names its investor;
    a brand inside the name (华为研发中心) or a company named after it does not: on both gold sets
    readers mark those as "investor not stated" far more often than not.  A company before another
    project of the sentence (``others``: every project span) is that project's, not this one's:
    晶成光电宿州产业园项目、鸿丰生物科技项目 gives 鸿丰 no investor.
    """
    name = text[span[0] : span[1]]
    for org in organizations:
        if name.startswith(org.name) and has_legal_suffix(org.name):
            return org.name
    left, right = _sentence(text, span[0])
    paired = _respective(text, span, _org_run(text, left, span[0], organizations), others, right)
    if paired:
        return paired
    best: tuple[int, str] | None = None
    for org in organizations:
        for match in re.finditer(re.escape(org.name), text[left : span[0]]):
            start, distance = left + match.start(), span[0] - (left + match.end())
            if any(start < end <= span[0] and (s, end) != span for s, end in others):
                continue
            if best is None or distance < best[0]:
                best = (distance, org.name)
    return best[1] if best else None


_RUN_GLUE = re.compile(r"[、和与及]|以及")


def _org_run(text: str, left: int, end: int, organizations: list[Organization]) -> list[tuple[int, int, str]]:
    """The last run of companies before ``end`` in the sentence: names joined only by 、/和/及."""
    found = sorted({(left + m.start(), left + m.end(), org.name) for org in organizations
                    for m in re.finditer(re.escape(org.name), text[left:end])})
    runs: list[list[tuple[int, int, str]]] = []
    for item in found:
        if runs and _RUN_GLUE.fullmatch(text[runs[-1][-1][1] : item[0]]):
            runs[-1].append(item)
        elif not runs or item[0] >= runs[-1][-1][1]:
            runs.append([item])
    return runs[-1] if runs else []


def _respective(text: str, span: tuple[int, int], run: list[tuple[int, int, str]],
                others: list[tuple[int, int]], right: int) -> str | None:
    """县长与A公司、B公司分别签订了X项目、Y项目: as many projects after a run of companies as there
    are companies, in one sentence, pair up in order."""
    if len(run) < 2:
        return None
    after = sorted({o for o in others if run[-1][1] <= o[0] and o[1] <= right})
    if len(after) != len(run) or span not in after:
        return None
    return run[after.index(span)][2]


def _tie(text: str, project: Project, span: tuple[int, int], amounts: list[Amount],
         organizations: list[Organization], others: list[tuple[int, int]] = ()) -> None:
    """Fill what this mention states and earlier mentions did not (投资, stage, investor)."""
    if project.investment is None:
        amount = investment_for(text, span, amounts) or _anaphoric_investment(text, project, amounts)
        if amount is not None:
            project.investment, project.currency = amount.value, amount.currency
    project.stage = project.stage or stage_for(text, span)
    project.investor = project.investor or investor_for(text, span, organizations, others)
