"""The readability measures give the published formulas' values on known samples."""

import pytest

from hldsite import readability as r
from hldsite.i18n import BY_CODE


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("migration", 3),
        ("unaccompanied", 5),
        ("xenophobia", 5),
        ("organization", 5),
        ("vulnerability", 6),
        ("UNODC", 5),
        ("IOM", 3),
        ("smuggled", 2),
        ("flobberwocky", 4),  # not in the dictionary: vowel groups
    ],
)
def test_english_syllables(word, syllables):
    assert r.english_syllables(word) == syllables


def test_flesch_kincaid_on_a_known_sentence():
    # 6 words, 1 sentence, 6 syllables: grade 0.39*6 + 11.8 - 15.59, ease 206.835 - 1.015*6 - 84.6.
    grade, ease = r.flesch_kincaid("The cat sat on the mat.")
    assert grade == pytest.approx(-1.45)
    assert ease == pytest.approx(116.145)


def test_a_diplomatic_sentence_scores_as_very_hard():
    grade, ease = r.flesch_kincaid(
        "Speakers encouraged countries to ratify or accede and implement relevant international "
        "instruments, consider national legislation and reinforce cooperation to strengthen protection "
        "of the human rights of all migrants, regardless of their migration status."
    )
    assert grade > 20 and ease < 10


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("migración", 3),
        ("país", 2),
        ("poesía", 4),
        ("ciudad", 2),
        ("guerra", 2),
        ("queso", 2),
        ("aire", 2),
        ("leer", 2),
    ],
)
def test_spanish_syllables(word, syllables):
    assert r.spanish_syllables(word) == syllables


def test_fernandez_huerta_and_inflesz_on_a_known_sentence():
    # 4 words, 7 syllables, 1 sentence.
    assert r.fernandez_huerta("El perro come carne.") == pytest.approx(206.84 - 60 * 7 / 4 - 1.02 * 4)
    assert r.szigriszt_pazos("El perro come carne.") == pytest.approx(206.835 - 62.3 * 7 / 4 - 4)


@pytest.mark.parametrize(
    ("word", "syllables"), [("migration", 3), ("enfants", 2), ("mange", 1), ("société", 3), ("l’homme", 1)]
)
def test_french_syllables(word, syllables):
    assert r.french_syllables(word) == syllables


def test_kandel_moles_on_a_known_sentence():
    # 5 words, 6 spoken syllables, 1 sentence.
    assert r.kandel_moles("Le chat mange la souris.") == pytest.approx(207 - 1.015 * 5 - 73.6 * 6 / 5)


def test_oborneva_counts_every_russian_vowel():
    assert r.russian_syllables("несопровождаемые") == 8
    assert r.oborneva("Мама мыла раму.") == pytest.approx(206.835 - 1.3 * 3 - 60.1 * 2)


def test_chinese_characters_per_sentence():
    reading = r.measure("我们去学校。你好吗？今天很好；谢谢！", BY_CODE["zh"].readability)
    assert reading.score == pytest.approx(14 / 4)
    assert (
        dict((str(target.name), value) for target, value in reading.scores)[
            "characters in the longest sentence"
        ]
        == 5
    )
    assert not reading.higher_is_easier


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two words here! Three?", 3),
        ("Friday, 4 October 2013, 17.30-18.00 hours.", 1),
        ("هل أنت بخير؟ نعم، أنا بخير.", 2),
        ("第一句。第二句！第三句？第四句；", 4),
        ("the aims are:\nto protect;\nto fight trafficking;", 3),
        ("He said «yes.» Then he left.", 2),
    ],
)
def test_sentences_split_in_every_script(text, count):
    assert len(r.sentences(text)) == count


ARABIC_PLAIN = (
    "ذهب الولد إلى المدرسة في الصباح الباكر. قرأ الطالب الكتاب الجديد في البيت. هل تحب القراءة كل يوم؟"
)


def test_osman_on_vowelled_text_follows_the_paper():
    # ذَهَبَ: three short vowels; الوَلَدُ: three short vowels. 2 words, 1 sentence, 6 syllables,
    # no complex (over five harakat), long (over five letters) or faseeh words. (textstat strips
    # the harakat before counting them, so it cannot serve as a check here.)
    assert r.arabic_syllables("ذَهَبَ") == 3
    assert r.arabic_syllables("كِتَابٌ") == 1 + 2 + 2  # kasra; fatha before alif is long; tanween stresses
    assert r.osman("ذَهَبَ الوَلَدُ.") == pytest.approx(200.791 - 1.015 * 2 - 24.181 * 6 / 2)


def test_osman_differs_from_textstat_only_by_its_per_word_estimate_on_plain_text():
    textstat = pytest.importorskip("textstat")
    words = len(r.words(ARABIC_PLAIN))
    # textstat counts the letters of the whole text less two; this project, every letter.
    expected = textstat.osman(ARABIC_PLAIN.replace("؟", "?")) - 24.181 * 2 / words
    assert r.osman(ARABIC_PLAIN) == pytest.approx(expected, abs=0.01)


def test_targets_report_what_is_missed():
    hard = (
        "Speakers encouraged countries to ratify or accede and implement relevant international instruments."
    )
    english, chinese = BY_CODE["en"].readability, BY_CODE["zh"].readability
    missed = r.measure(hard, english).missed
    assert any("Flesch reading ease" in m for m in missed) and any("grade" in m for m in missed)
    assert r.measure("The cat sat on the mat. The dog ran to it.", english).missed == []
    assert r.measure("我们去学校。" * 3, chinese).missed == []
    assert any("characters" in m for m in r.measure("我" * 40 + "。", chinese).missed)
