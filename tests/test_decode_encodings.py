"""Legacy encodings: cp1252 and Latin-1 read as such, other scripts and code pages still detected.

Regressions from issue 16: English cp1252 with a lone "£" came out as cp932 ("｣100m"), a short
text with curly quotes, "€" and "—" as cp775, Polish and Czech cp1250 as cp1252.
"""

from __future__ import annotations

import pytest

from briefer.errors import InputError
from briefer.ingest import decode

JAPANESE = (
    "東京都は月曜日、新しい防災計画を発表した。計画では、大きな地震が起きた場合に備えて、"
    "学校や公民館を避難所として使う。知事は「市民の安全が最優先だ」と述べた。"
)
CHINESE = (
    "台北市政府星期一公布了新的交通計畫。根據計畫，市區將增加公車路線，並在主要道路設置"
    "自行車道。市長表示，這項計畫將在明年開始實施。"
)
RUSSIAN = (
    "В понедельник правительство объявило о новых мерах поддержки экономики. Министр финансов "
    "заявил, что расходы бюджета вырастут на пять процентов, а налоги для малого бизнеса снизятся."
)
POLISH = (
    "W poniedziałek rząd ogłosił nowy plan budowy dróg. Minister powiedział, że prace zaczną się "
    "jesienią, a pierwsze odcinki będą gotowe za dwa lata. Mieszkańcy małych miejscowości cieszą "
    "się z decyzji."
)
CZECH = (
    "V pondělí vláda představila nový plán na opravu silnic. Ministr řekl, že práce začnou na "
    "podzim a první úseky budou hotové za dva roky. Obyvatelé menších obcí jsou s rozhodnutím "
    "spokojeni."
)
SLOVAK = (
    "V pondelok vláda predstavila nový plán na opravu ciest. Minister povedal, že práce sa začnú "
    "na jeseň a prvé úseky budú hotové o dva roky. Obyvatelia menších obcí sú s rozhodnutím "
    "spokojní."
)
HUNGARIAN = (
    "Hétfőn a kormány bejelentette az új útépítési tervet. A miniszter szerint a munkák ősszel "
    "kezdődnek, és az első szakaszok két év múlva készülnek el. A kisebb települések lakói "
    "örülnek a döntésnek, de a polgármesterek szerint a pénz nem lesz elegendő."
)
TURKISH = (
    "Hükümet pazartesi günü yeni yol yapım planını açıkladı. Bakan, çalışmaların sonbaharda "
    "başlayacağını ve ilk bölümlerin iki yıl içinde tamamlanacağını söyledi."
)
LITHUANIAN = (
    "Pirmadienį vyriausybė paskelbė naują kelių statybos planą. Ministras sakė, kad darbai "
    "prasidės rudenį, o pirmosios atkarpos bus baigtos po dvejų metų."
)
GREEK = (
    "Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα για την οικονομία. Ο υπουργός Οικονομικών "
    "δήλωσε ότι οι δαπάνες θα αυξηθούν κατά πέντε τοις εκατό."
)
POUNDS = (
    "The company said profits rose 36% to 2.9bn euros (£1.99bn) in the year to March. Shares fell "
    "2% in early trading in London, where analysts had expected a larger rise. The firm, which "
    "employs 12,000 people in 40 countries, said demand for its products had slowed in the second "
    "half of the year as customers cut back on spending. "
) + 10 * (
    "Its chief executive said the group would keep investing in new factories and would look for "
    "savings in its offices. He told reporters that the outlook for next year was uncertain, but "
    "that the firm was in a strong position to grow. "
)
"""One "£" in 2,600 characters of English: charset-normalizer's best is cp932, "(｣1.99bn)"."""
QUOTES = "“It’s a €5 fix,” she said — and walked out."
FRENCH = (
    "Le café du coin a fermé. Les habitués étaient déçus, mais le propriétaire a dit qu’il "
    "rouvrira à la rentrée. « C’est la vie », a-t-il ajouté — sans regret. Même l’été dernier, "
    "la crème brûlée était à 4 €."
)
GERMAN = "Die Straße in Zürich wird größer. Die Bürger äußern sich froh über die Pläne."
NAMES = (
    "Visitors to São Paulo, Zürich and Málaga met Niccolò Machiavelli's biographer at the café "
    "on Monday, where the naïve plan was discussed over a long lunch with the mayor of Århus."
)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        # Western text in cp1252 and Latin-1: £, quotes, € and — failed before the fix
        pytest.param(POUNDS, "cp1252", "cp1252", id="english-pound-cp1252-not-cp932"),
        pytest.param(POUNDS, "latin-1", "cp1252", id="english-pound-latin1-not-cp932"),
        pytest.param(QUOTES, "cp1252", "cp1252", id="quotes-euro-dash-cp1252-not-cp775"),
        pytest.param(NAMES, "cp1252", "cp1252", id="english-with-foreign-names"),
        pytest.param(FRENCH, "cp1252", "cp1252", id="french-cp1252"),
        pytest.param(GERMAN, "latin-1", "cp1252", id="german-latin1"),
        # Central European and Turkish code pages: read as cp1252 before the fix
        pytest.param(POLISH, "cp1250", "cp1250", id="polish-cp1250"),
        pytest.param(CZECH, "cp1250", "cp1250", id="czech-cp1250"),
        pytest.param(SLOVAK, "cp1250", "cp1250", id="slovak-cp1250"),
        pytest.param(HUNGARIAN, "cp1250", "cp1250", id="hungarian-cp1250"),
        pytest.param(POLISH, "iso8859-2", "iso8859_2", id="polish-latin2"),
        pytest.param(CZECH, "iso8859-2", "iso8859_2", id="czech-latin2"),
        pytest.param(TURKISH, "cp1254", "cp1254", id="turkish-cp1254"),
        pytest.param(LITHUANIAN, "cp1257", "cp1257", id="lithuanian-cp1257"),
        # other scripts: guards that the cp1252 preference does not take them over
        pytest.param(JAPANESE, "cp932", "cp932", id="japanese-cp932"),
        pytest.param(JAPANESE, "shift_jis", "cp932", id="japanese-shift-jis"),
        pytest.param(JAPANESE, "euc_jp", None, id="japanese-euc-jp"),
        pytest.param(CHINESE, "big5", "big5", id="chinese-big5"),
        pytest.param(CHINESE, "gb18030", "gb18030", id="chinese-gb18030"),
        pytest.param(RUSSIAN, "cp1251", "cp1251", id="russian-cp1251"),
        pytest.param(RUSSIAN, "koi8-r", "koi8_r", id="russian-koi8-r"),
        pytest.param(GREEK, "cp1253", "cp1253", id="greek-cp1253"),
        pytest.param(RUSSIAN, "utf-16", "utf-16", id="russian-utf16-bom"),
        pytest.param(JAPANESE, "utf-16", "utf-16", id="japanese-utf16-bom"),
    ],
)
def test_legacy_encodings_decode_exactly(text: str, codec: str, expected: str | None) -> None:
    source = decode(text.encode(codec))
    assert source.text == text
    if expected is not None:  # EUC-JP comes back as one of its supersets
        assert source.encoding == expected


def test_a_utf8_file_with_cp1252_lines_decodes_line_by_line() -> None:
    utf8 = "Café owners in Zürich said the “quick fix” — a naïve plan — would fail.\n"
    legacy = "Le café a fermé ; les pertes s’élèvent à £100m.\n"
    data = utf8.encode() + legacy.encode("cp1252") + utf8.encode()
    source = decode(data)
    assert source.text == utf8 + legacy + utf8
    assert source.encoding == "utf-8+cp1252"


def test_a_utf8_file_with_latin1_lines_is_not_read_as_cp1250() -> None:
    utf8 = "Żółć and łódź are Polish words, written here in UTF-8.\n"
    latin1 = "Señor Müller paid £5 for the crème brûlée.\n"
    source = decode((utf8 + "\n").encode() + latin1.encode("latin-1"))
    assert source.text == utf8 + "\n" + latin1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "A plain article in UTF-16, saved without a byte-order mark.\n",
        "В понедельник правительство объявило о новых мерах, 5 процентов.\n",
    ],
    ids=["english", "russian"],
)
def test_utf16_without_bom_says_so(codec: str, text: str) -> None:
    data = text.encode(codec)
    with pytest.raises(InputError) as caught:
        decode(data, "a.txt")
    message = str(caught.value)
    assert "UTF-16" in message and "byte-order mark" in message
    assert "NUL" not in message


def test_nul_bytes_in_binary_data_are_still_named() -> None:
    with pytest.raises(InputError, match=r"binary data \(NUL bytes\)"):
        decode(b"\x00\x01\x02\x03abc\x00\xff\xfe\x00" * 20, "x.bin")


def test_coloured_terminal_output_is_text() -> None:
    line = "\x1b[01;34mbin\x1b[0m \x1b[01;34mlib\x1b[0m \x1b[01;32mrun.sh\x1b[0m\n"
    data = (line * 5 + "The company reported a profit.\n").encode()
    assert decode(data).text.endswith("The company reported a profit.\n")
