"""Facts in French, German, Portuguese, Russian, Spanish and Turkish, case by case, from the
languages' records.

Each case is a sentence or two of the language and what the facts must say: the quotations
with their speakers, the figures with value and unit, the names. A language without a
``[facts]`` table gets no facts (and the brief says so in its notes).
"""

from __future__ import annotations

import pytest

from briefer import Options, lang, summarize
from briefer.facts import entities, figures, names, quotes, record
from briefer.facts.lang import number_symbols
from briefer.rank import stop_words
from briefer.split import split_sentences


def _quotes(text: str, language: str) -> list[tuple[str, str | None]]:
    sentences = split_sentences(text, language)
    stop = stop_words(language)
    found = quotes(sentences, text, entities(sentences, stop, language), language, stop)
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in found]


QUOTES = [
    (
        "french",
        "« Nous ne céderons pas sur ce point », a déclaré Mme Anne Hidalgo lundi.",
        [("Nous ne céderons pas sur ce point", "Anne Hidalgo")],
    ),
    (
        "french",
        "Jean Dupont est arrivé à Lyon. “Je suis très heureux d'être ici”, a-t-il dit.",
        [("Je suis très heureux d'être ici", "Jean Dupont")],
    ),
    (
        "french",
        "« Le projet sera terminé avant la fin de l'année », selon Marie Curie.",
        [("Le projet sera terminé avant la fin de l'année", "Marie Curie")],
    ),
    (
        "french",
        'Le parquet a ouvert une enquête pour "non-assistance à personne en danger".',
        [],
    ),
    (  # any verb inverted after a quotation is its incise
        "french",
        "Laura Major est venue avec son mari. « C'est comme ça que je l'imaginais », "
        "s'enthousiasme-t-elle.",
        [("C'est comme ça que je l'imaginais", "Laura Major")],
    ),
    (
        "french",
        "« Le gouvernement a menti sur tout », semble-t-il.",
        [("Le gouvernement a menti sur tout", None)],
    ),
    (  # an adverb and a listener between the verb and its subject; a complement's name
        "french",
        "« On est dans un cadre privé », a néanmoins souligné auprès de l'AFP la procureure de "
        "la République Audrey Quey.",
        [("On est dans un cadre privé", "Audrey Quey")],
    ),
    (
        "french",
        "« Un moment de grande qualité », a confié Claude Chirac au Figaro.",
        [("Un moment de grande qualité", "Claude Chirac")],
    ),
    (  # the name after a listener is no speaker
        "french",
        "« Nous ne céderons jamais sur ce point », a confié au magazine Vogue la chanteuse.",
        [("Nous ne céderons jamais sur ce point", None)],
    ),
    (
        "french",
        "Pour Patrice Ribeiro du syndicat Synergie, on « conspue la police nationale ».",
        [("conspue la police nationale", "Patrice Ribeiro")],
    ),
    (
        "french",
        "Selon le ministre de l'Économie Bruno Le Maire, le contrat « sera le même pour tous les candidats en France ».",
        [("sera le même pour tous les candidats en France", "Bruno Le Maire")],
    ),
    (  # a participle clause goes on with the attribution before it
        "french",
        "« Personne ne veut intervenir sur le plateau », avait expliqué Bruno Donnet, parlant "
        "d'une « normalisation de l'humiliation totale » dans l'émission.",
        [
            ("Personne ne veut intervenir sur le plateau", "Bruno Donnet"),
            ("normalisation de l'humiliation totale", "Bruno Donnet"),
        ],
    ),
    (  # the inverted incise at the end of the clause
        "french",
        "Vincent Durand est avocat à Lyon. « Demain nous aurons plus de mille clients », le "
        "seuil demandé pour négocier, a-t-il assuré.",
        [("Demain nous aurons plus de mille clients", "Vincent Durand")],
    ),
    (  # a description refers back to the one it introduced
        "french",
        "Le politologue Pascal Perrineau publie un livre. « Les gilets jaunes refusent la "
        "représentation », souligne le politologue.",
        [("Les gilets jaunes refusent la représentation", "Pascal Perrineau")],
    ),
    (  # an organisation's description refers back to the organisation that spoke last
        "french",
        "« Nous irons devant les tribunaux », a annoncé Vpourverdict, la start-up lyonnaise. "
        "« Les abonnés sont privés de matches », a poursuivi la plate-forme.",
        [
            ("Nous irons devant les tribunaux", "Vpourverdict"),
            ("Les abonnés sont privés de matches", "Vpourverdict"),
        ],
    ),
    (  # the subject named after the role's complement, set off by a comma
        "french",
        "« La crise est là, mais elle est gérée », a quant à lui affirmé le chef du gouvernement "
        "du Brésil, le général Walter Braga Netto.",
        [("La crise est là, mais elle est gérée", "Walter Braga Netto")],
    ),
    (  # a name after "par" is a complement: "il" is the subject named after it
        "french",
        "Invité par Emmanuel Macron il y a deux ans, Donald Trump avait été impressionné par le "
        "défilé. « Il va falloir que nous fassions mieux », s'était-il exclamé.",
        [("Il va falloir que nous fassions mieux", "Donald Trump")],
    ),
    (  # a name after "de" is a complement, not whom "il" means
        "french",
        "L'équipe a visité l'usine d'Elon Musk. « Tout est au même endroit ici », apprécie-t-il.",
        [("Tout est au même endroit ici", None)],
    ),
    (
        "portuguese",
        '"O acordo está morto", disse o porta-voz cubano, José Ponce.',
        [("O acordo está morto", "José Ponce")],
    ),
    (
        "portuguese",
        '"Não vamos desistir agora", afirmou Jim Coles, porta-voz do comando.',
        [("Não vamos desistir agora", "Jim Coles")],
    ),
    (
        "portuguese",
        '"A economia vai crescer neste ano", segundo o ministro Pedro Malan.',
        [("A economia vai crescer neste ano", "Pedro Malan")],
    ),
    (
        "spanish",
        '"No vamos a rendirnos ahora", dijo el ministro de Economía, Luis de Guindos.',
        [("No vamos a rendirnos ahora", "Luis de Guindos")],
    ),
    (
        "spanish",
        '"La economía crecerá este año", afirmó la presidenta Michelle Bachelet el lunes.',
        [("La economía crecerá este año", "Michelle Bachelet")],
    ),
    (
        "spanish",
        'Según el portavoz Pedro Sánchez, "el acuerdo está cerrado desde hace días".',
        [("el acuerdo está cerrado desde hace días", "Pedro Sánchez")],
    ),
    (
        "german",
        "„Wir werden die Steuern nicht erhöhen“, sagte Bundeskanzlerin Angela Merkel am Montag.",
        [("Wir werden die Steuern nicht erhöhen", "Angela Merkel")],
    ),
    (
        "german",
        "»Das ist ein schwarzer Tag für Europa«, erklärte Außenminister Frank-Walter Steinmeier.",
        [("Das ist ein schwarzer Tag für Europa", "Frank-Walter Steinmeier")],
    ),
    (
        "german",
        "Vorstandschef Richard Parsons kam nach Berlin. „Das Geschäft läuft gut“, so Parsons.",
        [("Das Geschäft läuft gut", "Richard Parsons")],
    ),
    (
        "german",
        "Laut Finanzminister Wolfgang Schäuble „wird es keine neuen Schulden geben“.",
        [("wird es keine neuen Schulden geben", "Wolfgang Schäuble")],
    ),
    (
        "german",
        "„Die Zahlen sind enttäuschend“, teilte das Unternehmen am Dienstag mit.",
        [("Die Zahlen sind enttäuschend", None)],
    ),
    (
        "russian",
        "«Мы не допустим повышения налогов», — заявил президент Владимир Путин в понедельник.",
        [("Мы не допустим повышения налогов", "Владимир Путин")],
    ),
    (
        "russian",
        "Министр финансов Антон Силуанов выступил в Думе. «Бюджет будет исполнен», — сказал Силуанов.",
        [("Бюджет будет исполнен", "Антон Силуанов")],
    ),
    ("russian", "Правительство объявило о «частичной мобилизации» резервистов.", []),
    (  # the subject set off before the quotation, the verb after it
        "turkish",
        'Dışişleri Bakanı Mevlüt Çavuşoğlu, "Müzakereler yapıcı bir havada geçti" dedi.',
        [("Müzakereler yapıcı bir havada geçti", "Mevlüt Çavuşoğlu")],
    ),
    (  # a surname refers to the full name; words before the verb ("ifadesini kullandı")
        "turkish",
        'Naci Ağbal konuştu. Ağbal, "Fiyat istikrarını sağlayacağız" ifadesini kullandı.',
        [("Fiyat istikrarını sağlayacağız", "Naci Ağbal")],
    ),
    (  # no subject: the one named before speaks on
        "turkish",
        'Bakan Ahmet Yılmaz soruları yanıtladı. "Yeni yatırımlar yolda, sabırlı olun" diye '
        "konuştu.",
        [("Yeni yatırımlar yolda, sabırlı olun", "Ahmet Yılmaz")],
    ),
    (
        "turkish",
        '"Bu karar ülkemiz için çok önemli bir adımdır" dedi Kılıçdaroğlu.',
        [("Bu karar ülkemiz için çok önemli bir adımdır", "Kılıçdaroğlu")],
    ),
    (  # unnamed, a capitalised common noun, a name with a case ending: nobody is named
        "turkish",
        'Bir vatandaş, "Fiyatlar çok yükseldi, geçinemiyoruz" dedi.',
        [("Fiyatlar çok yükseldi, geçinemiyoruz", None)],
    ),
    (
        "turkish",
        'Ekonomistler, "Piyasalar bu adımı olumlu karşıladı" dedi.',
        [("Piyasalar bu adımı olumlu karşıladı", None)],
    ),
    (
        "turkish",
        'Gazeteciler Erdoğan\'a "Seçim ne zaman yapılacak?" diye sordu.',
        [("Seçim ne zaman yapılacak?", None)],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), QUOTES)
def test_quotes_and_speakers(language: str, text: str, expected: list[object]) -> None:
    assert _quotes(text, language) == expected


FIGURES = [
    ("french", "Le chômage a atteint 13,1 % en mars.", "13,1 %", "percent", "percent", 13.1),
    ("french", "Le chômage a baissé de 2 pour cent.", "2 pour cent", "percent", "percent", 2.0),
    (
        "french",
        "La dette s'élève à 2,3 milliards d'euros.",
        "2,3 milliards d'euros",
        "money",
        "EUR",
        2.3e9,
    ),
    ("french", "L'usine emploie 15 000 salariés.", "15 000 salariés", "count", "salariés", 15000),
    ("french", "Plus de 1.000 clients ont signé.", "1.000 clients", "count", "clients", 1000),
    ("french", "Le billet coûte 15 € cette année.", "15 €", "money", "EUR", 15.0),
    ("french", "Il est mort le 12 mars.", "12 mars", "date", "date", None),
    (
        "portuguese",
        "O governo gastou R$ 3 milhões no programa.",
        "R$ 3 milhões",
        "money",
        "BRL",
        3e6,
    ),
    (
        "portuguese",
        "A inflação subiu 5,5 por cento.",
        "5,5 por cento",
        "percent",
        "percent",
        5.5,
    ),
    (
        "portuguese",
        "Cerca de 37.000 soldados estão no país.",
        "37.000 soldados",
        "count",
        "soldados",
        37000,
    ),
    (
        "portuguese",
        "A lei foi aprovada em 5 de outubro de 1993.",
        "5 de outubro de 1993",
        "date",
        "date",
        None,
    ),
    ("portuguese", "Eles ficaram presos por 17 anos.", "17 anos", "duration", "anos", 17),
    (
        "spanish",
        "La deuda alcanzó 1.500 millones de euros.",
        "1.500 millones de euros",
        "money",
        "EUR",
        1.5e9,
    ),
    ("spanish", "El paro subió un 12,5 por ciento.", "12,5 por ciento", "percent", "percent", 12.5),
    ("spanish", "Llegó el 5 de mayo de 2019.", "5 de mayo de 2019", "date", "date", None),
    ("spanish", "Vivió allí dos años.", "dos años", "duration", "años", 2),
    ("german", "Im dritten Quartal stieg der Gewinn um 13,1 Prozent.", "13,1 Prozent", "percent", "percent", 13.1),
    ("german", "Die Quote sank um 0,5 Prozentpunkte.", "0,5 Prozentpunkte", "percent", "percent", 0.5),
    ("german", "Der Umsatz stieg auf 10,5 Milliarden Dollar.", "10,5 Milliarden Dollar", "money", "USD", 10.5e9),
    ("german", "Der Verlust lag bei 1,2 Mrd. Euro.", "1,2 Mrd. Euro", "money", "EUR", 1.2e9),
    ("german", "Die Strafe beträgt 3,5 Mio. Euro.", "3,5 Mio. Euro", "money", "EUR", 3.5e6),
    ("german", "Der Konzern zahlt 1.500 Euro Prämie.", "1.500 Euro", "money", "EUR", 1500),
    ("german", "Das Ticket kostet 20 € im Monat.", "20 €", "money", "EUR", 20.0),
    ("german", "Er wurde am 12. März 2010 gewählt.", "12. März 2010", "date", "date", None),
    ("russian", "Прибыль составила 1,5 млрд рублей.", "1,5 млрд рублей", "money", "RUB", 1.5e9),
    ("russian", "Инфляция выросла на 7,5 процента.", "7,5 процента", "percent", "percent", 7.5),
    ("russian", "Компания потратила 15 тыс. евро.", "15 тыс. евро", "money", "EUR", 15000.0),
    ("russian", "В стране живут 140 млн человек.", "140 млн человек", "count", "человек", 1.4e8),
    ("russian", "Встреча прошла 5 марта 2010 года.", "5 марта 2010", "date", "date", None),
    ("russian", "В 1944 году город был освобождён.", "1944", "date", "year", 1944.0),
    ("turkish", "Banka faizi yüzde 8,5 seviyesine çıkardı.", "yüzde 8,5", "percent", "percent", 8.5),
    ("turkish", "Enflasyon yıllık %12,3 oldu.", "%12,3", "percent", "percent", 12.3),
    ("turkish", "Şirket 1.500 kişiyi işten çıkardı.", "1.500 kişiyi", "count", "kişiyi", 1500),
    ("turkish", "Toplantıya 250 bin kişi katıldı.", "250 bin kişi", "count", "kişi", 250000),
    ("turkish", "İhracat 180 milyar dolar oldu.", "180 milyar dolar", "money", "USD", 1.8e11),
    ("turkish", "Bütçe açığı 5 milyon TL arttı.", "5 milyon TL", "money", "TRY", 5e6),
    ("turkish", "Dolar kuru 7,45 liraya geriledi.", "7,45 liraya", "money", "TRY", 7.45),
    ("turkish", "Seçimler 31 Mart 2019 tarihinde yapıldı.", "31 Mart 2019", "date", "date", None),
    ("turkish", "Çalışmalar 3 yıl sürdü.", "3 yıl", "duration", "yıl", 3),
    ("turkish", "İhracat 2019 yılında arttı.", "2019", "date", "year", 2019.0),
]  # fmt: skip


NO_FIGURES = [
    ("russian", "Было подбито 2 боевых машины."),  # an adjective, not the counted noun
    ("russian", "Он родился в 1944 году."),  # a year, not a count of years
    ("german", "Wir haben drei gute Profile erhalten."),  # an adjective after the number
]


@pytest.mark.parametrize(("language", "text"), NO_FIGURES)
def test_no_figure_is_misread(language: str, text: str) -> None:
    found = figures(split_sentences(text, language), language)
    assert all(f.kind in ("date", "year") for f in found), found


HIDDEN_NAMES = [
    (
        "russian",
        "«Мы готовы к переговорам», — заявил министр Сергей Лавров. Лавров прилетел в Женеву.",
        ("Мы готовы к переговорам", "Сергей Лавров"),
    ),
    (  # "Ağbal", not "Ağbal Ankara'da": no case ending in a speaker's name
        "turkish",
        'Naci Ağbal Ankara\'da konuştu. Ağbal, "Fiyat istikrarını sağlayacağız" dedi.',
        ("Fiyat istikrarını sağlayacağız", "Ağbal"),
    ),
]


@pytest.mark.parametrize(("language", "text", "quote"), HIDDEN_NAMES)
def test_names_find_speakers_but_are_not_shown(
    language: str, text: str, quote: tuple[str, str]
) -> None:
    brief = summarize(text, Options(language=language))
    assert [(q.text, q.speaker) for q in brief.quotes] == [quote]
    assert brief.names == ()


@pytest.mark.parametrize(("language", "text", "span", "kind", "unit", "value"), FIGURES)
def test_figures(
    language: str, text: str, span: str, kind: str, unit: str, value: float | None
) -> None:
    found = {f.text: f for f in figures(split_sentences(text, language), language)}
    assert span in found, list(found)
    f = found[span]
    assert (f.kind, f.unit, f.value) == (kind, unit, value)


def test_a_verb_after_a_number_is_no_count() -> None:
    text = "Dos quatro estudantes, dois morreram e dois ficaram feridos."
    assert [f.text for f in figures(split_sentences(text, "portuguese"), "portuguese")] == [
        "quatro estudantes"
    ]


NAMES = [
    ("french", "M. Jean Dupont a rencontré Mme Anne Hidalgo à Paris.", "Jean Dupont"),
    ("french", "Les élèves étudient à Lyon avec Jean Dupont et Jean Dupont rit.", "Jean Dupont"),
    ("portuguese", "O presidente da Coréia do Sul, Kim Young-sam, chegou.", "Coréia do Sul"),
    ("portuguese", "A Liga dos Cidadãos Nipo-Americanos protestou.", "Liga dos Cidadãos Nipo-Americanos"),
    ("german", "Der Medienkonzern Time Warner wächst. Time Warner hat mehr verdient.", "Time Warner"),
    ("german", "Die Deutsche Bank verlor an der Börse. Die SPD forderte Neuwahlen.", "Deutsche Bank"),
    ("german", "Die Deutsche Bank verlor an der Börse. Die SPD forderte Neuwahlen.", "SPD"),
    ("german", "Herr Müller betonte, die Lage sei ernst.", "Müller"),
    ("german", "Kanzlerin Angela Merkel traf Peter Müller. Müller lobte das Treffen.", "Peter Müller"),
]  # fmt: skip

NOT_NAMES = [
    ("german", "Im Quartal stieg der Umsatz um 13,1 Prozent auf 2,5 Millionen Euro."),
    ("german", "Neue Regeln gelten ab Januar. Die Regierung will die Steuern senken."),
    ("german", "Die Zahl der Kunden wuchs. Experten warnen vor den Folgen der Krise."),
    ("german", "Der Konzern meldete 1,2 Mio. Euro Gewinn. Die Opposition kritisierte den Plan."),
    ("german", "Das Restaurant ist SEHR GUT. Typisch Italienisch, echte Tropische Pflanzen."),
]


@pytest.mark.parametrize(("language", "text"), NOT_NAMES)
def test_common_nouns_are_no_names(language: str, text: str) -> None:
    assert names(split_sentences(text, language), stop_words(language), 15, language) == []


@pytest.mark.parametrize(("language", "text", "name"), NAMES)
def test_names(language: str, text: str, name: str) -> None:
    shown = [
        t.text for t in names(split_sentences(text, language), stop_words(language), 15, language)
    ]
    assert name in shown
    assert not any(n[:1].islower() for n in shown)  # "élèves étudient à" is no name


def test_accented_small_letters_are_no_capitals() -> None:
    text = "Les élèves étudient à Lyon. Les élèves écoutent Marie Curie."
    shown = [
        t.text for t in names(split_sentences(text, "french"), stop_words("french"), 15, "french")
    ]
    assert shown and all(n[:1].isupper() for n in shown)


def test_a_language_without_fact_words_gets_none_and_a_note() -> None:
    assert record("italian") is None
    text = (
        'Il presidente Mario Rossi ha detto: "Siamo pronti a lavorare insieme." '
        "La spesa è salita del 12,5 per cento nel 2019. Roma e Milano hanno votato."
    )
    brief = summarize(text, Options(language="italian"))
    assert (brief.names, brief.figures, brief.quotes) == ((), (), ())
    assert any("italian" in note and "figures" in note for note in brief.notes)


@pytest.mark.parametrize(
    "language", ["english", "french", "german", "portuguese", "russian", "spanish", "turkish"]
)
def test_records_have_their_fact_words(language: str) -> None:
    words = record(language)
    assert words is not None
    assert words.reporting_verbs and words.months and words.scale_words and words.locale


GERMAN_ARTICLE = """\
Time Warner steigert Gewinn deutlich

Der Medienkonzern Time Warner hat im dritten Quartal 13,1 Prozent mehr verdient als ein Jahr \
zuvor. Der Umsatz stieg auf 10,5 Milliarden Dollar, wie das Unternehmen am Mittwoch in New York \
mitteilte. „Wir sind mit dem Ergebnis sehr zufrieden“, sagte Vorstandschef Richard Parsons. \
Die Zahl der Kunden im Kabelgeschäft wuchs um 1.500 auf 2,3 Millionen.

Analysten hatten mit einem Gewinn von 1,2 Mrd. Euro gerechnet. »Das Geschäft läuft besser als \
erwartet«, so Parsons. Die Aktie legte an der Börse in Frankfurt um 2 Prozent zu. Die \
Konkurrenz aus dem Internet setzt dem Konzern aber weiter zu, sagte ein Analyst der Deutschen \
Bank. Im kommenden Jahr will Time Warner weitere Stellen streichen.
"""


def test_a_german_article_names_no_common_noun() -> None:
    brief = summarize(GERMAN_ARTICLE)
    assert brief.language == "german"
    shown = [n.text for n in brief.names]
    assert "Time Warner" in shown and "Richard Parsons" in shown
    nouns = {"Medienkonzern", "Quartal", "Prozent", "Umsatz", "Zahl", "Kunden", "Aktie", "Börse"}
    assert not any(set(n.split()) & nouns for n in shown), shown
    assert ("Das Geschäft läuft besser als erwartet", "Richard Parsons") in [
        (q.text, q.speaker) for q in brief.quotes
    ]
    assert {f.text for f in brief.figures} >= {"13,1 Prozent", "10,5 Milliarden Dollar"}


@pytest.mark.parametrize("language", [n for n in lang.names() if record(n) is not None])
def test_a_records_number_symbols_are_its_locales_in_babel(language: str) -> None:
    """The records carry a copy of CLDR's symbols (babel's data costs start-up to load)."""
    from babel import numbers

    words = record(language)
    assert words is not None
    assert words.number_symbols == (
        numbers.get_decimal_symbol(words.locale),
        numbers.get_group_symbol(words.locale),
    )
    assert number_symbols(words.locale) == words.number_symbols


def test_key_terms_are_no_function_words_of_the_language() -> None:
    """sumy's French stop words lack "avait", "cette": the record's function words are no
    terms either."""
    text = " ".join(
        f"Cette femme avait appelé le Samu pour des douleurs, et cette femme avait attendu {n} "
        "heures avant que les douleurs ne soient prises au sérieux."
        for n in ("deux", "trois", "quatre")
    )
    brief = summarize(text, Options(language="french"))
    words = record("french")
    assert words is not None and brief.terms
    assert not {t.text for t in brief.terms} & words.function_words
    assert "douleurs" in {t.text for t in brief.terms}
