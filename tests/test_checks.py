"""Every translation check catches its bad example and passes a good one."""

import re

import pytest

from hldsite import checks
from hldsite.checks import Translation
from hldsite.i18n import BY_CODE

FR, ES, AR, ZH, RU, EN = (BY_CODE[code] for code in ("fr", "es", "ar", "zh", "ru", "en"))
SOURCE = "Speakers agreed that governments should develop and implement gender-sensitive policies."
GOOD_FR = "Les orateurs sont convenus que les gouvernements devraient élaborer des politiques adaptées."


def codes(translation: Translation, blocking: bool | None = None) -> list[str]:
    return [f.code for f in checks.check(translation) if blocking is None or f.blocking == blocking]


def test_a_good_translation_has_no_findings():
    assert checks.check(Translation(SOURCE, GOOD_FR, FR)) == []


@pytest.mark.parametrize(
    ("source", "text", "language", "code"),
    [
        (SOURCE, "   \n ", FR, "empty"),
        (SOURCE, SOURCE, FR, "identical"),
        ("Theme %(number)s of %(count)s", "Thème %(number)s", FR, "placeholders"),
        ("Theme %(number)s of %(count)s", "Thème %(number)s sur %(total)s", FR, "placeholders"),
        ("Mr. President,\nExcellencies,", "Monsieur le Président, Excellences,", FR, "lines"),
        (SOURCE, GOOD_FR + ' <script>alert("x")</script>', FR, "markup"),
        (SOURCE, GOOD_FR + " &nbsp;", FR, "markup"),
        (SOURCE, "\u2067" + GOOD_FR, FR, "bidi"),
        (SOURCE, GOOD_FR + "\u2069", FR, "bidi"),
        (SOURCE, "\u202b" + GOOD_FR + "\u2069", FR, "bidi"),
        (
            SOURCE,
            "Los oradores acordaron que los gobiernos deberían aplicar políticas de género.",
            FR,
            "language",
        ),
        (SOURCE, GOOD_FR, AR, "language"),
        (SOURCE, "Выступавшие согласились, что правительствам следует проводить политику.", ZH, "language"),
        (SOURCE, "Oui.", FR, "length"),
        (SOURCE, GOOD_FR * 4, FR, "length"),
    ],
)
def test_each_error_is_caught(source, text, language, code):
    assert code in codes(Translation(source, text, language), blocking=True)


def test_identical_text_is_allowed_when_marked():
    assert checks.check(Translation(SOURCE, SOURCE, EN, frozenset({checks.ALLOW_IDENTICAL}))) == []
    assert "identical" not in codes(Translation("Sections", "Sections", FR))


def test_balanced_bidi_isolates_pass():
    text = "مكتب \u2068UNODC\u2069 للمخدرات والجريمة يدعو الدول إلى التصديق على الاتفاقية."
    assert "bidi" not in codes(Translation(SOURCE, text, AR))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Les participants ont souligné : les migrants sont vulnérables.", FR),  # ordinary space before :
        ("Les participants ont souligné: les migrants sont vulnérables.", FR),  # no space before :
        ('Les participants ont parlé de "migration sûre".', FR),
        ("Qué deben hacer los gobiernos por los migrantes?", ES),
        ('Участники говорили о "безопасной миграции" и правах.', RU),
        ("与会者强调, 移民容易受到伤害。", ZH),
        ("与会者 强调移民容易受到伤害。", ZH),
        ("أكد المشاركون, أن المهاجرين معرضون للخطر.", AR),
    ],
)
def test_punctuation_conventions_warn(text, language):
    assert "punctuation" in codes(Translation(SOURCE, text, language), blocking=False)


def test_numbers_that_differ_warn():
    source = "Half of the world's 232 million international migrants are women."
    assert "numbers" in codes(
        Translation(source, "La moitié des 230 millions de migrants sont des femmes.", FR)
    )
    assert "numbers" not in codes(
        Translation(source, "La moitié des 232 millions de migrants sont des femmes.", FR)
    )
    arabic = "نصف المهاجرين الدوليين البالغ عددهم ٢٣٢ مليون مهاجر من النساء في العالم."
    assert "numbers" not in codes(Translation(source, arabic, AR))


def test_glossary_term_without_its_approved_translation_warns():
    rule = checks.GlossaryRule(
        "traite des personnes", re.compile("trafficking in persons"), re.compile("traite des personnes")
    )
    source = "States should combat trafficking in persons."
    bad = Translation(
        source, "Les États devraient combattre le commerce des êtres humains.", FR, glossary=(rule,)
    )
    good = Translation(source, "Les États devraient combattre la traite des personnes.", FR, glossary=(rule,))
    assert codes(bad, blocking=False) == ["glossary"]
    assert codes(good) == []


def test_errors_come_before_warnings():
    findings = checks.check(Translation(SOURCE, 'Les "orateurs" <b>sont</b> convenus.', FR))
    assert [f.blocking for f in findings] == sorted((f.blocking for f in findings), reverse=True)
