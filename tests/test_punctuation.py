"""Half-width punctuation inside Chinese text becomes full-width; numbers, Latin and URLs keep theirs."""

import pytest

from paiban.punctuation import (TAIWAN_MARKS, drop_soft_breaks_across, drop_spaces_after_marks_across, headline,
                                mainland_marks, mainland_marks_across, normalise, normalise_across, outside_urls,
                                pair_marks_across, set_quotes, set_spacing, set_spacing_across)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("学习好、宣传好,是当前", "学习好、宣传好，是当前"),
        ("韩利萍说:“一个人", "韩利萍说：“一个人"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("第一;第二", "第一；第二"),
        ("干劲十足。(陈俊琦)", "干劲十足。（陈俊琦）"),
        ("生产煤炭3471.74万吨,在", "生产煤炭3471.74万吨，在"),
        ("A组:张三", "A组：张三"),
        ("清晨6:30,河边", "清晨6:30，河边"),  # after a digit or a Latin word, before Chinese
        ("OK,我们出发", "OK，我们出发"),
        ("价格为$5,折合", "价格为$5，折合"),
        ("打开a_b_c.txt,路径", "打开a_b_c.txt，路径"),
    ],
)
def test_half_width_marks_in_chinese_become_full_width(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("累计净流入８,０７９.６亿港元", "累计净流入８,０７９.６亿港元"),
    ("恒生指数收报２０,０５９.９５点。", "恒生指数收报２０,０５９.９５点。"),
    ("时间是１２:３０,我们出发", "时间是１２:３０，我们出发"),  # before Chinese, as after 6:30
    ("共３,他们", "共３，他们"),
])
def test_a_separator_inside_a_number_in_full_width_digits_stays_half_width(text, expected):
    """Scraped news types figures in full-width digits with an ASCII thousands separator: ８,０７９.６
    became ８，０７９.６, a list of two numbers, as a full-width digit counted as Chinese text."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("答对了。下一题是４?", "答对了。下一题是４？"),
    ("他跑了第１!", "他跑了第１！"),
    ("比分是３:", "比分是３："),
    ("第３;第４", "第３；第４"),
])
def test_a_mark_after_a_full_width_digit_that_separates_no_number_is_made_full_width(text, expected):
    """下一题是４? kept its ? half width at a sentence's end: a full-width digit left every mark
    after it, where only a number's , and : are its own."""
    assert normalise(text) == expected


@pytest.mark.parametrize("char", ["\U0002EBF0", "\U00031350", "\U000323B0"])  # CJK Extensions I, H and J
def test_half_width_marks_beside_an_ideograph_of_the_newest_extensions_become_full_width(char):
    """Extension H (U+31350–U+323AF, 2022) was no Chinese character: 碑作𱍐,𱍐;无考 kept its , and ;."""
    assert normalise(f"此字读若{char}!") == f"此字读若{char}！"
    assert normalise(f"碑作{char},{char};无考。") == f"碑作{char}，{char}；无考。"


@pytest.mark.parametrize(("text", "expected"), [
    ("她不敢相信!!!", "她不敢相信！！！"),
    ("好!!!走吧", "好！！！走吧"),
    ("真的吗?!", "真的吗？！"),
    ("怎么会???", "怎么会？？？"),
    ("她不敢相信！!!", "她不敢相信！！！"),
    ("天亮了 !!!", "天亮了！！！"),
    ("6:30!!河边", "6:30！！河边"),
    ("好!:)", "好！:)"),  # the emoticon after the run keeps its marks
    ("Wow!!!走吧", "Wow！！！走吧"),  # after a Latin word too, the run whole
])
def test_every_mark_of_a_run_after_chinese_becomes_full_width(text, expected):
    """(她不敢相信!!! became 她不敢相信！!!: a lookbehind reads the text as it was, where the
    second ! follows a !, not the ！ the first became.)"""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("语言是Go!你用过Vim?这个库叫requests;另一个叫NumPy:很好,对吧。",
     "语言是Go！你用过Vim？这个库叫requests；另一个叫NumPy：很好，对吧。"),
    ("台湾的Yahoo!奇摩拍卖", "台湾的Yahoo！奇摩拍卖"),  # a name's own mark is written [Yahoo!]{lang=en}
])
def test_a_question_or_exclamation_mark_after_a_latin_word_before_chinese_becomes_full_width(text, expected):
    """Go!你, Vim?这个 kept their half-width marks while ; : , in the same place were made full width,
    and paiban check then asked for ！ and ？: one touching the Chinese after it is Chinese typing,
    whatever is before it (README), as Latin sets a space after its marks."""
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3,471.74",
        "Hello, world! How are you?",
        "2022年10月28日 08:12",
        "函数f(x)的值",
        "(a + b) * c",
        "访问https://example.org/a,b?c=1:2 吧",
        "mailto:someone@example.org",
    ],
)
def test_numbers_latin_and_urls_are_left_alone(text):
    assert normalise(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("官网(https://example.com)很好。官网(见https://example.com/docs)很好。",
     "官网（https://example.com）很好。官网（见https://example.com/docs）很好。"),
    ("地址(https://a.cn/b?(x))在此", "地址（https://a.cn/b?(x)）在此"),  # the URL's own brackets stay
    ("见(https://en.wikipedia.org/wiki/Go_(language))。", "见（https://en.wikipedia.org/wiki/Go_(language)）。"),
    ("See (https://example.com) for details.", "See (https://example.com) for details."),
])
def test_parentheses_around_a_url_in_chinese_text_become_full_width(text, expected):
    """官网(https://example.com)很好 kept its ( ): the prose on either side of the URL was mended alone,
    and held one bracket of the pair; paiban check then asked for （ ）."""
    assert normalise(text) == expected


def test_comma_after_a_url_inside_chinese_text_is_converted_but_the_url_is_not():
    assert normalise("见https://a.b/c?d=e,再看") == "见https://a.b/c?d=e，再看"


@pytest.mark.parametrize(("text", "expected"), [
    ("搜索页https://www.example.cn/搜索?q=头发&page=2,可以打开", "搜索页https://www.example.cn/搜索?q=头发&page=2，可以打开"),
    ("见https://zh.wikipedia.org/wiki/台风#历史,再看", "见https://zh.wikipedia.org/wiki/台风#历史，再看"),
    ("点击https://a.cn/b查看?好", "点击https://a.cn/b查看？好"),  # after a letter: the sentence
    ("你访问过https://example.com/吗?", "你访问过https://example.com/吗？"),  # at its end: the sentence
])
def test_chinese_that_begins_a_part_of_a_urls_path_or_query_is_the_urls(text, expected):
    """The ? after 搜索 was made full width in every edition: the URL ended at its first Chinese."""
    assert normalise(text) == expected


@pytest.mark.parametrize("url", ["http://qingshi-example.cn/景点/青石桥?id=12", "http://qingshi-example.cn/景点/青石桥/?id=12",
                                 "https://example.cn/省/市/区?x=1&名=1"])
def test_chinese_parts_of_a_url_in_a_row_are_the_urls(url):
    """/景点/青石桥?id=12 was read a part at a time, each wanting Latin right after it: the URL ended at
    cn/, its path was prose (converted in a Traditional edition) and its ? made full width."""
    text = f"网址 {url} 详见。"
    assert outside_urls(text, lambda prose: " " * len(prose)).strip() == url
    assert normalise(text) == text


def test_a_url_after_a_number_or_a_mark_is_left_alone_and_the_text_around_it_is_not():
    assert normalise("参考1.https://a.b/c?d=e,见-www.a.b/c,再看") == "参考1.https://a.b/c?d=e，见-www.a.b/c，再看"


# Long runs each pattern once read again from every character of (a hash or base64 pasted in,
# dots held down): minutes at this length, in time growing as the square of it.
LONG_RUNS = {"letters": "中" + "a" * 200_000, "hex": "中" + "3f" * 100_000, "dots": "a" + "." * 200_000 + "b",
             "spaced dots": "a" + ". " * 100_000 + "b", "ellipses": "a" + "…" * 200_000 + "b",
             "spaces before a quote": "中" + " " * 200_000 + '"',
             "spaces before a single quote": "中" + " " * 200_000 + "'"}


@pytest.mark.parametrize("run", LONG_RUNS)
def test_a_long_run_of_letters_or_dots_is_not_read_again_from_each_of_its_characters(run):
    assert normalise(LONG_RUNS[run]) == LONG_RUNS[run]


def test_a_long_rule_of_box_drawing_dashes_is_no_taiwan_dash_read_again_from_each_of_its_characters():
    rule = "─" * 200_000
    assert mainland_marks(rule) == rule and not TAIWAN_MARKS.search(rule)


def test_comma_between_a_closing_quote_and_a_number_is_chinese():
    assert normalise("社区的“活档案”,28个小区") == "社区的“活档案”，28个小区"


@pytest.mark.parametrize(("text", "expected"), [
    ("他说...好", "他说……好"),
    ("等等…", "等等……"),
    ("完。。。", "完……"),
    ("然后—走", "然后——走"),
    ("然后--走", "然后——走"),
    ("然后——走", "然后——走"),
    ('他说"你好"。', "他说“你好”。"),
    ("好，，的", "好，的"),
    ("完。。", "完。"),
])
def test_ellipsis_dash_straight_quotes_and_doubled_marks_in_chinese(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("text", ["3...5", "wait...", 'say "hi"', "a--b", "x — y"])
def test_latin_ellipsis_dashes_and_quotes_are_left_alone(text):
    assert normalise(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("秦（公元前221年—前206年）", "秦（公元前221年—前206年）"),
    ("商（约前1600年—公元前1046年）", "商（约前1600年—公元前1046年）"),
    ("1990年—那一年", "1990年——那一年"),  # a dash after a year, to no year
    ("他说—前面", "他说——前面"),
])
def test_the_one_em_dash_of_a_span_of_years_before_the_common_era_stays_a_range(text, expected):
    """GB/T 15834's 一字线 from a date to a year before the common era was made a 破折号, in every
    format: 公元前221年——前206年, a dash where the author wrote a span of time, which print then broke
    as a dash (公元前221年 / ——前206年)."""
    assert normalise(text) == expected


def test_quote_styles_convert_both_ways_with_nesting():
    assert set_quotes("他说：“她说‘好’。”", "corner") == "他说：「她说『好』。」"
    assert set_quotes("他說：「她說『好』。」", "curly") == "他說：“她說‘好’。”"


@pytest.mark.parametrize(("text", "expected"), [
    ("She sings “Do-Re-Mi” every night.", "She sings “Do-Re-Mi” every night."),
    ("“Hello,” she said, “it’s ‘fine’.”", "“Hello,” she said, “it’s ‘fine’.”"),
    ("他唱了“Do-Re-Mi”这首歌", "他唱了「Do-Re-Mi」这首歌"),  # in Chinese text: corner marks
    ("他说 “Hello” 然后", "他说 「Hello」 然后"),
    ("“She said ‘hi’”", "「She said 『hi』」"),  # nothing around it: the book's Chinese
    ("他说：“He said ‘hi’ to me”。", "他说：「He said 『hi』 to me」。"),  # inside a Chinese quotation
    ("She said “你好” to me", "She said 「你好」 to me"),
    ("She\x00“Do”\x00 sang", "She\x00“Do”\x00 sang"),  # across a paragraph's texts
    ("乐队 Queen “Bohemian Rhapsody” MV 播放量破十亿。", "乐队 Queen 「Bohemian Rhapsody」 MV 播放量破十亿。"),
    ("他笑了。She sings “Do-Re-Mi” every night. 然后", "他笑了。She sings “Do-Re-Mi” every night. 然后"),
    ("The word “tea” is 茶 in Chinese.", "The word “tea” is 茶 in Chinese."),  # an English sentence
    ("The Beatles 和 Rolling Stones 唱的“Yesterday”很有名。",  # names, one word each
     "The Beatles 和 Rolling Stones 唱的「Yesterday」很有名。"),
])
def test_a_quotation_in_latin_text_keeps_its_curly_marks_in_the_corner_style(text, expected):
    assert set_quotes(text, "corner") == expected


@pytest.mark.parametrize("text", ["他只说了一句OK……", "那一年是2009……", "……OK", "Do, re, mi……", "好……"])
def test_an_ellipsis_already_written_in_full_is_left_as_it_is(text):
    assert normalise(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("她问：“Are you sure?”我说‘yes’。", "她问：「Are you sure?」我说『yes』。"),
    ("他说：“Wait. Are you sure?”我说‘yes’。", "他说：「Wait. Are you sure?」我说『yes』。"),  # its . no end
    ("“Hello,” she said, “it’s ‘fine’.”", "“Hello,” she said, “it’s ‘fine’.”"),  # a Latin sentence still
])
def test_an_english_utterance_quoted_in_a_chinese_sentence_is_one_word_of_it(text, expected):
    """Counted word by word, the English question made the sentence around ‘yes’ Latin, and ‘yes’
    kept its curly marks among 「」 in the corner style."""
    assert set_quotes(text, "corner") == expected


def test_apostrophes_in_latin_words_are_not_quotes():
    assert set_quotes("“don’t”", "corner") == "「don’t」"


@pytest.mark.parametrize(("text", "expected"), [
    ("他在’90年代出生。", "他在’90年代出生。"),  # before a digit, no ‘ open
    ("“Rock ’n’ roll” 一词。", "「Rock ’n’ roll」 一词。"),  # the second became 』
    ("the students’ union 和 Parents’ Day", "the students’ union 和 Parents’ Day"),  # so did these
    ("她说‘I don’t know’。", "她说『I don’t know』。"),  # the last ’ closes the open ‘
    ("他们称之为‘黄金周’7天长假", "他们称之为『黄金周』7天长假"),  # a ‘ is open: the ’ closes it
    ("剧本‘Hamlet’。", "剧本『Hamlet』。"),
    ("歌名是 ‘Rock ’n’ Roll’ 的那一首。", "歌名是 『Rock ’n’ Roll』 的那一首。"),  # ’n’ inside an open ‘
    ("他说‘it’s the ’90s’。", "他说『it’s the ’90s』。"),  # a ’ that starts a word after a space
    ("他身高 5’10”，比我高。", "他身高 5’10”，比我高。"),  # feet and inches after digits
    ("屏幕 3” 宽。", "屏幕 3” 宽。"),
    ("“他身高5’10””", "「他身高5’10”」"),  # the inch mark, then the quotation's close
    ("她写道‘the students’ union’很重要。", "她写道『the students’ union』很重要。"),  # closed at students’
    ("她写道『the students’ union』很重要。", "她写道『the students’ union』很重要。"),  # as paiban check reads it
    ("剧本‘Hamlets’ 和‘Macbeth’。", "剧本『Hamlets』 和『Macbeth』。"),  # a ‘ opens before another ’
    ("他说“第3”。", "他说「第3」。"),  # a “ is open: the ” after the digit closes it
])
def test_apostrophes_and_primes_are_not_quotes(text, expected):
    """A ’ beside a word is an apostrophe (’n’, students’) unless a ‘ is open for it to close;
    one starting a word after a space, the ’n’ of rock ’n’ roll, or a plural's possessive before
    a word with the quotation's ’ still to come (‘the students’ union’), is one even then. A ” after
    a digit is a double prime (inches) unless a “ is open for it to close."""
    assert set_quotes(text, "corner") == expected


def test_a_quote_pairs_across_the_markup_of_its_paragraph_and_no_further():
    """‘<strong>经典</strong> Hamlet’: the ’ closes the ‘ of another text of the paragraph; a ‘ left
    open in one list item closes nothing in the next; code keeps its marks."""
    from paiban.convert import _typeset_in
    from paiban.xhtml import edit

    body = ('<p>剧本‘<strong>经典</strong> Hamlet’。<code>‘x’</code></p>'
            '<ul><li>‘未完</li><li>students’ union</li></ul><img src="a.png" alt="“图”"/>')
    assert edit(body, lambda root: _typeset_in(root, "corner", "keep", "zh-Hans")) == (
        '<p>剧本『<strong>经典</strong> Hamlet』。<code>‘x’</code></p>'
        '<ul><li>『未完</li><li>students’ union</li></ul><img src="a.png" alt="「图」"/>')


@pytest.mark.parametrize(("texts", "kept", "expected"), [
    (['他说"用 ', ' 提交"。'], (), ["他说“用 ", " 提交”。"]),  # around code, left out of the texts
    (['他说"用', "粗体", '提交"。'], (), ["他说“用", "粗体", "提交”。"]),
    (["他用", ' "commit" 了'], (), ["他用", " “commit”了"]),  # a text's edge is no Chinese: its space stays
    (['他说"', "OK", '" to me'], (), ['他说"', "OK", '" to me']),  # Latin outside on one side: straight
    (['他说"用', '原"话', '提交"好"。'], {1}, ['他说"用', '原"话', "提交“好”。"]),
    (["官网(", ")很好。"], (), ["官网（", "）很好。"]),  # around a link showing its address, left out
    (["他说(", "重要", ")好"], (), ["他说（", "重要", "）好"]),
    (["他说(", "原)话", "好"], {1}, ["他说(", "原)话", "好"]),
    (["佢話", "係", "(hai6)!"], (), ["佢話", "係", "（hai6）!"]),  # a gloss after an emphasised word
    (["佢話", "ruby", "(ge3)"], (), ["佢話", "ruby", "(ge3)"]),  # after a Latin word, Latin inside: stays
    (["他说 “", "好", "” 了"], (), ["他说“", "好", "”了"]),  # curly, typed with spaces
    (["He said “", "OK", "” to me"], (), ["He said “", "OK", "” to me"]),
])
def test_a_pair_of_marks_is_mended_across_the_markup_of_its_paragraph(texts, kept, expected):
    """他说"用 `git commit` 提交" and 他说"用**粗体**提交" kept their straight quotes in every edition
    (and no 「」 in a corner one): each text was mended alone, and held one mark of the pair. A
    quotation one of whose marks is in text kept as written stays straight (the next pairs on)."""
    assert pair_marks_across(texts, kept) == expected


@pytest.mark.parametrize(("texts", "kept", "expected"), [
    (["", "我", "", "们", "...", "走", "", "吧", "!"], (), ["", "我", "", "们", "……", "走", "", "吧", "！"]),
    (["", "好", ",", "走", "?"], (), ["", "好", "，", "走", "？"]),
    (["我们", "...", "go"], {0}, ["我们", "...", "go"]),  # beside text kept as written: read alone
    (["She said", "...", "and left."], (), ["She said", "...", "and left."]),  # in a Latin sentence
])
def test_a_mark_between_rubies_is_mended_as_the_chinese_beside_it_has_it(texts, kept, expected):
    """With a reading on every character (a run of a ruby's bases), each mark is a text alone: read
    so, 我们...走吧! kept its ... and ! half-width where the same text without ruby had ……！."""
    assert normalise_across(texts, kept) == expected


@pytest.mark.parametrize(("texts", "kept", "expected"), [
    (["小贴士：", " 如果"], (), ["小贴士：", "如果"]),  # **小贴士：** 如果
    (["小贴士： ", "如果"], (), ["小贴士：", "如果"]),  # a Word bold run with its space
    (["他说：", "“", "好”"], (), ["他说：", "“", "好”"]),  # nothing to drop
    (["注意：", "  性别"], (), ["注意：", "  性别"]),  # a run of spaces is a blank to write in
    (["Note:", " 如果"], (), ["Note:", " 如果"]),  # a half-width mark's space is Latin text's
    (["小贴士：", " 如果"], {1}, ["小贴士：", " 如果"]),  # kept as written
    (["用法：", "a：", " 即可"], {1}, ["用法：", "a：", " 即可"]),  # the mark is the kept code's
])
def test_a_space_after_a_full_width_mark_goes_across_the_markup_of_its_paragraph(texts, kept, expected):
    """**小贴士：** 如果 kept the space after the bold colon, a gap of one and a half ems, where
    小贴士： 如果 lost it: each text was mended alone, and the space was no text's after the mark."""
    assert drop_spaces_after_marks_across(texts, kept) == expected


@pytest.mark.parametrize(("texts", "kept", "expected"), [
    (["问：", "最后一个问题——\n", "答：", "您问吧。"], (), ["问：", "最后一个问题——", "答：", "您问吧。"]),
    (["问：", " \n最后"], (), ["问：", "最后"]),  # **问：**⏎最后
    (["最后", "问题 ", "\n答。"], (), ["最后", "问题", "答。"]),  # the spaces around it in two texts
    (["Bold", "\n", "words"], (), ["Bold", "\n", "words"]),  # Latin text's word space
    (["运行\n", "中文"], {1}, ["运行", "中文"]),  # kept text's Chinese is Chinese
    (["臺灣\n", "是"], {0}, ["臺灣\n", "是"]),  # a break in kept text stays
    (["到家了 ", "@小橘子", "\n你到家没"], (), ["到家了 ", "@小橘子", " 你到家没"]),  # the space ending a name
    (["@小橘子 ", "\n你"], (), ["@小橘子 ", "你"]),  # a space over the edge: in the first text
])
def test_a_line_break_between_chinese_characters_goes_across_the_markup_of_its_run(texts, kept, expected):
    """最后一个问题——⏎**答：**您问吧 printed a space before 答, where the same lines without the
    bold were joined: each text was mended alone, and the break was at one's edge."""
    assert drop_soft_breaks_across(texts, kept) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("… and “stewards”\n“of the water” here.", "… and “stewards”\n“of the water” here."),
    ("他说：\n“好。”", "他说：“好。”"),
])
def test_a_line_break_between_marks_latin_text_uses_too_stays(text, expected):
    """“ ” … — are Chinese marks and Latin ones: a break between two of them joined two English words."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("mode", "expected"), [
    ("keep", "用paiban排 3 本书"), ("add", "用 paiban 排 3 本书"), ("remove", "用paiban排3本书")])
def test_spacing_modes(mode, expected):
    assert set_spacing("用paiban排 3 本书", mode) == expected


@pytest.mark.parametrize(("mode", "text", "expected"), [
    ("add", "来自Ærø岛，喝一杯café再走，读Zoë的书，见过Łódź", "来自 Ærø 岛，喝一杯 café 再走，读 Zoë 的书，见过 Łódź"),
    ("remove", "来自 Ærø 岛，喝 café 再走，读 Zoë 的书，见过 Łódź", "来自Ærø岛，喝café再走，读Zoë的书，见过Łódź"),
    ("add", "去Huế看，喝cafe\u0301再走", "去 Huế 看，喝 cafe\u0301 再走"),  # Vietnamese; a decomposed é
    ("add", "长×宽×高", "长×宽×高"),  # × sits among Latin-1's letters, and is none
])
def test_spacing_counts_an_accented_latin_letter_as_latin(mode, text, expected):
    """``spacing`` spaced a side of café, Zoë only where an unaccented letter stood (喝一杯 café再走),
    and neither of Ærø or Łódź."""
    assert set_spacing(text, mode) == expected


@pytest.mark.parametrize("text", [
    "The characters 山 and 水 are common in names.",
    "他说：“I visited 北京 and 上海 last year.”",
])
def test_removing_spaces_leaves_the_word_spaces_of_a_latin_sentence(text):
    """``spacing = "remove"`` ran the words of an English sentence together (The characters山and水are
    common in names.): a space there parts words, as the punctuation rules know a Latin sentence."""
    assert set_spacing(text, "remove") == text


@pytest.mark.parametrize(("mode", "texts", "fixed", "expected"), [
    ("add", ["使用", "Python", "编写"], (), ["使用 ", "Python", " 编写"]),
    ("add", ["输入", "ls", "命令"], {1}, ["输入 ", "ls", " 命令"]),
    ("add", ["用", "", "Python"], (), ["用 ", "", "Python"]),  # the outermost of the texts at the edge
    ("add", ["", "用ls", ""], {1}, ["", "用ls", ""]),  # nothing inside code
    ("add", ["访问", "https://a.b/c", "了解"], {1}, ["访问", "https://a.b/c", "了解"]),  # nor beside a URL, as in text
    ("remove", ["运行 ", "echo", " 命令"], {1}, ["运行", "echo", "命令"]),
    ("remove", ["用", " ls ", "了"], {1}, ["用", " ls ", "了"]),  # code's own spaces stay
    ("remove", ["The characters ", "山", " and 水 are common."], (), ["The characters ", "山", " and 水 are common."]),
    # code ending in a mark is one word still: its space before went, the one after stayed
    ("remove", ["代码示例 ", 'print("hello")', " 会输出"], {1}, ["代码示例", 'print("hello")', "会输出"]),
    ("add", ["调用", "foo(bar)", "即可"], {1}, ["调用 ", "foo(bar)", " 即可"]),
    ("remove", ["请访问 ", "https://example.com/(test)", " 查看"], {1},
     ["请访问 ", "https://example.com/(test)", " 查看"]),  # beside a URL, as in add
])
def test_spacing_is_set_across_the_markup_of_a_paragraph(mode, texts, fixed, expected):
    """使用**Python**编写, 输入`ls`命令 kept no space beside Python and ls with ``spacing = "add"``, and
    ``remove`` left 运行 `echo` 命令 spaced: each text was spaced alone, and Latin text that started or
    ended an element had no Chinese beside it. The depths say which text is outside the element."""
    depths = [1, 2, 1] if len(texts) == 3 and texts[1] != "" else [1, 2, 2]
    assert set_spacing_across(texts, mode, fixed, depths) == expected


def test_removing_spaces_still_closes_up_latin_words_in_a_chinese_sentence():
    """A URL is no words of its sentence: https://example.com, two Latin words, made the next a Latin one.
    The spaces beside the URL stay, where a reader tells it from the text (none is added there either)."""
    assert set_spacing("我们用 Python 和 Go 写代码，用 Visual Studio Code 编辑。", "remove") == (
        "我们用Python和Go写代码，用Visual Studio Code编辑。")
    assert set_spacing("访问 https://example.com 了解 Go 语言。", "remove") == "访问 https://example.com 了解Go语言。"


@pytest.mark.parametrize(("text", "expected"), [
    ("编辑在这里按了回车换行\n然后继续写", "编辑在这里按了回车换行然后继续写"),
    ("他说：\n  “好。”", "他说：“好。”"),
    ("中文\nEnglish words\n中文", "中文\nEnglish words\n中文"),
    ("\n", "\n"),
    ("转发给 @小橘子\n你看看", "转发给 @小橘子 你看看"),  # the space that ends a name, as on Weibo
    ("转发给@小橘子，\n你看看", "转发给@小橘子，你看看"),  # a mark ends it
    ("邮件a@b.cn已发\n你看看", "邮件a@b.cn已发你看看"),  # no name before the break
])
def test_a_line_break_between_chinese_characters_goes(text, expected):
    """Shown as a space, which Chinese text has none of (a Markdown soft break, a wrapped HTML source)."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("甲乙丙。\n2 主说丁。", "甲乙丙。2 主说丁。"),
    ("去年如此。\n2024年亦然。", "去年如此。2024年亦然。"),
    ("他说： \nHello.", "他说：Hello."),
    ("甲乙丙。\n", "甲乙丙。"),  # before the element after the text (甲乙丙。⏎<sup>2</sup>)
    ("Note:\n2 items", "Note:\n2 items"),  # a half-width mark's break is Latin text's word space
])
def test_a_line_break_after_a_full_width_mark_goes_as_a_space_typed_there_does(text, expected):
    """甲乙丙。⏎2 主说丁。 printed 甲乙丙。 2 主说丁。, a gap of one and a half ems after the 。 (its own
    blank and a space), where a space typed after it went: the break went only before a Chinese character."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("凝心聚力抓落实 砥砺奋进启新程", "凝心聚力抓落实　砥砺奋进启新程"),
    ("第一章 总则", "第一章　总则"),
    ("标题,副题", "标题，副题"),
    ("paiban 是什么", "paiban 是什么"),
    ("Python 3.12 发布", "Python 3.12 发布"),
])
def test_a_headlines_phrases_are_parted_by_a_full_width_space(title, expected):
    assert headline(title) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("山路很长 , 我们走了三个小时 . 到了山顶 , 天亮了 !", "山路很长，我们走了三个小时。到了山顶，天亮了！"),
    ("很长, 我们", "很长，我们"),
    ("他说 : “走吧”", "他说：“走吧”"),
    ("“走吧” , 他说", "“走吧”，他说"),
    ("价格 3.5 元 , 共 1,000 个", "价格 3.5 元，共 1,000 个"),
    ("我半信半疑 – 其实", "我半信半疑——其实"),  # Word's dash for a typed " - "
    ("我半信半疑 — 其实", "我半信半疑——其实"),
    ("好 —— 走", "好——走"),
    ("心里没底. . .", "心里没底……"),
    ("心里没底 . . . 其实", "心里没底……其实"),
    ("这是'单引号'，还有英文的it's。", "这是‘单引号’，还有英文的it's。"),
    ("it's 好'的'", "it's 好‘的’"),
])
def test_marks_set_off_by_spaces_in_chinese_lose_the_spaces_and_become_full_width(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("他读过 O’Neill – 一位剧作家 – 的作品。", "他读过 O’Neill——一位剧作家——的作品。"),  # – 一位剧作家——的
    ("他读过 Hemingway—一位作家—的作品。", "他读过 Hemingway——一位作家——的作品。"),
    ("他的作品 – 比如 Hamlet – 很有名。", "他的作品——比如 Hamlet——很有名。"),  # the aside ends in Latin
    ("I read Hemingway — 一位作家 — and Faulkner in the summer.",  # a Latin sentence's
     "I read Hemingway — 一位作家 — and Faulkner in the summer."),
    ("see Hemingway–上海", "see Hemingway–上海"),  # no pair: a range
])
def test_a_pair_of_dashes_around_a_chinese_aside_after_a_latin_word_is_made_alike(text, expected):
    """The dash beside the Latin word stayed as written and its partner between Chinese characters
    became ——: one aside, two dashes."""
    assert normalise(text) == expected


@pytest.mark.parametrize("text", [
    "他说 OK , 然后",  # Latin beside the mark: left for paiban check to show
    "Hello , world .",
    "He wrote 山 , 水 and 火 in ink.",  # a Latin sentence
    "He said 好 — then left",
    "约翰.史密斯",  # a . for the name's ·
    "北京–上海",  # a range
    "see 北京 - 上海",
    "Wait. . . what",
    "Rock 'n' roll",
    "say 'hi' to 她",
    "3 . 5",
])
def test_spaced_marks_beside_latin_numbers_or_in_latin_sentences_are_left_alone(text):
    assert normalise(text) == text


def test_single_quotes_made_curly_take_the_editions_corner_style():
    assert set_quotes(normalise("这是'单引号'。"), "corner") == "这是『单引号』。"


@pytest.mark.parametrize(("text", "expected"), [
    ("f''(x) 是二阶导数，g''(x) 也是", "f''(x) 是二阶导数，g''(x) 也是"),  # primes, not a quote from one to the next
    ("角度 30'' 和 45''", "角度 30'' 和 45''"),
    ("用 '' 表示空字符串，用 '中' 表示汉字", "用 '' 表示空字符串，用‘中’表示汉字"),
    ("这是'单引号'", "这是‘单引号’"),
    ("Rock 'n' roll", "Rock 'n' roll"),
    ("选项有'甲''乙'两个.", "选项有‘甲’‘乙’两个."),  # quotations side by side (were left straight)
    ("所谓'三农''四化'", "所谓‘三农’‘四化’"),
    ("角度是30''的'甲'", "角度是30''的‘甲’"),
    ("f''(x) 即'二阶导数'", "f''(x) 即‘二阶导数’"),
])
def test_doubled_primes_are_no_straight_single_quotes(text, expected):
    assert normalise(text) == expected


def test_a_stray_closing_single_quote_closes_no_double_quote():
    """A ’ with no ‘ open counted as the close of the open “, so the ” after 27 became an inch mark."""
    stray, without = "“他说：好’，他买了27”的显示器”", "“他说：好，他买了27”的显示器”"
    assert set_quotes(stray, "corner") == "「他说：好』，他买了27」的显示器」"
    assert set_quotes(without, "corner") == "「他说：好，他买了27」的显示器」"


@pytest.mark.parametrize(("text", "expected"), [
    ('他說 "你好" 然後走了。', "他說“你好”然後走了。"),  # the spaces stayed beside the full-width marks
    ("他说 '好' 然后", "他说‘好’然后"),
    ('他说 "你好" to me', "他说“你好” to me"),  # a Latin side keeps its space
    ('I said "你好" to him', "I said “你好” to him"),
    ('他说 "OK" 了', "他说“OK”了"),  # Latin quoted in Chinese text: Chinese quotes (were left straight)
    ('"OK" 他说', "“OK”他说"),
    ("他用 'a' 和 'b'", "他用‘a’和‘b’"),
    ('He said "OK" 了', 'He said "OK" 了'),  # Latin text on one side: left as written
    ('他说 "OK", 然后', '他说 "OK", 然后'),
    ('他说 "" 了', '他说 "" 了'),
])
def test_spaces_between_chinese_text_and_a_straight_quotation_go_with_its_conversion(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("他说 “OK” 了，后来写成了 “The river does not remember the boat.”",
     "他说“OK”了，后来写成了“The river does not remember the boat.”"),
    ("他說 “你好” 然後走了。", "他說“你好”然後走了。"),
    ("他说 “你好” to me", "他说“你好” to me"),  # a Latin side keeps its space
    ("He said “OK” 了", "He said “OK” 了"),  # Latin text on one side: left as written
    ("He said “OK” to me.", "He said “OK” to me."),
])
def test_spaces_between_chinese_text_and_a_curly_quotation_go_as_beside_a_straight_one(text, expected):
    """他说 “OK” 了, typed with an input method's curly quotes, kept the spaces beside the full-width
    marks, holes in print, where 他说 "OK" 了 was printed 他说“OK”了."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('他说:"OK"然后走了。', "他说：“OK”然后走了。"),  # the colon was made full width, the quotes left straight
    ('他说:"Hello, world!"然后', "他说：“Hello, world!”然后"),
    ('老师问:"What is your name?"学生们', "老师问：“What is your name?”学生们"),
    ('书名叫"The Old Man and the Sea",很有名', "书名叫“The Old Man and the Sea”，很有名"),
    ("他说:'OK'然后", "他说：‘OK’然后"),
    ('He said: "OK" and left.', 'He said: "OK" and left.'),
    ('他说 "OK", 然后', '他说 "OK", 然后'),  # the comma set off by a space: no mark made full width
    ('He wrote 山, "shan" and 水.', 'He wrote 山, "shan" and 水.'),
])
def test_a_latin_mark_made_full_width_beside_a_quotation_is_chinese_text_beside_it(text, expected):
    assert normalise(text) == expected


def test_a_quotation_after_a_mark_made_full_width_takes_the_corner_style():
    assert set_quotes(normalise('他說:"OK"然後走了。'), "corner") == "他說：「OK」然後走了。"


@pytest.mark.parametrize(("text", "expected"), [
    ("他说 OK ,然后走了。", "他说 OK，然后走了。"),  # the comma was made full width, the space before it kept
    ("版本是 2.0 ,请更新。", "版本是 2.0，请更新。"),
    ("请发到 a@b.com ,谢谢。", "请发到 a@b.com，谢谢。"),
    ("网址是 https://example.com/a ,请访问。", "网址是 https://example.com/a，请访问。"),
    ("用 iOS ;安卓", "用 iOS；安卓"),
])
def test_the_spaces_before_a_mark_made_full_width_before_chinese_go(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("出版于示例出版社, 2024年第1版。", "出版于示例出版社，2024年第1版。"),  # the space typed after the comma kept
    ("你好， 世界", "你好，世界"), ("我们到了。 Then we left.", "我们到了。Then we left."),
    ("The characters 山, 水 and 人", "The characters 山, 水 and 人"),  # a Latin sentence's comma and space
    ("开心:) 好", "开心:) 好"),  # an emoticon's marks stay as typed, its space too
    ("2024年回顾 (上)", "2024年回顾（上）"), ("他写了 《史记》", "他写了《史记》"),  # and before a full-width bracket
    ("版本 (v2)", "版本 (v2)"), ("Hello （世界）", "Hello （世界）"),
    ("姓名：    性别：", "姓名：    性别："),  # a form's blank, spaces typed to write in
])
def test_the_spaces_after_a_full_width_mark_or_before_a_bracket_go(text, expected):
    """A full-width mark has its own blank: a space beside it made a gap of one and a half ems."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("常住人口\n: 指在本地居住半年以上的人口。", "常住人口：指在本地居住半年以上的人口。"),
    ("他说\n, 好的", "他说，好的"), ("Hello\n: world", "Hello\n: world"),
])
def test_a_mark_opening_a_line_after_chinese_is_set_off_as_by_a_space(text, expected):
    """A definition list's term, then ": 定义" on the next line (Markdown's soft break), printed 常住人口 : 指…."""
    assert normalise(text) == expected


def test_a_long_run_of_spaces_before_a_mark_is_not_read_again_from_each_space():
    assert normalise("a" + " " * 200_000 + ",中") == "a，中"


def test_a_spaced_straight_quotation_takes_the_corner_style_without_its_spaces():
    assert set_quotes(normalise('他說 "你好" 然後走了。'), "corner") == "他說「你好」然後走了。"


@pytest.mark.parametrize(("text", "expected"), [
    ("他说'好' , 然后", "他说‘好’，然后"),  # the comma stayed half-width after a single quote
    ("他说 , '好'", "他说，‘好’"),
    ("山路很长 , 我们", "山路很长，我们"),
    ("Parents’ , 我们", "Parents’ , 我们"),  # after a Latin word's apostrophe
])
def test_a_spaced_mark_beside_a_single_quote_is_in_chinese_text(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("开心:)", "开心:)"),  # became 开心：)
    ("好的:-)我们", "好的:-)我们"),
    ("眨眼;)", "眨眼;)"),
    ("唉:( 他说(笑)", "唉:( 他说（笑）"),
    ("开心:-D", "开心:-D"),
    ("他说:(笑)", "他说：（笑）"),  # a parenthesis, closed
    ("他说:(这是一个\n测试)好的", "他说：（这是一个测试）好的"),  # closed on the next line
    ("他说:(笑(大笑))你真逗", "他说：（笑（大笑））你真逗"),  # closed after a nested one
    ("(北京;)上海", "（北京；）上海"),  # the ) closes an earlier (
    ("唉:( 开心:)", "唉:( 开心:)"),  # a face's ) closes no face's (
    ("答案:D", "答案：D"),  # an answer, not :D
    ("注意:Python", "注意：Python"),
    ("他说:好", "他说：好"),
])
def test_an_emoticon_after_chinese_keeps_its_colon(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("好开心(^_^)今天放假", "好开心(^_^)今天放假"),  # became （^_^）
    ("哈哈(｡･ω･｡)好萌", "哈哈(｡･ω･｡)好萌"),
    ("无语(－_－)算了", "无语(－_－)算了"),
    ("我哭了(T_T)真的", "我哭了(T_T)真的"),
    ("今天(;_;)好难", "今天(;_;)好难"),  # its ; no separator
    ("累死了_(:з」∠)_躺平", "累死了_(:з」∠)_躺平"),
    ("他说(好累(^_^)真的)", "他说（好累(^_^)真的）"),  # a face in an aside
    ("温度(°C)很高", "温度（°C）很高"),  # a unit, an omission, a formula, a gloss, a sign: no faces
    ("速度(m/s)很快", "速度（m/s）很快"),
    ("面积(m²)", "面积（m²）"),
    ("他说(...)然后", "他说（...）然后"),
    ("公式(a+b=c)成立", "公式（a+b=c）成立"),
    ("动画(アニメ)很好", "动画（アニメ）很好"),
    ("误差(+/-)很小", "误差（+/-）很小"),
    ("评分(★★★)不错", "评分（★★★）不错"),
    ("哭了(ToT)", "哭了（ToT）"),
    ("我哭了( T_T )真的", "我哭了( T_T )真的"),
    # A sign between spaces, a lab result's or an answer's, is no face: ( + ) and ( × ) stayed half width
    # beside a widened ( - ).
    ("尿蛋白( + )，尿糖( - )，隐血( ± )。", "尿蛋白（ + ），尿糖（ - ），隐血（ ± ）。"),
    ("太阳绕地球转( × )，月亮绕地球转( √ )。", "太阳绕地球转（ × ），月亮绕地球转（ √ ）。"),
])
def test_a_kaomoji_after_chinese_keeps_its_half_width_brackets(text, expected):
    """A face typed in half-width brackets after Chinese was taken for an aside, and widened."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "style", "expected"), [
    ("累死了_(:з」∠)_躺平", "curly", "累死了_(:з」∠)_躺平"),  # became _(:з”∠)_
    ("他说「好累_(:з」∠)_」", "curly", "他说“好累_(:з」∠)_”"),  # the quotation around it still paired
    ("「好」(°」°)", "curly", "“好”(°」°)"),
])
def test_a_kaomojis_quote_mark_is_no_quotation_mark(text, style, expected):
    assert set_quotes(text, style) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("按Ctrl+,打开设置。", "按Ctrl+,打开设置。"),  # became Ctrl+，
    ("按Ctrl+?打开帮助。", "按Ctrl+?打开帮助。"),
    ("按Ctrl+Shift+;切换", "按Ctrl+Shift+;切换"),
    ("按⌘+,打开偏好设置。", "按⌘+,打开偏好设置。"),
    ("按⌘,打开偏好设置。", "按⌘,打开偏好设置。"),
    ("成绩A+,排名第一", "成绩A+，排名第一"),  # a grade, no key
    ("已有10+,还在增加", "已有10+，还在增加"),
    ("学C++,很难", "学C++，很难"),
])
def test_a_shortcuts_key_typed_without_spaces_stays_half_width(text, expected):
    """Help text leaves out the spaces around a shortcut: its key was made a mark no keyboard has."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("青鸟已发布。:rocket: 欢迎试用:tada:", "青鸟已发布。:rocket: 欢迎试用:tada:"),
    ("完成:white_check_mark:，失败:x:", "完成:white_check_mark:，失败:x:"),
    ("试用:tada:欢迎", "试用:tada:欢迎"),  # the closing colon before Chinese too
    ("好评:+1:谢谢", "好评:+1:谢谢"),
    ("时间:10:30开始", "时间：10:30开始"),  # a time, no shortcode
    ("比分:3:2", "比分：3:2"),
    ("格式:key:value，然后", "格式：key:value，然后"),
    ("发布。:rocket:欢迎\n:bug:修复登录", "发布。:rocket:欢迎\n:bug:修复登录"),  # a sentence's, a line's first
])
def test_an_emoji_shortcode_after_chinese_keeps_both_its_colons(text, expected):
    """青鸟已发布。:rocket: became 青鸟已发布。：rocket:, its first colon taken for a separator."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("单位:cm:厘米", "单位：cm：厘米"),
    ("步骤:init:初始化仓库", "步骤：init：初始化仓库"),
    ("她说:ok:我们走吧", "她说：ok：我们走吧"),
    ("写dict[key]:value:就行", "写dict[key]:value：就行"),
])
def test_a_term_between_a_label_and_its_explanation_is_no_emoji_shortcode(text, expected):
    """A label, a colon, an English term, a colon and what it means (单位:cm:厘米) kept both
    colons half width, the term taken for an emoji's shortcode."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He wrote 山 , 水 and 火.", "He wrote 山 , 水 and 火."),  # 山 and 水 counted as its Chinese
    ("I visited 北京 , 上海 and 广州.", "I visited 北京 , 上海 and 广州."),  # 北京 counted as two words
    ("I love 北京 , 上海 and Tokyo.", "I love 北京 , 上海 and Tokyo."),
    ("山路很长 , 我们走了三个小时", "山路很长，我们走了三个小时"),
    ("我去了北京 , 上海和 Tokyo", "我去了北京，上海和 Tokyo"),
    ("The Beatles 和 Rolling Stones 都是 British Invasion 的代表 , 影响深远。",  # six Latin words to four runs of Han
     "The Beatles 和 Rolling Stones 都是 British Invasion 的代表，影响深远。"),
    ("在 Google I/O 上 , Sundar Pichai 宣布了 Gemini 模型 . 大家很兴奋。",  # the , has Sundar beside it: left
     "在 Google I/O 上 , Sundar Pichai 宣布了 Gemini 模型。大家很兴奋。"),
    ("这是 New York Times 的报道——Trump 赢了 , 引发热议。", "这是 New York Times 的报道——Trump 赢了，引发热议。"),
])
def test_a_latin_sentence_is_told_by_its_words_not_by_the_two_a_mark_parts(text, expected):
    """A Chinese word is two Han characters of a run, a name of capitalised Latin words one word,
    and the words either side of the mark are not its sentence: the mark stands beside Chinese
    whatever the sentence is."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She said “Wait . . .” and left.", "She said “Wait . . .” and left."),  # became “Wait ……”
    ("She said “Wait...” and left.", "She said “Wait...” and left."),  # became “Wait……”
    ("“I don’t know . . .” 他说", "“I don’t know . . .”他说"),  # its space goes, as beside "…" 他说
    ("He wrote 山 ... and then 水 in English.", "He wrote 山 ... and then 水 in English."),  # 山……
    ("Wait... 什么", "Wait... 什么"),  # Wait……什么
    ("心里没底. . .", "心里没底……"),
    ("心里没底 . . . 其实", "心里没底……其实"),
    ("嗯 . . .", "嗯……"),
    ("他说“好...”", "他说“好……”"),
    ("他说 \"Wait...\" 然后走了。", "他说“Wait...”然后走了。"),  # became “Wait……”: the word's dots
    ("他说“OK…”", "他说“OK…”"), ("等到2009...”", "等到2009……”"),
    ("他说：“我需要A、B、C...”然后", "他说：“我需要A、B、C……”然后"),  # stayed ...: the quotation is Chinese
    ("“我们用的是Python...”他顿了顿。", "“我们用的是Python……”他顿了顿。"),
    ("“好”，他说“Wait...”", "“好”，他说“Wait...”"),  # the nearest opening quote is the quotation's
    ("OK...我们走吧", "OK……我们走吧"),
    ("我想了想 ... “好吧”", "我想了想……“好吧”"),  # a quote mark after the spaced dots was no Chinese
    ("他想了想 . . . “好吧,就这样。”", "他想了想……“好吧，就这样。”"),
    ("结果是 ... 42.", "结果是…… 42."),  # the spaces on the side of Chinese go
    ("她说 ... OK.", "她说…… OK."),
    ("他在 GitHub 上提交了 pull request ... 但没人理他.", "他在 GitHub 上提交了 pull request ……但没人理他."),
    ("“等等 ...”他说.", "“等等……”他说."),  # became “等等 ……”
    ("“好吧” ... 然后", "“好吧”……然后"),
])
def test_an_ellipsis_in_latin_text_is_left_as_written(text, expected):
    """Dots become …… only beside Chinese and not in a Latin sentence; a quote mark or a space
    is no Chinese beside the spaced forms, but an opening mark after them or a closing one before
    them is, and the spaces on a Chinese side go with the dots. Dots after a Latin letter are the
    word's unless a Chinese character touches them: a quote mark after them was taken for Chinese
    text, and 他说 "Wait..." 然后 printed “Wait……”. A closing quote after them is the quotation's,
    Chinese when it holds Chinese: “我们用的是Python...” kept its dots."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("变量 a='张三' 和 b=\"李四\"", "变量 a='张三' 和 b=\"李四\""),  # became a=‘张三’ and b=“李四”
    ("设置name=\"张三\"后再说\"好\"", "设置name=\"张三\"后再说“好”"),  # its closing quote opens nothing
    ("他说=\"好\"，'甲'", "他说=“好”，‘甲’"),  # no identifier before the =: a quotation
])
def test_a_string_assigned_in_code_keeps_its_straight_quotes(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("他说(笑(大笑))好", "他说（笑（大笑））好"),  # became 他说(笑（大笑）)好: only the innermost pair
    ("(见第3章(上))", "（见第3章（上））"),
    ("公式 (a+(b*c)) 不变", "公式 (a+(b*c)) 不变"),  # no Chinese inside or before: Latin text's
    ("见(a (b) 中)", "见（a (b) 中）"),
])
def test_nested_parentheses_in_chinese_all_become_full_width(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("连接件(3a)与侧板 (2) 相连，弹簧 (32) 与支架 (3-1) 及底板 (A)。",
     "连接件（3a）与侧板（2）相连，弹簧（32）与支架（3-1）及底板（A）。"),
    ("铰接轴 （4） 穿过底板（1） 上的通孔", "铰接轴（4）穿过底板（1）上的通孔"),  # the space after （4） stayed
    ("版本 (v2)", "版本 (v2)"), ("公式 (a+(b*c)) 不变", "公式 (a+(b*c)) 不变"),  # no Chinese after it; a formula
    ("I visited 北京 (B1) 和 上海 (S2) in the summer.", "I visited 北京 (B1) 和 上海 (S2) in the summer."),
])
def test_a_word_in_brackets_set_off_by_spaces_between_chinese_becomes_full_width(text, expected):
    """A patent's reference numeral typed with spaces, 连接件 (3a) 与, stayed half width with its spaces
    beside 连接件（3a） typed without, and the space typed after a full-width ） stayed: 铰接轴（4） 穿过."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"青石桥"(Qingshi Bridge)建于1723年', "“青石桥”（Qingshi Bridge）建于1723年"),
    ("《红楼梦》(Dream of the Red Chamber)是名著", "《红楼梦》（Dream of the Red Chamber）是名著"),
    ('They called it "home"(house) today.', 'They called it "home"(house) today.'),  # a Latin quotation's
])
def test_parentheses_right_after_a_chinese_quotation_or_title_become_full_width(text, expected):
    """“青石桥”(Qingshi Bridge)建于 kept its ( ): a pair with Latin inside became full width only
    right after a Han character, not after the quotation's ” (and paiban check asked for a ） alone)."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("根據第5(1)條及第2條第(1)款，以及第2條(a)段、附表1第3(a)段",  # became 第（1）款 and 第2條（a）段
     "根據第5(1)條及第2條第(1)款，以及第2條(a)段、附表1第3(a)段"),
    ("第7(2)(b)(ii)條、第2A(1)條、第(iii)節", "第7(2)(b)(ii)條、第2A(1)條、第(iii)節"),
    ("依据第2条(a)、(b)及(c)段", "依据第2条(a)、(b)及(c)段"),  # a list of labels, before its 段
    ("第(1)款(a)段、第2條(A)、(B)及(C)段", "第(1)款(a)段、第2條(A)、(B)及(C)段"),
    ("这是(ii)项的说明", "这是(ii)项的说明"),
    ("根据第(1)款和(A)款、本条(a)项和(B)项", "根据第(1)款和(A)款、本条(a)项和(B)项"),  # printed 和（A）款
    ("(见第5(1)條)", "（见第5(1)條）"),  # an aside around a citation is still one
    ("第(一)项", "第（一）项"),  # Chinese in it: Chinese text's
    ("见图(a)", "见图（a）"),  # in no citation
])
def test_a_citations_bracketed_labels_stay_half_width(text, expected):
    """A label glued to a figure or 第 before it, or to 條 款 段 項 節 after it, is a label, half width
    as legislation writes it and as an item's label opening a paragraph is kept, (a): 第5(1)條 stayed
    while 第2條第(1)款 and 第2條(a)段 became 第（1）款 and 第2條（a）段, two ways in one sentence."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("公司启动了人工智能(AI)项目", "公司启动了人工智能（AI）项目"),  # stayed (AI) before 项目's 项
    ("第五代移动通信(5G)项目", "第五代移动通信（5G）项目"),
    ("新推出的加大(XL)款式", "新推出的加大（XL）款式"),
    ("甲方(A)和乙方(B)条款", "甲方（A）和乙方（B）条款"),  # printed 甲方（A）和乙方(B)条款
    ("“乙方”(B)条款", "“乙方”（B）条款"),
])
def test_an_abbreviation_in_brackets_after_chinese_before_a_word_like_a_citations_is_an_aside(text, expected):
    """人工智能(AI)项目 stayed half width, its (AI) taken for a citation's label before 项 (项目's):
    after Chinese, capitals in brackets are an abbreviation, a gloss, unless a citation's word comes
    before them too (第2條(A)段)."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("請致電(852) 2345 6789或(+852) 2345 6789", "請致電(852) 2345 6789或(+852) 2345 6789"),  # became （852） 2345
    ("电话(0571) 8888 8801、(0571)88888801或(+86) 21 1234 5678",
     "电话(0571) 8888 8801、(0571)88888801或(+86) 21 1234 5678"),
    ("请致电(0912)345-678联系我们", "请致电(0912)345-678联系我们"),  # a Taiwan mobile's, became （0912）
    ("建国(1949)年", "建国（1949）年"),  # no number after it
    ("根据沪府发(2023)12号文件", "根据沪府发（2023）12号文件"),  # a year, before a document's number
    ("订单号(2024) 5678已经发货", "订单号（2024）5678已经发货"),  # the space after its ） goes
    ("急救电话(120)3分钟内就接通了", "急救电话（120）3分钟内就接通了"),  # no number's seven figures after it
])
def test_a_telephone_numbers_code_in_brackets_stays_half_width(text, expected):
    """請致電(852) 2345 6789 printed （852） 2345 6789: its brackets made full width, the space typed
    after them stayed, a gap of one and a half ems between a number's code and its figures. A year
    before a document's number (沪府发(2023)12号) was taken for a code, and stayed half width."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I visited 北京市 , 上海市 and 广州.", "I visited 北京市 , 上海市 and 广州."),  # became 北京市，上海市
    ("We went to 北京市 , 上海市.", "We went to 北京市 , 上海市."),
    ("I visited 北京市 , 上海市 and 广州。", "I visited 北京市，上海市 and 广州。"),  # a Chinese full stop
    ("他用 Python 写 , 我用 Go 写.", "他用 Python 写，我用 Go 写."),  # names only, and begun in Chinese
])
def test_as_many_latin_words_as_chinese_are_a_latin_sentence_by_their_grammar(text, expected):
    """A tie of Latin and Chinese words (北京市 is a word parted by the mark and 北 one more) was
    Chinese; a sentence begun by a Latin word, ended by a Latin full stop and holding English
    function words is Latin."""
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("威廉．莎士比亞都是名人⋯⋯他停了一下──然後說", "威廉·莎士比亞都是名人……他停了一下——然後說"),
    ("喬治‧華盛頓", "喬治·華盛頓"),
    ("《紅樓夢．第一回》", "《紅樓夢·第一回》"),
    ("說到一半――」", "說到一半——」"),
    ("⋯⋯他說", "……他說"),
    ("syl‧la‧ble", "syl‧la‧ble"),  # a dictionary's hyphenation point
    ("1+2+⋯+n", "1+2+⋯+n"),  # mathematics' ellipsis
    ("３．１４", "３．１４"),  # a full-width decimal point
    ("────", "────"),  # a rule
])
def test_taiwan_marks_are_set_as_the_mainlands_only_in_chinese_text(text, expected):
    assert mainland_marks(text) == expected


@pytest.mark.parametrize("chart", [
    "暐承祖──┬──暐先發\n　　　　　　└──暐先榮\n暐承宗──────暐先貴",  # a 世系图: its lines, and one of them alone
    "├─暐澤民\n└─暐澤生",
    "甲──┼──乙",
    "╔══╗\n║甲──乙║",
])
def test_a_drawings_lines_beside_chinese_are_no_taiwan_dash(chart):
    """A t2s edition set a 世系图's ─ beside names as —, and its lines no longer met."""
    assert mainland_marks(chart) == chart


def test_taiwan_marks_are_set_across_a_paragraphs_markup_but_not_in_kept_text():
    assert mainland_marks_across(["《", "紅樓夢", "．第一回》"]) == ["《", "紅樓夢", "·第一回》"]
    assert mainland_marks_across(["喬治", "‧華盛頓"], kept={1}) == ["喬治", "‧華盛頓"]


@pytest.mark.parametrize("text", [
    "They called it “home”; it was not, and the “Old Guard”, as they were known, never came back.",
    "The books were the students’, not the teachers’: nobody argued. Was it “love”? Or “duty”!",
    "He paused… then, slowly—as if in pain—spoke.",
    "The characters 山, 水 and 人 are among the first a child learns.",
    "In Chinese, 家: home; 国: country; 人: person.",
    "Is it 真的? Yes!",
    "The 2008 Olympics (北京) were a turning point.",
    "My favourite line is “山不在高，有仙则名”, which my teacher loved.",
])
def test_a_latin_sentence_keeps_its_marks_beside_latin_quotes_and_chinese_words(text):
    """A mark after ” ’ … — (marks Chinese shares with Latin text) or touching a Chinese word was
    made full width in English (“home”； it was not, 山， 水, 真的？ Yes!, （北京）): the touching
    marks and brackets are now judged as the spaced ones are, and a Latin sentence keeps them."""
    assert normalise(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("他说“好”,然后", "他说“好”，然后"),
    ("他说“OK”,然后走了", "他说“OK”，然后走了"),  # a Latin word in a Chinese sentence
    ("我们用 Python 写代码:好", "我们用 Python 写代码：好"),
    ("他用了(Python 3 and Go)两种", "他用了（Python 3 and Go）两种"),  # Latin inside its brackets
    ("A组: 张三", "A组：张三"),  # a letter alone is no Latin sentence (the : stayed half-width, the space)
    ("A组 : 张三", "A组：张三"),
    ("打开a_b_c.txt,路径", "打开a_b_c.txt，路径"),  # a file's name is one word, not four
    # Between two Han characters a mark is Chinese typing whatever words come before (Latin sets a space
    # after it): the Latin words outnumbered the Chinese and kept the colon half-width.
    ("iOS and Android 用户:请注意", "iOS and Android 用户：请注意"),
    # A mark beside Chinese that no space follows is Chinese typing, however many Latin words come first:
    ("Docker Compose and Kubernetes 哪个更好?", "Docker Compose and Kubernetes 哪个更好？"),
    ("What is AI?人工智能是什么?", "What is AI？人工智能是什么？"),  # Latin sets a space after its ?
    ("He is a good man,是吧?", "He is a good man，是吧？"),
    ("Click the Start button,然后选择设置。", "Click the Start button，然后选择设置。"),
    ("参考 The Art of Computer Programming 一书(第一卷)。", "参考 The Art of Computer Programming 一书（第一卷）。"),
    ("Node.js and Deno 都是 JavaScript 运行时(runtime)。", "Node.js and Deno 都是 JavaScript 运行时（runtime）。"),
    ("Apple Watch and Apple Vision Pro 发布了!价格未公布", "Apple Watch and Apple Vision Pro 发布了！价格未公布"),
])
def test_marks_touching_chinese_in_a_chinese_sentence_with_latin_words_still_become_full_width(text, expected):
    assert normalise(text) == expected
