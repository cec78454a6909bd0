"""Officials named with a public post: 市委书记杨国强, 市委副书记、市长陈必昌, 杨国强（市委书记）.

How a mention is read:

1. Every post head in ``corpus/dictionaries/posts.tsv`` (and every company role in
   ``roles_not_leaders.tsv``) is found with one longest-first regex.
2. A name right after a head (surname from ``surnames.txt``; where it ends is decided by token
   boundaries and ``name_followers.txt``) makes a mention.  Its title is the head plus the organ
   written before it (莆田市委 | 书记), read leftwards over jieba tokens up to punctuation or a
   word of ``title_stops.txt``; posts chained with 、 (or ， after a post) are kept whole.
3. Otherwise a name right before a public head (习近平总书记, 林旭阳市长在…) takes the bare head.
4. A post gives its title to every name of the 、-list after it: 市领导张三、李四出席; 副市长张振东、
   白晶玉分别… .  After a singular post each further item must also end cleanly (、, punctuation, a
   word of ``name_followers.txt``), and the list stops at a new post (市长张三、市委副书记李四).
5. Chains containing a company role (董事长, 总经理) or a company name, and names credited by the
   spaCy Matcher patterns of ``corpus/patterns/leaders.jsonl`` (记者 张佳松, 田雨/摄), are dropped.

jieba's dictionary tag is used as a hint only (a dictionary word tagged other than nr right after a
post, such as 高度 in 书记高度重视, is not a name); jieba's nr tag itself is never trusted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from extractors.facts import Leader
from extractors.resources import corpus_path, read_lines
from extractors.segment import boundaries, dictionary_tag, nlp, to_doc, token_at, tokens_between

_CJK = r"\u4e00-\u9fff"
_NAME_RUN = re.compile(rf"[{_CJK}]{{1,6}}")
_ORGAN_CHAR = re.compile(rf"[{_CJK}A-Za-z0-9()（）]")
_CHAIN_SEPARATORS = "、，,"
# 厂 names a factory (钢铁厂党委书记), not the 厂 of a place name (马厂湖镇, 厂窖镇).
_COMPANY_WORDS = re.compile(r"公司|集团|股份|控股|株式会社|企业|银行|工厂|厂(?![湖村镇区街乡路窖])")
_PHOTO_CREDITS = ("摄", "摄影", "供图", "绘")
_PLACE_SUFFIXES = "省市县区州盟旗"
_ITEM_CLOSERS = tuple("、，,。（(")  # what may close a whole name standing alone as a list item
_MAX_TITLE = 32  # longest chained title we accept, in characters


class LeaderPatternError(ValueError):
    """A pattern line in corpus/patterns/leaders.jsonl is not valid JSON or not a valid pattern."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    posts: dict[str, str]  # head -> body (party, government, ..., collective, company)
    head_re: re.Pattern[str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    followers: frozenset[str]  # words that end a name
    stops: frozenset[str]  # words that end the organ part of a title
    places: frozenset[str]  # place names of places.tsv and their stems (周宁县 → 周宁)


@cache
def lexicon() -> Lexicon:
    posts = {line.split("\t")[0]: line.split("\t")[1] for line in read_lines("dictionaries", "posts.tsv")}
    for line in read_lines("dictionaries", "roles_not_leaders.tsv"):
        posts.setdefault(line.split("\t")[0], "company")
    heads = sorted(posts, key=len, reverse=True)
    surnames = read_lines("dictionaries", "surnames.txt")
    return Lexicon(
        posts=posts,
        head_re=re.compile("|".join(map(re.escape, heads))),
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        followers=frozenset(read_lines("dictionaries", "name_followers.txt")),
        stops=frozenset(read_lines("dictionaries", "title_stops.txt")),
        places=frozenset(_with_stems(line.split("\t")[0] for line in read_lines("dictionaries", "places.tsv"))),
    )


def _with_stems(places: Iterable[str]) -> Iterator[str]:
    """Each place and, for 周宁县 or 杭州市, its stem as written in prose (周宁, 杭州)."""
    for place in places:
        yield place
        if len(place) >= 3 and place[-1] in _PLACE_SUFFIXES:
            yield place[:-1]


@cache
def credit_matcher():  # -> spacy.matcher.Matcher
    """spaCy Matcher over the bylines and photo credits of corpus/patterns/leaders.jsonl."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp().vocab, validate=True)
    path = corpus_path("patterns", "leaders.jsonl")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rule = json.loads(line)
            matcher.add(rule["id"], [rule["pattern"]])
        except (json.JSONDecodeError, KeyError, ValueError) as exc:
            raise LeaderPatternError(f"{path}:{number}: {exc}; fix the pattern line") from exc
    return matcher


_CREDIT_TRIGGER = re.compile(r"记者|编辑|责编|通讯员|摄|作者|供图|撰稿|实习生|文/|图/")
_CREDIT_WINDOW = 16  # characters around a trigger word handed to the Matcher


def credited_names(text: str) -> set[str]:
    """Names given as reporter, editor or photographer credits.

    Only short windows around trigger words are matched: building a spaCy Doc over the whole
    article would cost more than the rest of the leader extraction.
    """
    names: set[str] = set()
    for trigger in _CREDIT_TRIGGER.finditer(text):
        doc = to_doc(text, max(0, trigger.start() - _CREDIT_WINDOW), trigger.end() + _CREDIT_WINDOW)
        for _, start, end in credit_matcher()(doc):
            span = doc[start:end]
            words = [t.text for t in span if re.fullmatch(rf"[{_CJK}]+", t.text)]
            if span[-1].text in _PHOTO_CREDITS:
                names.add(span[0].text)
            elif len(words) >= 2:  # role + name, or role + split name
                names.add("".join(words[1:]))
    return names


def surname_length(run: str) -> int:
    lex = lexicon()
    if run[:2] in lex.compound_surnames:
        return 2
    return 1 if run[:1] in lex.surnames else 0


def _follows(rest: str) -> bool:
    """Does ``rest`` (text right after a candidate name) start like what follows a name?"""
    followers = lexicon().followers
    return any(rest.startswith(w) for w in followers)


def _not_a_name_word(text: str, pos: int, length: int) -> bool:
    """The token at ``pos`` is an ordinary dictionary word crossing the candidate (书记高度重视)."""
    tok = token_at(text, pos)
    if tok is None:
        return _inside_word(text, pos)
    if len(tok.text) < 2:
        return False
    tag = dictionary_tag(tok.text)
    if tag is None or tag.startswith("nr"):
        return False
    return not (tok.end == pos + length and _follows(text[tok.end :]))


def _inside_word(text: str, pos: int) -> bool:
    """领导班子成员: the candidate starts inside a dictionary word, so it is no name."""
    covering = tokens_between(text, pos, pos + 1)
    if not covering or covering[0].start >= pos or len(covering[0].text) < 2:
        return False
    tag = dictionary_tag(covering[0].text)
    return tag is not None and not tag.startswith("nr")


def read_name(text: str, pos: int) -> str | None:
    """The person's name starting at ``pos``, or None."""
    found = _NAME_RUN.match(text, pos)
    if not found:
        return None
    run = found.group()
    slen = surname_length(run)
    if not slen or len(run) < slen + 1:
        return None
    token = token_at(text, pos)
    if token and len(token.text) == slen + 3 == len(run) and dictionary_tag(token.text) is None:
        return run  # jieba groups an unknown four-character name whole (田尻和宏)
    bounds = boundaries(text)
    for length in (slen + 2, slen + 1):
        if length > len(run):
            continue
        rest = run[length:]
        follower_end = _follows(run[length - 1 :]) or run[length - 1] in lexicon().followers
        if length == slen + 2 and follower_end and not _whole_item(text, pos, length, len(run)):
            continue  # 李明出席, 孔萍说。 end before the verb; 县领导张宏、李广同、程春明: an item between 、 is whole
        if rest and not (pos + length in bounds or _follows(rest)):
            continue
        closed = length == slen + 2 == len(run) and text[pos + length : pos + length + 1] in _ITEM_CLOSERS
        if not closed and _not_a_name_word(text, pos, length):
            return None  # 书记高度重视; but 副秘书长黄济霖、… is a name however jieba cuts it (黄济|霖)
        return run[:length]
    return None


def _whole_item(text: str, pos: int, length: int, run: int) -> bool:
    """The run is a whole item of a list of names: 、 after it, or 、 before it and a pause after."""
    if length != run:
        return False
    after = text[pos + length : pos + length + 1]
    return after == "、" or (text[pos - 1 : pos] == "、" and after in ("，", ",", "。"))


def organ_start(text: str, head_start: int) -> int:
    """Where the organ written before a post head begins (莆田市委 | 书记 → start of 莆田)."""
    lex = lexicon()
    start = head_start
    while start > 0 and head_start - start < _MAX_TITLE and _ORGAN_CHAR.match(text[start - 1]):
        start -= 1
    cut = start
    for tok in tokens_between(text, start, head_start):
        piece = text[max(tok.start, start) : min(tok.end, head_start)]
        if piece in lex.stops or any(ch.isdigit() for ch in piece) or tok.text in lex.stops:
            cut = min(tok.end, head_start)
    return cut


def title_start(text: str, head: re.Match[str], ends: dict[int, re.Match[str]]) -> int:
    """Start of the whole chained title ending with ``head`` (市委常委、副市长、…书记)."""
    start = organ_start(text, head.start())
    while start > 1 and text[start - 1] in _CHAIN_SEPARATORS and (start - 1) in ends:
        previous = ends[start - 1]
        new_start = organ_start(text, previous.start())
        if head.end() - new_start > _MAX_TITLE:
            break
        start = new_start
    return start


def _is_company_title(title: str, heads: list[str]) -> bool:
    posts = lexicon().posts
    return any(posts.get(h) == "company" for h in heads) or _COMPANY_WORDS.search(title) is not None


def name_before(text: str, head: re.Match[str]) -> tuple[str, int] | None:
    """习近平总书记 / 林旭阳市长在…: a name written right before a bare post."""
    tok = next((t for t in tokens_between(text, head.start() - 1, head.start()) if t.end == head.start()), None)
    if tok is None or not 2 <= len(tok.text) <= 3 or not surname_length(tok.text):
        return None
    tag = dictionary_tag(tok.text) or ""
    if tag and not tag.startswith("nr"):
        return None
    before = text[tok.start - 1] if tok.start else "。"
    if tag.startswith("nr") or not _ORGAN_CHAR.match(before) or before in lexicon().stops:
        return tok.text, tok.start
    return None


_BRACKETED = re.compile(rf"([{_CJK}]{{2,4}})[（(]([^（）()]{{2,30}})[）)]")


def bracketed(text: str) -> list[tuple[str, str, int, str]]:
    """杨国强（市委书记）: a post in brackets right after the name."""
    lex = lexicon()
    found = []
    for match in _BRACKETED.finditer(text):
        title = match.group(2)
        heads = list(lex.head_re.finditer(title))
        last = heads[-1] if heads else None
        if last is None or last.end() != len(title):
            continue
        run = match.group(1)
        for length in (3, 2, 4):  # the name ends at the bracket; its start is the open question
            name = run[-length:] if length <= len(run) else None
            pos = match.end(1) - length
            if name and surname_length(name) and (pos == 0 or pos in boundaries(text)):
                found.append((name, title, pos, lex.posts[last.group()]))
                break
    return found


def _plain_item(text: str, pos: int, name: str) -> bool:
    """Is ``name`` at ``pos`` a clean list item after a singular post?

    It must end cleanly (、, punctuation, the text's end or a word of name_followers.txt, not a
    post): 副市长张振东、白晶玉分别… yes; 副市长张振东、金雷新能源… and 副市长张三、李四主任… no.  It
    must not be a place or an ordinary dictionary word (副市长张振东、杭州市代表团…).
    """
    lex = lexicon()
    end = pos + len(name)
    ends_cleanly = end >= len(text) or not _ORGAN_CHAR.match(text[end])
    if not ends_cleanly and (not _follows(text[end : end + 4]) or lex.head_re.match(text, end)):
        return False
    tok = token_at(text, pos)
    word = tok.text if tok is not None else name
    if name in lex.places or word in lex.places:
        return False
    tag = dictionary_tag(word) if len(word) >= 2 else None
    return tag is None or tag.startswith("nr")


# Lists of officials pad two-character names to the width of three (李 杰, 张　园).
_PADDED = re.compile(rf"[{_CJK}][ \u3000\u00a0]{{1,2}}[{_CJK}](?=[、，,。；;\s]|$)")


def _padded_name(text: str, pos: int) -> str | None:
    m = _PADDED.match(text, pos)
    return m.group() if m and surname_length(m.group()[0]) == 1 else None


def _list_after(text: str, pos: int, strict: bool = False) -> list[tuple[str, int]]:
    """Further names of a list: 市领导张三、李四、王五等 → 李四, 王五.

    ``strict`` (a singular post: 副市长张振东、白晶玉分别…) also asks every item to end cleanly,
    since a name-like start after 、 may as well open an organisation or a place.
    """
    out = []
    pos = _past_bracket(text, pos)
    while pos < len(text) and text[pos] == "、":
        name = read_name(text, pos + 1) or _padded_name(text, pos + 1)
        if name is None and not strict:
            name = _bare_item(text, pos + 1)
        if not name or lexicon().head_re.match(text, pos + 1):
            break
        if strict and not _plain_item(text, pos + 1, name):
            break
        out.append((name, pos + 1))
        pos = _past_bracket(text, pos + 1 + len(name))
    return out


# An item of two or three characters between 、 and 、 (or the list's end): 县领导程科峰、修晓冰、王旭出席.
_BARE_ITEM = re.compile(rf"[{_CJK}]{{2,3}}(?=、|等|及|和|出席|参加|陪同|[，,。；;])")


def _bare_item(text: str, pos: int) -> str | None:
    """A name whose family name is not in surnames.txt (修, 能, 卿), read only as an item of a list
    a collective post opened; never an ordinary word (省经委) or a place."""
    m = _BARE_ITEM.match(text, pos)
    if m is None or m.group() in lexicon().places:
        return None
    tok = token_at(text, pos)
    if tok is not None and tok.end >= m.end() and len(tok.text) >= 2:
        tag = dictionary_tag(tok.text)
        if tag is not None and not tag.startswith("nr"):
            return None
    return m.group()


_BRACKET = re.compile(r"[(（][^()（）]{1,16}[)）]")


def _past_bracket(text: str, pos: int) -> int:
    """After a bracket right at ``pos`` (郭峰(县委副书记)、周晓燕: the bracket gives 郭峰's own post)."""
    m = _BRACKET.match(text, pos)
    return m.end() if m else pos


_LIST_OPEN = "、，,。；;：:\n 　及和与"  # what may stand right before an item of a list of names


def _name_ending_at(text: str, end: int) -> int | None:
    """Start of a whole name that ends at ``end`` and opens a list item, else None."""
    for start in range(end - 4, end - 1):
        opens = start == 0 or (start > 0 and text[start - 1] in _LIST_OPEN)
        if opens and read_name(text, start) == text[start:end]:
            return start
    return None


def _list_before(text: str, head: re.Match[str]) -> list[tuple[str, int]]:
    """The names a collective post closes: 巴音朝鲁、蒋超良、高广滨等省领导 → 蒋超良, 高广滨, ….

    Read back from 等 over 、-separated items; the list ends at the first item that is not a
    whole name, so a clause before the list (企业家代表、相关部门负责人等市领导) never joins it.
    """
    if not text.startswith("等", head.start() - 1):
        return []
    out: list[tuple[str, int]] = []
    end = head.start() - 1
    while (start := _name_ending_at(text, end)) is not None:
        out.append((text[start:end], start))
        if start == 0 or text[start - 1] != "、":
            break
        end = start - 1
    return out[::-1]


def _mentions(text: str) -> list[tuple[str, str, int, str]]:
    """(name, title, start, body) for every post mention in ``text``."""
    lex = lexicon()
    heads = list(lex.head_re.finditer(text))
    ends = {m.end(): m for m in heads}
    found = bracketed(text)
    for head in heads:
        body = lex.posts[head.group()]
        name = read_name(text, head.end())
        if name is None:
            before = name_before(text, head) if body not in ("company", "collective") else None
            if before:
                found.append((before[0], head.group(), before[1], body))
            if body == "collective":
                found += [(n, head.group(), p, body) for n, p in _list_before(text, head)]
            continue
        start = title_start(text, head, ends)
        title = text[start : head.end()]
        chain = [m.group() for m in heads if start <= m.start() < head.end()]
        if _is_company_title(title, chain):
            found.append((name, title, head.end(), "company"))
            continue
        found.append((name, title, head.end(), body))
        found += [(n, title, p, body) for n, p in _list_after(text, head.end() + len(name), body != "collective")]
    return found


# Administrative and zone endings no personal name has (高新区, 包片区, 开阳县).
_PLACE_END = ("区", "县", "省", "镇", "乡")


def _is_place_word(name: str, after: str) -> bool:
    """高新区, 周宁代表团: a place, unless a list separator closes it (县领导田林、马昭才: 田林 is a
    county too, but a name standing alone as an item is a person)."""
    if name.endswith(_PLACE_END):
        return True
    return name in lexicon().places and not (after and after in _ITEM_CLOSERS)


def extract_leaders(text: str) -> list[Leader]:
    """Officials with their fullest post, one per person, in order of first mention."""
    if not text:
        return []
    credited = credited_names(text)
    best: dict[str, Leader] = {}
    rank: dict[str, tuple[int, int]] = {}
    excluded: set[str] = set(credited)
    for name, title, start, body in _mentions(text):
        if body == "company":
            excluded.add(name)
            continue
        if _is_place_word(name, text[start + len(name) : start + len(name) + 1]):
            continue  # 高新区党工委副书记, 包片区: a place read as a name
        score = (body != "collective", len(title))
        leader = best.get(name)
        if leader is None:
            best[name] = Leader(name=name, title=title, start=start, end=start + len(name), text=name)
            rank[name] = score
            continue
        leader.mentions += 1
        if score > rank[name]:
            leader.title, rank[name] = title, score
    return sorted((v for k, v in best.items() if k not in excluded), key=lambda lead: lead.start)
