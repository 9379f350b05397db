"""The language is detected when not given (issue 13): CLD2, offline, a note when it matters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefer import LANGUAGES, Options, facts, lang, langid, summarize
from briefer.cli import app
from briefer.errors import ExitCode, UsageError

TEXTS = {
    "german": "Der Vorstandschef sagte am Montag, der Umsatz sei im vierten Quartal um 13,1 Prozent "
    "gestiegen. Die Aktie legte danach um 2,3 Prozent zu. Analysten hatten mit deutlich "
    "weniger gerechnet und sprachen von einer Überraschung.",
    "french": "Le ministre a déclaré lundi que le gouvernement présenterait un nouveau budget avant "
    "la fin du mois. Les syndicats ont critiqué un projet qu'ils jugent trop timide. La "
    "réforme doit être votée à l'Assemblée nationale en décembre.",
    "spanish": "El ministro dijo el lunes que el gobierno presentará un nuevo presupuesto antes de "
    "fin de mes. Los sindicatos criticaron un proyecto que consideran demasiado tímido. La "
    "reforma debe votarse en el Congreso en diciembre.",
    "italian": "Il ministro ha detto lunedì che il governo presenterà una nuova legge di bilancio "
    "entro la fine del mese. I sindacati hanno criticato un progetto giudicato troppo timido. "
    "La riforma sarà votata dal Parlamento a dicembre.",
    "portuguese": "O ministro disse na segunda-feira que o governo vai apresentar um novo orçamento "
    "até o fim do mês. Os sindicatos criticaram um projeto que consideram tímido demais. A "
    "reforma deve ser votada pelo Congresso em dezembro.",
    "swedish": "Ministern sade på måndagen att regeringen kommer att lägga fram en ny budget före "
    "månadens slut. Facken kritiserade ett förslag som de anser vara alltför försiktigt. "
    "Reformen ska röstas igenom i riksdagen i december.",
    "czech": "Ministr v pondělí řekl, že vláda do konce měsíce předloží nový rozpočet. Odbory "
    "kritizovaly návrh, který považují za příliš opatrný. O reformě má parlament hlasovat v "
    "prosinci.",
    "greek": "Ο υπουργός δήλωσε τη Δευτέρα ότι η κυβέρνηση θα παρουσιάσει νέο προϋπολογισμό πριν από "
    "το τέλος του μήνα. Τα συνδικάτα επέκριναν ένα σχέδιο που θεωρούν υπερβολικά δειλό. Η "
    "μεταρρύθμιση θα ψηφιστεί στη Βουλή τον Δεκέμβριο.",
    "polish": "Minister powiedział w poniedziałek, że rząd przedstawi nowy budżet przed końcem "
    "miesiąca. Związki zawodowe skrytykowały projekt, który uważają za zbyt ostrożny. Reforma "
    "ma zostać przegłosowana w parlamencie w grudniu.",
    "dutch": "De minister zei maandag dat de regering voor het einde van de maand een nieuwe "
    "begroting zal presenteren. De vakbonden bekritiseerden een plan dat zij te voorzichtig "
    "vinden. Over de hervorming wordt in december in het parlement gestemd.",
    "russian": "Министр заявил в понедельник, что правительство представит новый бюджет до конца "
    "месяца. Профсоюзы раскритиковали проект, который они считают слишком робким. Реформу "
    "должны принять в парламенте в декабре.",
    "turkish": "Bakan pazartesi günü hükümetin ay sonundan önce yeni bir bütçe sunacağını söyledi. "
    "Sendikalar çok çekingen buldukları planı eleştirdi. Reformun aralık ayında mecliste "
    "oylanması bekleniyor.",
    "finnish": "Ministeri kertoi maanantaina, että hallitus esittelee uuden talousarvion ennen "
    "kuun loppua. Ammattiliitot arvostelivat suunnitelmaa, jota ne pitävät liian varovaisena. "
    "Eduskunta äänestää uudistuksesta joulukuussa.",
    "danish": "Ministeren sagde mandag, at regeringen vil fremlægge et nyt budget inden "
    "udgangen af måneden. Fagforeningerne kritiserede en plan, som de finder alt for "
    "forsigtig. Reformen skal vedtages i Folketinget i december.",
    "norwegian": "Statsråden sa mandag at regjeringen vil legge fram et nytt budsjett før "
    "utgangen av måneden. Fagforeningene kritiserte en plan som de mener er altfor forsiktig. "
    "Reformen skal vedtas i Stortinget i desember.",
    "estonian": "Minister ütles esmaspäeval, et valitsus esitab enne kuu lõppu uue eelarve. "
    "Ametiühingud kritiseerisid kava, mida nad peavad liiga argliseks. Reformi üle "
    "hääletatakse riigikogus detsembris.",
    "slovene": "Minister je v ponedeljek dejal, da bo vlada do konca meseca predstavila nov "
    "proračun. Sindikati so kritizirali načrt, ki se jim zdi preveč plah. O reformi bo "
    "državni zbor glasoval decembra. Opozicija pravi, da vlada ni prisluhnila delavcem in "
    "da bodo zaradi tega plače še naprej nizke.",
    "english": "The minister said on Monday that the government would present a new budget before "
    "the end of the month. Unions criticised a plan they see as too timid. The reform is due "
    "for a vote in parliament in December.",
}


def test_every_language_has_a_text() -> None:
    assert sorted(TEXTS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_language_of_a_news_paragraph_is_detected(language: str) -> None:
    brief = summarize(TEXTS[language])
    assert brief.language == language
    expected = (
        ()
        if language == lang.DEFAULT
        else (f"language: {language}, detected (the language option sets it)",)
    )
    words = facts.record(language)
    if words is None:  # no fact words: no English rules either
        expected += (f"no names, figures or quotes: briefer has no fact words for {language}",)
    elif words.no_names:  # names found for speakers, not shown: the reader is told
        expected += (
            f"no names: briefer cannot yet tell {language} names apart well enough "
            "(they still find who is quoted)",
        )
        assert brief.names == ()
    assert brief.notes == expected


def test_a_given_language_is_used_as_it_is() -> None:
    assert summarize(TEXTS["german"], Options(language="english")).language == "english"


HUNGARIAN = (
    "A miniszter hétfőn azt mondta, hogy a kormány a hónap vége előtt új költségvetést "
    "nyújt be. A szakszervezetek bírálták a tervet, amelyet túlságosan óvatosnak tartanak."
)


def test_a_language_briefer_cannot_brief_is_a_usage_error_naming_it() -> None:
    """Not English rules on a Hungarian text, silently: exit 2 with the language and the
    choices; a language that is given briefs it anyway."""
    with pytest.raises(UsageError) as caught:
        summarize(HUNGARIAN)
    message = str(caught.value)
    assert message.startswith("the text looks hungarian, which briefer cannot brief")
    assert all(name in message for name in LANGUAGES)
    assert summarize(HUNGARIAN, Options(language="english")).language == "english"
    result = CliRunner().invoke(app, ["-f", "json", "-"], input=HUNGARIAN)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("briefer: error: ") and result.stderr.count("\n") == 1


def test_a_batch_record_in_such_a_language_fails_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "hu", "text": HUNGARIAN})
        + "\n"
        + json.dumps({"id": "fr", "text": TEXTS["french"]})
        + "\n"
    )
    result = CliRunner().invoke(app, ["batch", str(feed)])
    assert result.exit_code == ExitCode.PARTIAL
    hu, fr = (json.loads(line) for line in result.stdout.splitlines())
    assert hu["error"]["kind"] == "usage" and hu["error"]["exit_code"] == ExitCode.USAGE
    assert fr["brief"]["language"] == "french"


def test_a_low_confidence_detection_says_so() -> None:
    """Half French, half English: CLD2 names one, unsure; the note says how sure."""
    mixed = TEXTS["french"] + "\n\n" + TEXTS["english"]
    found, note = langid.resolve(mixed, "auto")
    _, _, percent = langid.detect_with_confidence(mixed)
    assert percent < langid.SURE
    assert note is not None and f"language: {found}, detected with low confidence" in note


def test_a_line_too_short_to_tell_is_english_without_a_note() -> None:
    assert langid.resolve("Hi there.", "auto") == ("english", None)


def test_the_command_line_detects_by_default() -> None:
    result = CliRunner().invoke(app, ["-f", "json", "-"], input=TEXTS["french"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["language"] == "french"
    sentences = CliRunner().invoke(app, ["sentences", "-f", "jsonl", "-"], input=TEXTS["german"])
    # German Punkt: "13,1" and the abbreviation-free text give three sentences
    assert len(sentences.stdout.splitlines()) == 3
