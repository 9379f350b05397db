"""The brief as a library call: the seed article, structure, length, duplicates, methods."""

from __future__ import annotations

import pytest

from briefer import METHODS, Brief, InputError, Options, UsageError, summarize
from briefer.brief import choose, default_length, is_furniture, is_hook, stands_alone
from briefer.split import analyse, split_sentences


def _texts(brief: Brief) -> list[str]:
    return [p.sentence.text for p in brief.points]


def test_seed_gist_is_the_visit(seed: str) -> None:
    brief = summarize(seed)
    gist = brief.gist.sentence.text
    assert "Hakan Fidan" in gist and "Paris" in gist
    barrot = [p for p in brief.points if "Jean-Noël Barrot" in p.sentence.text]
    assert barrot, "the counterpart he visits belongs in the key points"


@pytest.mark.parametrize("figure", ["$7.1 billion", "29 percent", "$22.5 billion", "800,000"])
def test_seed_figures(seed: str, figure: str) -> None:
    texts = [f.text for f in summarize(seed).figures]
    assert any(figure in t for t in texts), texts


def test_seed_figure_units(seed: str) -> None:
    by_text = {f.text: f for f in summarize(seed).figures}
    assert by_text["$7.1 billion"].kind == "money"
    assert by_text["$7.1 billion"].unit == "USD"
    assert by_text["$7.1 billion"].value == pytest.approx(7.1e9)
    assert by_text["29 percent"].kind == "percent"
    assert by_text["800,000 citizens"].unit == "citizens"


def test_seed_quote_attributed_to_erdogan(seed: str) -> None:
    quotes = summarize(seed).quotes
    inconceivable = [q for q in quotes if "inconceivable" in q.text]
    assert len(inconceivable) == 1
    assert inconceivable[0].speaker is not None and "Erdoğan" in inconceivable[0].speaker


@pytest.mark.parametrize("name", ["Hakan Fidan", "Jean-Noël Barrot", "Türkiye", "France", "NATO"])
def test_seed_names(seed: str, name: str) -> None:
    assert name in [n.text for n in summarize(seed).names]


def test_subheading_is_never_a_point(seed: str) -> None:
    for method in METHODS:
        brief = summarize(seed, Options(method=method, sentences=25))
        assert all(p.sentence.text != "Positive agenda" for p in brief.points), method


def test_first_line_title_is_the_headline(samples: dict[str, str]) -> None:
    brief = summarize(samples["time-warner-profit"], Options(sentences=30))
    assert brief.headline == "Ad sales boost Time Warner profit"
    assert brief.headline_source == "detected"
    assert all("Ad sales boost" not in t for t in _texts(brief))


def test_given_title_overrides(samples: dict[str, str]) -> None:
    brief = summarize(samples["fidan-paris-visit"], Options(title="Fidan in Paris"))
    assert (brief.headline, brief.headline_source) == ("Fidan in Paris", "given")


def test_dateline_is_kept_out_of_points(samples: dict[str, str]) -> None:
    text = samples["libya-tripoli-attack"]
    brief = summarize(text, Options(method="lead", sentences=1))
    first = brief.points[0].sentence
    assert first.text.startswith("Forces loyal to Libyan leader")
    assert text[first.start : first.end] == first.text


@pytest.mark.parametrize("method", METHODS)
def test_points_are_verbatim_and_in_article_order(samples: dict[str, str], method: str) -> None:
    for text in samples.values():
        brief = summarize(text, Options(method=method))
        indices = [p.sentence.index for p in brief.points]
        assert indices == sorted(set(indices))
        for p in brief.points:
            assert text[p.sentence.start : p.sentence.end] == p.sentence.text
        assert brief.gist in brief.points
        lead = next(s for s in analyse(text).sentences if not is_furniture(s.text, "english"))
        usable = [p for p in brief.points if not is_furniture(p.sentence.text, "english")]
        news_lead = stands_alone(lead.text, "english") and not is_hook(lead.text, "english")
        if usable[0].sentence.index == lead.index and news_lead:
            assert brief.gist is usable[0]  # the lead, when it is a point and stands alone
            continue
        alone = [
            p
            for p in usable
            if stands_alone(p.sentence.text, "english")
            and not (p.sentence.index == lead.index and not news_lead)
        ]
        assert brief.gist.rank == min(p.rank for p in alone or usable)


def test_gist_is_the_lead_when_it_stands_alone_else_the_best_point() -> None:
    from briefer.brief import choose_gist
    from briefer.models import Point, Sentence

    def point(
        index: int, rank: int, text: str = "The council approved the plan on Monday."
    ) -> Point:
        return Point(Sentence(index, index, 0, len(text), text), 1.0 / rank, rank)

    assert choose_gist([point(0, 3), point(5, 1)], 10).sentence.index == 0
    assert choose_gist([point(0, 8), point(5, 1)], 10).sentence.index == 0
    assert choose_gist([point(1, 2), point(5, 1)], 10).sentence.index == 5
    assert choose_gist([point(1, 2), point(5, 1)], 10, lead=1).sentence.index == 1


def test_a_lead_that_leans_on_context_is_not_the_gist() -> None:
    """Regression: the lead rule skipped the stands-alone check ("He runs his terror group…")."""
    from briefer.brief import choose_gist
    from briefer.models import Point, Sentence

    lead_text = "He runs his terror group like a CEO runs a company, officials say."
    best_text = "Osama bin Laden's deputy was named the group's new leader on Thursday."
    lead = Point(Sentence(0, 0, 0, len(lead_text), lead_text), 1.0, 1)
    best = Point(Sentence(4, 1, 0, len(best_text), best_text), 0.5, 2)
    assert choose_gist([lead, best], 20) is best


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        ("The sight of the empty stadium stopped me in my tracks.", True),
        ("I sat outside the court for three hours before the verdict.", True),
        ('"I will not resign," the minister said on Tuesday.', False),  # the speaker's I
        ("The I'm A Celebrity winner was crowned on Sunday night.", False),  # a title's I
        ("The council approved the plan on Monday.", False),
    ],
)
def test_a_sentence_in_the_writers_own_voice_is_not_the_gist(text: str, writer: bool) -> None:
    """A column's hook ("… stopped me in my tracks") speaks as its writer; the gist is what the
    article is about, so a point in the writer's own voice is passed over when another stands."""
    from briefer.brief import choose_gist, speaks_as_writer
    from briefer.models import Point, Sentence

    assert speaks_as_writer(text, "english") is writer
    if not writer:
        return
    other = "The city will rebuild the stadium by 2028, the mayor said."
    lead = Point(Sentence(0, 0, 0, len(text), text), 1.0, 1)
    best = Point(Sentence(4, 1, 0, len(other), other), 0.5, 2)
    assert choose_gist([lead, best], 20) is best
    plain = "The council approved the plan on Monday."
    first = Point(Sentence(0, 0, 0, len(plain), plain), 1.0, 1)
    assert choose_gist([first, best], 20) is first  # the same lead in a reporter's voice


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("File photo of the president at the White House in 2009.", True),
        ("Jane Doe contributed to this report.", True),
        ("By Jane Doe", True),
        ("Introduction", True),
        ("Discussion", True),
        ("In focus -- 'Emiratization'", True),
        ("The council approved the plan on Monday.", False),
        ("Police are investigating a leaflet posted to homes in south Wales.", False),
    ],
)
def test_captions_credits_bylines_and_headings_are_furniture(text: str, furniture: bool) -> None:
    assert is_furniture(text, "english") is furniture


def test_a_default_length_brief_carries_the_lead() -> None:
    others = [
        "Campaigners in Swansea said the leaflet was racist and deeply offensive.",
        "The mosque would open in a former chapel near the city centre next year.",
        "Community leaders raised money for the building over three years.",
        "The leaflet urged residents to object to the planning application.",
        "Councillors will decide on the application at a meeting in March.",
        "Police said officers were studying the wording of the leaflet carefully.",
        "A local imam said the community had felt welcome in Swansea for decades.",
        "The party denied that its leaflet was meant to stir up hatred.",
        "Residents reported receiving the leaflet through their doors last week.",
    ]
    text = (
        "Police are investigating a leaflet posted to homes in south Wales opposing a mosque.\n\n"
        + " ".join(others)
    )
    brief = summarize(text)
    assert brief.points[0].sentence.index == 0
    assert brief.gist.sentence.index == 0
    fixed = summarize(text, Options(sentences=3))
    assert len(fixed.points) == 3  # a length the reader asked for is the method's choice alone


def test_the_gist_is_a_sentence_that_stands_alone() -> None:
    from briefer.brief import choose_gist, stands_alone
    from briefer.models import Point, Sentence

    def point(index: int, rank: int, text: str) -> Point:
        return Point(Sentence(index, index, 0, len(text), text), 1.0 / rank, rank)

    leaning = point(7, 1, "However, the company said its profit rose 8%.")
    alone = point(10, 2, "Time Warner's profits beat analysts' expectations.")
    assert choose_gist([leaning, alone], 20).sentence.index == 10
    assert choose_gist([leaning, alone], 20, "german").sentence.index == 7  # no list: the best
    its = point(3, 3, "Its profits were buoyed by one-off gains.")
    assert choose_gist([leaning, its], 20) is leaning  # none stands alone: the best
    assert not stands_alone("But the talks failed.", "english")
    assert not stands_alone("(It was late.)", "english")
    assert stands_alone("“It was inconceivable,” he said.", "english")  # the speaker's "it"
    assert stands_alone("'They left early,' police said.", "english")
    assert stands_alone("So-called experts disagreed.", "english")
    assert stands_alone("Then-President Obama spoke.", "english")
    assert stands_alone("Butter prices rose.", "english")
    assert stands_alone("Thesis defended.", "english")
    assert stands_alone("", "english")


def test_every_sentence_gets_a_score_and_rank(seed: str) -> None:
    brief = summarize(seed, Options(method="lexrank", sentences=3))
    ranks = [p.rank for p in brief.points]
    assert ranks == sorted(ranks, key=lambda r: [p.rank for p in brief.points].index(r))
    assert {p.rank for p in brief.points} == set(range(1, 4))


def test_duplicate_sentences_never_repeat() -> None:
    sentence = "The central bank raised interest rates by half a point on Thursday."
    text = " ".join(
        [
            sentence,
            "Markets fell sharply after the announcement.",
            sentence,
            "The central bank raised interest rates by half a point on Thursday!",
            "Analysts had expected a smaller move from the bank.",
            sentence,
        ]
    )
    for method in METHODS:
        texts = _texts(summarize(text, Options(method=method, sentences=4)))
        norm = [t.rstrip(".!") for t in texts]
        assert len(norm) == len(set(norm)), (method, texts)


def test_length_by_sentences_ratio_and_words(samples: dict[str, str]) -> None:
    text = samples["libya-tripoli-attack"]
    n = summarize(text, Options(sentences=30)).stats.sentences
    assert len(summarize(text, Options(sentences=4)).points) == 4
    assert len(summarize(text, Options(ratio=0.25)).points) == round(0.25 * n)
    brief = summarize(text, Options(words=60))
    assert brief.stats.brief_words <= 60
    assert len(brief.points) >= 1


def test_word_budget_smaller_than_any_sentence_still_gives_one_point(seed: str) -> None:
    assert len(summarize(seed, Options(words=1)).points) == 1


def test_default_length_grows_with_the_article() -> None:
    lengths = [default_length(n) for n in (1, 2, 5, 20, 60, 200, 2000)]
    assert lengths == sorted(lengths)
    assert lengths[0] == 1 and lengths[2] == 3 and lengths[-1] > lengths[3]


def test_choose_skips_near_duplicates() -> None:
    from briefer.models import Sentence

    sents = [
        Sentence(0, 0, 0, 10, "Rates rose by half a point today in London."),
        Sentence(1, 0, 11, 20, "Rates rose by half a point today in London!"),
        Sentence(2, 0, 21, 30, "Shares fell."),
    ]
    assert choose(sents, [3.0, 2.0, 1.0], 2) == [0, 2]


def test_short_text_gets_a_brief_with_a_note() -> None:
    brief = summarize("The council approved the budget on Monday.")
    assert len(brief.points) == 1
    assert brief.notes and "short text: 1 sentence" in brief.notes[0]


def test_single_title_like_line_is_still_briefed() -> None:
    brief = summarize("Council approves budget")
    assert brief.points[0].sentence.text == "Council approves budget"


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "... --- !!!"])
def test_text_without_words_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        summarize(text)


def test_over_max_chars_is_an_input_error(seed: str) -> None:
    with pytest.raises(InputError, match=r"over the limit of 100; raise it with max_chars$"):
        summarize(seed, Options(max_chars=100))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "nope"},
        {"language": "klingon"},
        {"sentences": 0},
        {"ratio": 1.5},
        {"sentences": 3, "words": 50},
    ],
)
def test_invalid_options_are_usage_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        Options(**kwargs)  # type: ignore[arg-type]


def test_stats_and_reading_time(seed: str) -> None:
    stats = summarize(seed).stats
    assert stats.sentences == 21
    assert 500 < stats.words < 620
    assert stats.brief_words < stats.words
    assert stats.reading_seconds > stats.brief_reading_seconds > 0
    assert 0 < stats.compression < 1


def test_control_characters_never_survive_into_points() -> None:
    text = "The vote passed \x1b[31mred\x1b[0m easily. Turnout was high in every district."
    brief = summarize(text)
    for p in brief.points:
        assert "\x1b" not in p.sentence.text
        assert len(p.sentence.text) == p.sentence.end - p.sentence.start


def test_other_languages(samples: dict[str, str]) -> None:
    german = (
        "Die Regierung hat am Montag ein neues Gesetz beschlossen. Es soll die Mieten begrenzen. "
        "Kritiker sagen, das Gesetz komme zu spät. Die Opposition will dagegen klagen."
    )
    brief = summarize(german, Options(language="german", sentences=2))
    assert brief.language == "german" and len(brief.points) == 2


SHORT_TEXTS = {
    "czech": "Vláda v pondělí schválila nový zákon. Má omezit nájemné. Kritici říkají, že přichází pozdě.",
    "dutch": "De regering heeft maandag een nieuwe wet aangenomen. Die begrenst de huren. Critici zeggen dat hij te laat komt.",
    "russian": "Правительство в понедельник приняло новый закон. Он ограничивает арендную плату. Критики говорят, что он опоздал.",
    "turkish": "Hükümet pazartesi günü yeni bir yasa kabul etti. Yasa kiraları sınırlıyor. Eleştirmenler yasanın geç kaldığını söylüyor.",
    "finnish": "Hallitus hyväksyi maanantaina uuden lain. Se rajoittaa vuokria. Arvostelijoiden mukaan laki tulee liian myöhään.",
    "danish": "Regeringen vedtog mandag en ny lov. Den begrænser huslejen. Kritikere siger, at den kommer for sent.",
    "norwegian": "Regjeringen vedtok en ny lov mandag. Den begrenser husleien. Kritikere sier at den kommer for sent.",
    "estonian": "Valitsus võttis esmaspäeval vastu uue seaduse. See piirab üüre. Kriitikute sõnul tuleb seadus liiga hilja.",
    "slovene": "Vlada je v ponedeljek sprejela nov zakon. Zakon omejuje najemnine. Kritiki pravijo, da prihaja prepozno.",
    "english": "The government passed a new law on Monday. It caps rents. Critics say it comes too late.",
    "french": "Le gouvernement a adopté lundi une nouvelle loi. Elle plafonne les loyers. Les critiques disent qu'elle arrive trop tard.",
    "german": "Die Regierung hat am Montag ein neues Gesetz beschlossen. Es begrenzt die Mieten. Kritiker sagen, es komme zu spät.",
    "greek": "Η κυβέρνηση ψήφισε νέο νόμο τη Δευτέρα. Ο νόμος περιορίζει τα ενοίκια. Οι επικριτές λένε ότι ήρθε αργά.",
    "italian": "Il governo ha approvato lunedì una nuova legge. Limita gli affitti. I critici dicono che arriva tardi.",
    "polish": "Rząd przyjął w poniedziałek nową ustawę. Ogranicza ona czynsze. Krytycy mówią, że przychodzi za późno.",
    "portuguese": "O governo aprovou uma nova lei na segunda-feira. Ela limita os aluguéis. Os críticos dizem que chega tarde.",
    "spanish": "El gobierno aprobó el lunes una nueva ley. Limita los alquileres. Los críticos dicen que llega tarde.",
    "swedish": "Regeringen antog en ny lag på måndagen. Den begränsar hyrorna. Kritiker säger att den kommer för sent.",
}


def test_every_language_has_a_short_text() -> None:
    from briefer import LANGUAGES

    assert sorted(SHORT_TEXTS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", sorted(SHORT_TEXTS))
@pytest.mark.parametrize("method", ["default", "lexrank", "luhn"])
def test_every_language_and_method(language: str, method: str) -> None:
    text = SHORT_TEXTS[language]
    brief = summarize(text, Options(language=language, method=method, sentences=2))
    assert len(brief.points) == 2
    for p in brief.points:
        assert text[p.sentence.start : p.sentence.end] == p.sentence.text


def test_missing_stemmer_package_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from briefer import rank

    rank.stemmer.cache_clear()
    monkeypatch.setitem(sys.modules, "greek_stemmer", None)  # as if not installed
    try:
        with pytest.raises(UsageError, match=r"pip install 'briefer\[greek\]'"):
            summarize(SHORT_TEXTS["greek"], Options(language="greek"))
    finally:
        rank.stemmer.cache_clear()


def test_with_lead_adds_the_lead_to_the_methods_choice() -> None:
    from briefer.brief import with_lead

    texts = [
        "Police are investigating a leaflet posted to homes in south Wales on Monday.",
        "He said it was wrong.",
        "Campaigners in Swansea said the leaflet was racist and deeply offensive.",
        "The mosque would open in a former chapel near the city centre next year.",
        "Community leaders raised money for the building over three years.",
    ]
    sentences = split_sentences(" ".join(texts))
    assert with_lead([2, 3, 4], sentences, 0, "english") == [0, 2, 3, 4]
    assert with_lead([0, 2, 4], sentences, 0, "english") == [0, 2, 4]
    assert with_lead([2, 3, 4], sentences, 1, "english") == [2, 3, 4]  # leans on context
    assert with_lead([2, 4], sentences, 0, "english") == [2, 4]  # too short a brief


@pytest.mark.parametrize("heading", ["Introduction", "Discussion", "File photo of the harbour"])
def test_a_heading_or_caption_is_never_the_headline(heading: str) -> None:
    text = (
        f"{heading}\n\nThe council approved the harbour plan on Monday after a long debate. "
        "It will cost the town more than it hoped. Residents welcomed it. Others did not."
    )
    brief = summarize(text)
    assert brief.headline != heading
    assert brief.gist.sentence.text.startswith("The council approved")


@pytest.mark.parametrize(
    ("text", "hook"),
    [
        ("I am a product of the Black Church.", True),
        ("You almost have to feel sorry for the president.", True),
        ("When your grandmother is a cosmetics mogul, expectations run high.", True),
        ("Traveling through the hills of Pennsylvania, one can hear music.", True),
        ("On July 24, 2008, a candidate addressed a crowd in Berlin.", True),
        ("As criticism mounts, President Felipe Calderon has asked for reforms.", False),
        ("Police are investigating a leaflet posted to homes in south Wales.", False),
        ("On Monday the council approved the plan.", False),
    ],
)
def test_a_features_hook_is_not_a_news_lead(text: str, hook: bool) -> None:
    assert is_hook(text, "english") is hook


def test_a_hook_is_not_the_gist() -> None:
    from briefer.brief import choose_gist
    from briefer.models import Point, Sentence

    hook_text = "You almost have to feel sorry for President Obama this winter."
    point_text = "Clinton insisted that Obama must keep the promise he made to voters."
    hook = Point(Sentence(0, 0, 0, len(hook_text), hook_text), 1.0, 1)
    point = Point(Sentence(6, 2, 0, len(point_text), point_text), 0.5, 2)
    assert choose_gist([hook, point], 30) is point


@pytest.mark.parametrize(
    ("language", "leans", "alone"),
    [
        ("french", "Elle se plaignait de douleurs, et le Samu ne s'est jamais déplacé.",
         "Cette réforme a été adoptée mardi par le Parlement."),
        ("portuguese", "Ele disse que a proposta seria votada na terça-feira.",
         "O governo anunciou um novo pacote de medidas."),
        ("spanish", "Pero el Gobierno no aclaró cuándo se votará la ley.",
         "El Gobierno anunció un nuevo paquete de medidas."),
    ],
)  # fmt: skip
def test_a_sentence_that_leans_on_the_one_before_does_not_stand_alone_in_other_languages(
    language: str, leans: str, alone: str
) -> None:
    """The record's openings that lean on context ("Elle …", "Ele …", "Pero …"); a determiner
    ("Cette réforme") is no such opening."""
    assert not stands_alone(leans, language)
    assert stands_alone(alone, language)
