"""The words the fact extractors need, one record per language.

A new language adds a record to :data:`RECORDS`; the extractors never test the language by name.
Languages without a record use the English one (their quotation marks and digits still work).
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(text: str) -> dict[str, float]:
    """ "one=1 two=2" as a dict."""
    return {k: float(v) for k, v in (item.split("=") for item in text.split())}


def _codes(text: str) -> dict[str, str]:
    """ "dollars=USD euros=EUR" as a dict."""
    return {k: v for k, v in (item.split("=") for item in text.split())}


@dataclass(frozen=True, eq=False)  # hashed by identity: the records are cache keys
class FactWords:
    """Word lists of one language, lower-cased unless said otherwise."""

    reporting_verbs: frozenset[str]  # say, tell, add ... in every tense that introduces speech
    object_verbs: frozenset[str]  # reporting verbs whose next name is the listener ("told CNN")
    according_to: tuple[str, ...]  # phrases whose next name is the source
    pronouns_male: frozenset[str]
    pronouns_female: frozenset[str]
    possessives: frozenset[str]  # his, her: a sentence that refers back to a person
    objects_male: frozenset[str]
    objects_female: frozenset[str]
    quoted_as: str  # a pattern with {obj}: the outlet relays the words of him or her
    pronouns_other: frozenset[str]  # they, it, we ...: never resolved to a person
    honorifics_male: frozenset[str]
    honorifics_female: frozenset[str]
    honorifics: frozenset[str]  # every honorific, both sexes and none (Dr, Prof)
    roles: frozenset[str]  # job titles that precede a name ("President", "Sen")
    outlets: frozenset[str]  # news media: the listener or the medium, never the speaker
    outlet_endings: tuple[str, ...]  # "Businessweek", "Newsday": a medium by its ending
    company_words: frozenset[str]  # "Motors", "Inc": the company of the name before them
    org_words: frozenset[str]  # words that make a name an organisation or a place, not a person
    weekdays: frozenset[str]
    not_names: frozenset[str]  # capitalised words and acronyms that name nothing ("TV", "GMT")
    descriptor_endings: tuple[str, ...]  # "Turin-based", "Russian-speaking": not part of a name
    months: dict[str, float]  # name or abbreviation -> month number
    function_words: frozenset[str]
    title_cues: frozenset[str]  # words before a quoted title, nickname or scare quote
    number_words: dict[str, float]
    scale_words: dict[str, float]  # million, bn, m ...
    fractions: dict[str, float]  # half, third, two-thirds ...
    currency_words: dict[str, str]  # dollars -> USD
    subunits: dict[str, str]  # cents -> USD: a hundredth of the currency
    temperature_scales: frozenset[str]
    currency_codes: frozenset[str]  # upper case as written
    duration_units: frozenset[str]
    measure_units: frozenset[str]
    not_count_nouns: frozenset[str]  # words after a number that are not what it counts
    model_nouns: frozenset[str]  # words after a number that make it a name ("911 call")
    ordinals: dict[str, float]
    year_nouns: frozenset[str]  # "the 2011 murder": a year used as an attribute
    caption_openings: tuple[str, ...]  # photo captions and credits, never a gist
    credits: tuple[str, ...]  # "… contributed to this report"
    headings: frozenset[str]  # section headings that are never a gist or headline
    hook_openings: frozenset[str]  # first words of a feature's hook, not a news lead
    name_suffixes: frozenset[str]  # "Jr", "IV": a name's generation, the same person without it
    writer_subjects: frozenset[str]  # "I", "I'm" as written: the writer speaks (before a verb)
    writer_objects: frozenset[str]  # "me", "my": the writer is in the sentence


_SAY = (
    "say says said saying tell tells told add adds added explain explains explained write writes "
    "wrote warn warns warned state states stated note notes noted insist insists insisted argue "
    "argues argued declare declares declared announce announces announced continue continues "
    "continued reply replies replied agree agrees agreed claim claims claimed recall recalls "
    "recalled admit admits admitted acknowledge acknowledges acknowledged suggest suggests "
    "suggested urge urges urged conclude concludes concluded remark remarks remarked observe "
    "observes observed comment comments commented counter counters countered concede concedes "
    "conceded maintain maintains maintained predict predicts predicted stress stresses stressed "
    "emphasised emphasized emphasises emphasizes caution cautions cautioned confirm confirms "
    "confirmed tweet tweets tweeted post posts posted joke jokes joked boast boasts boasted "
    "complain complains complained lament laments lamented vow vows vowed promise promises "
    "promised respond responds responded answer answers answered shout shouts shouted cry cries "
    "cried whisper whispers whispered recount recounts recounted muse muses mused assert asserts "
    "asserted propose proposes proposed allege alleges alleged describe describes described "
    "ask asks asked quip quips "
    "quipped insisted reiterate reiterates reiterated testify testifies testified"
)

ENGLISH = FactWords(
    reporting_verbs=_words(_SAY),
    object_verbs=_words("tell tells told urge urges urged ask asks asked assure assured remind"),
    according_to=("according to", "citing", "quoting"),
    pronouns_male=_words("he"),
    pronouns_female=_words("she"),
    possessives=_words("his her him"),
    objects_male=_words("him"),
    objects_female=_words("her"),
    quoted_as=r"\bquoted {obj} as (?:saying|telling)\b",
    pronouns_other=_words("it they we i you one this that who which"),
    honorifics_male=_words("mr mr. sir lord king prince"),
    honorifics_female=_words("mrs mrs. ms ms. miss dame lady queen princess"),
    honorifics=_words(
        "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. mx"
    ),
    roles=_words(
        "president vice prime minister foreign defense defence interior finance secretary "
        "chairman chairwoman chair chief executive ceo senator sen sen. rep rep. representative "
        "gov gov. governor mayor king queen prince princess pope judge justice officer commander "
        "cmdr lt lt. col col. gen gen. general capt capt. sgt sgt. spokesman spokeswoman "
        "spokesperson deputy former acting attorney ambassador director coach manager captain "
        "leader chancellor premier sheriff detective inspector superintendent commissioner "
        "professor prof dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady rev rev. father "
        "sister brother bishop archbishop cardinal rabbi imam sheikh congressman congresswoman "
        "speaker monsignor mp mep msp tory labour conservative democrat republican lieutenant "
        "colonel major sergeant admiral private corporal constable chief "
        "economy trade health education justice labour labor energy environment treasury "
        "broadcaster comedian actor actress singer presenter striker midfielder defender "
        "goalkeeper analyst economist historian author novelist lawyer spaniard briton "
        "dutchman frenchman englishman irishman scotsman welshman"
    ),
    outlets=_words(
        "cnn bbc reuters ap afp xinhua abc nbc cbs fox msnbc npr cnbc espn bloomberg itv sky "
        "guardian telegraph times post journal independent mail observer economist newsweek "
        "kyodo yonhap interfax tass ria novosti aljazeera jazeera press radio television tv news "
        "newspaper magazine agency programme program show"
    ),
    outlet_endings=(
        "week",
        "times",
        "post",
        "news",
        "journal",
        "magazine",
        "tribune",
        "herald",
        "gazette",
        "daily",
        "today",
        "wire",
        "day",
    ),
    company_words=_words(
        "motors inc inc. corp corp. corporation ltd ltd. plc group company co co. airlines "
        "airways holdings"
    ),
    org_words=_words(
        "ministry department university college school bank party council company corp corp. "
        "inc inc. ltd ltd. plc group association agency commission committee court office police "
        "army navy force union news times post service organization organisation institute "
        "foundation fund club airlines airways motors church hospital government parliament "
        "congress senate assembly board authority federation league team united city county "
        "state states kingdom republic island islands river street road avenue square park "
        "centre center house hall museum gallery ballet theatre theater orchestra opera "
        "prevention pensions airport station bay sea ocean mountains valley north south "
        "east west northern southern eastern western new saint st st. fort port lake"
    ),
    not_names=_words(
        "tv gmt bst est pdf ai dna faq tbc internet web online thousands hundreds millions dozens"
    ),
    descriptor_endings=tuple(
        [
            "-based",
            "-born",
            "-speaking",
            "-led",
            "-backed",
            "-owned",
            "-era",
            "-hit",
            "-old",
            "-bound",
        ]
    ),
    weekdays=_words("monday tuesday wednesday thursday friday saturday sunday"),
    months=_table(
        "january=1 jan=1 february=2 feb=2 march=3 mar=3 april=4 apr=4 may=5 june=6 jun=6 "
        "july=7 jul=7 august=8 aug=8 september=9 sep=9 sept=9 october=10 oct=10 november=11 "
        "nov=11 december=12 dec=12"
    ),
    function_words=_words(
        "the a an in on at but and or of for to with by from as it its he she they we i you this "
        "that these those when while after before if then so yet his her their our my your there "
        "here what which who whom whose where why how all some many most more such no not also "
        "than is are was were be been being has have had do does did will would can could may "
        "might must shall should per about over under up down out into onto off nor each every "
        "both either neither any few several own same other another only just even still "
        "i'm i've i'd it's he's she's we're they're that's there's let's"
    ),
    title_cues=_words(
        "called titled entitled named dubbed nicknamed so-called film movie show song album book "
        "novel game series programme program act bill slogan headline campaign operation label "
        "term phrase word motto known banner sign read reads reading"
    ),
    number_words=_table(
        "one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
        "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 "
        "nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 "
        "ninety=90 hundred=100 dozen=12 a=1 an=1"
    ),
    scale_words=_table(
        "thousand=1000 k=1000 million=1e+06 millions=1e+06 m=1e+06 mn=1e+06 billion=1e+09 "
        "billions=1e+09 bn=1e+09 b=1e+09 trillion=1e+12 tn=1e+12 hundred=100"
    ),
    fractions=_table(
        "half=0.5 third=0.333333 thirds=0.333333 quarter=0.25 quarters=0.25 fifth=0.2 "
        "fifths=0.2 tenth=0.1 tenths=0.1"
    ),
    currency_words=_codes(
        "dollars=USD dollar=USD euros=EUR euro=EUR yen=JPY yuan=CNY renminbi=CNY rupees=INR "
        "rupee=INR lira=TRY liras=TRY francs=CHF roubles=RUB rubles=RUB won=KRW pesos=MXN "
        "rand=ZAR sterling=GBP pence=GBP p=GBP"
    ),
    subunits=_codes("cents=USD cent=USD pence=GBP penny=GBP"),
    temperature_scales=_words("celsius fahrenheit centigrade"),
    currency_codes=_words("USD EUR GBP JPY CNY INR TRY TL CHF RUB KRW AUD CAD HKD NZD ZAR SEK"),
    duration_units=_words(
        "year years month months week weeks day days hour hours minute minutes second seconds "
        "decade decades century centuries"
    ),
    measure_units=_words(
        "km kilometres kilometers kilometre kilometer miles mile metres meters metre meter feet "
        "foot ft inches inch cm mm kg kilograms kilogram kilos tonnes tons tonne ton lbs lb "
        "acres acre hectares hectare litres liters gallons gallon barrels degrees mph km/h sq "
        "square yards yard ounces ounce grams gram mw gw kw megawatts gigawatts"
    ),
    not_count_nouns=_words(
        "times time per cent percent percentage points point more less than unless when which "
        "who that whom whose if after before since until or and but to of in on at by for from "
        "with as is are was were be has have had will would can could may might did does do "
        "also only just about around out up down off over under into onto last next other "
        "others each votes vote-to goals-to runs-to am pm a.m. p.m. o'clock gmt bst est"
    ),
    model_nouns=_words("caliber calibre mm-caliber call calls"),
    ordinals=_table(
        "first=1 second=2 third=3 fourth=4 fifth=5 sixth=6 seventh=7 eighth=8 ninth=9 "
        "tenth=10 eleventh=11 twelfth=12"
    ),
    year_nouns=_words(
        "murder murders election elections attack attacks war crisis season game games olympics "
        "world cup tournament championship film movie book album law act report study census "
        "survey budget earthquake tsunami flood floods revolution coup invasion campaign "
        "presidential general financial summit deal agreement merger killing killings shooting "
        "bombing bombings"
    ),
    caption_openings=tuple(
        [
            "file photo",
            "photo:",
            "pictured",
            "image caption",
            "click to",
            "watch:",
            "video:",
            "(photo",
            "getty images",
            "ap photo",
            "reuters/",
            "caption:",
            "see also",
            "related:",
            "read more",
            "follow us",
            "copyright",
            "all rights reserved",
        ]
    ),
    credits=(
        "contributed to this report",
        "contributed reporting",
        "contributed to this story",
        "reporting by",
        "editing by",
    ),
    hook_openings=_words(
        "i i'm i've you you're we we're my our your when if although though imagine most picture"
    ),
    headings=_words(
        "discussion introduction conclusion conclusions background summary abstract methods "
        "results references contents overview analysis comment"
    ),
    name_suffixes=_words("jr jr. sr sr. ii iii iv"),
    writer_subjects=_words("I I'm I’m I've I’ve I'd I’d I'll I’ll"),
    writer_objects=_words("me my mine myself"),
)

RECORDS: dict[str, FactWords] = {"english": ENGLISH}


def words_for(language: str) -> FactWords:
    """The record of ``language``, or the English one when it has none yet."""
    return RECORDS.get(language, ENGLISH)
