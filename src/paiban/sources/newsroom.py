"""What the lines of a scraped news page are: article text, page furniture, or metadata.

Copied news pages mix the article with what surrounds it on the site: share and print links,
QR-code prompts, editor credits, photo captions, lists of related stories, and lines giving
the date and the outlet. The furniture is dropped; the date, the outlet and the reporters
become the article's metadata, so they are shown once, where the theme puts them.

The patterns are written in Simplified characters. A page in Traditional script (來源,
責任編輯, 本報訊) is matched through its Simplified reading, and what is kept comes from its
own text.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import opencc
from .. import patterns
from ..numerals import numeral_value

# A person's name: two to four characters, or a transcribed one in parts joined by · (阿依古丽·买买提),
# tried first so that a metadata line's names, matched once and never again, take it whole.
NAME = r"(?:[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+|[\u4e00-\u9fff]{2,4})"
NAMES = rf"{NAME}(?:[ \u3000、/，,]+{NAME}){{0,3}}"
# A translated piece's writer is named with a country before the name: ［英］艾德温·柯林斯, [美]…, （法）…, 〔日〕….
_COUNTRY = r"[［\[〔【（(][\u4e00-\u9fff]{1,2}[］\]〕】）)]\s*"
_NAME_ALONE = patterns.compile(rf"(?:{_COUNTRY})?{NAME}")
# What a share bar offers: "分享到：微信 微博 QQ空间".
_SHARE_TO = (r"(?:微信|朋友圈|微博|新浪微博|腾讯微博|豆瓣|人人网|开心网|复制链接|更多"
             r"|(?i:QQ空间|QQ好友|QQ|Facebook|Twitter))")
# Who edited or checked the page: names, each perhaps with a staff code or a note, and perhaps
# another credit (责任编辑：王五 SF012, 编辑：张三 李四 审核：赵六, 责任编辑：王五（实习）). What
# is no list of names is the article's: a sentence (编辑：这项调整……？) or a subheading (校对：看不见的守门人).
_STAFF = rf"(?:{NAME}|[A-Za-z]+)(?:[ _]?[A-Za-z]{{0,4}}\d+)?(?:\s*[（(][\u4e00-\u9fff]{{1,4}}[）)])?"
_CREDITED = rf"(?:责任编辑|责编|编辑|校对|审核|监制)[:：]\s*{_STAFF}(?:[ \u3000、/，,]+{_STAFF}){{0,3}}"
_CREDIT = rf"[【\[(（]?{_CREDITED}(?:\s+{_CREDITED})*\s*[】\])）]?"
# A site's copyright footer: Copyright © 2024 示例日报, 示例日报社版权所有，侵权必究, 未经授权禁止转载,
# on a line with no quotation marks (“版权所有”四个字 is the article's) and no sentence's end
# (版权所有人有权……。). A Copyright or © line with Chinese in it ends in an owner or in the notice
# (Copyright 2024 之争 and © 这个符号的由来 are subheadings), and (c) alone opens a list's item
# ((c) 2019 Annual Report). The notice forbids copying (未经同意不得转让股份 is a rule of another
# kind), and 侵权必究 alone is as often the article's as not. Each part is a run of bounded length
# tried at one place: a long line, failing, costs no more than a short one.
_OWNER_OR_NOTICE = r"(?:社|报|网|台|站|刊|杂志|公司|集团|中心|传媒|媒体|版权所有|必究|转载|(?i:reserved)\.?)"
_COPYRIGHT = (r"(?:(?i:copyright)\s*(?:©|(?i:\(c\))|\d{4})|©\s*(?:\d{4}|[A-Za-z]))"
              rf"(?:[^。！？\u4e00-\u9fff]{{0,80}}|[^。！？]{{0,80}}{_OWNER_OR_NOTICE})")
_COPYING = (r"(?:转载|转贴|转发|复制|复印|翻印|摘编|摘录|镜像|刊登|刊用|下载"
            r"|(?:使用|传播)[^。！？，,；;]{0,6}(?:作品|内容|稿件|文章|图片|图文|视频|信息))")
_NOTICE = (r"未经[^。！？，,；;]{0,12}(?:授权|许可|同意)[^。！？；;]{0,12}(?:禁止|不得|严禁|请勿)"
           rf"[^。！？，,；;]{{0,8}}{_COPYING}[^。！？，,；;]{{0,30}}(?:[，,\s]*(?:侵权|违者|翻印|盗版)必究)?")
# A WeChat account's notice says first whose original the article is: 本文为晨风周刊原创，未经授权禁止转载.
_ORIGINAL = r"[^。！？，,；;]{0,24}原创[^。！？，,；;]{0,4}[，,；;\s]*"
_FOOTER = (r"(?=[^“”「」‘’\"]{0,160}$)"
           rf"(?:{_COPYRIGHT}|(?i:all rights reserved)[^。！？]{{0,80}}"
           rf"|[^。！？，,；;]{{0,20}}版权所有(?![者人权])[^。！？]{{0,80}}|(?:{_ORIGINAL})?{_NOTICE})")
# A page's bar for its text's size, perhaps with the page's other buttons after it: 字号：大 中 小,
# 【字号 大 中 小】【打印】, 字体：【大】【中】【小】. The whole bar: 字号大小 is a subheading.
_SIZE_PARTED = r"(?:\s*[|｜/]\s*|\s+|[】\]]\s*[【\[])"
_FONT_SIZES = (rf"[【\[]?字[号体][:：]?\s*[【\[]?大{_SIZE_PARTED}中{_SIZE_PARTED}小[】\]]?\s*[】\]]?"
               r"(?:\s*[【\[][^】\]]{1,6}[】\]])*")
# A WeChat account's or a newsletter's prompts: its opening 点击上方蓝字关注我们 (点击上方“晨风周刊”，关注我们),
# its closing 长按二维码关注我们, 点个“在看”，分享给更多朋友, and the — END — mark before them. Bounded,
# with no sentence's end: 长按二维码的人越来越多。 is text. 在看 is the button's when 点个, 点击 or quotation
# marks set it apart: 点在看不见的角落 is a line of verse. The account is followed by clicking on its name,
# 蓝字 or in quotation marks: 点击“关注”按钮 says where to click. After a quoted name only following the
# account ends the line (关注我们, 关注公众号, 关注并星标): a how-to's step clicks a quoted button too, and
# 关注 is to watch what it does (点击“设置”，关注左侧菜单的变化).
_CLICK = r"[↑👆]?\s*(?:点击|点|戳)(?:上方|上面|顶部)?"
_FOLLOW_US = r"(?:加?关注(?:我们|公众号|本公众号|本号)?(?:[，,、\s]*并?(?:设为|加)?星标)?|设为星标)"
_NEWSLETTER = (r"长按(?:识别|扫描|扫码)?(?:图中|下方|上方)?(?:二维码|小程序码)[^。！？]{0,12}"
               r"|点(?:(?:个|一下|击)[“\"「]?在看[”\"」]?|[“\"「]在看[”\"」])(?:[，,、\s]*[^。！？，,]{0,12})?"
               rf"|{_CLICK}[“\"「]?蓝色?字体?[”\"」]?[，,、\s]*(?:关注|加关注|设为星标)(?:[，,、\s]*[^。！？，,]{{0,12}})?"
               rf"|{_CLICK}[“\"「][^“”\"「」]{{1,20}}[”\"」][，,、\s]*{_FOLLOW_US}"
               r"|[—–\-－=]+\s*(?i:end)\s*[—–\-－=]+")
# Lines that belong to the web page, not the article. Matched after list bullets are stripped.
# Each is a whole short line shaped like the furniture, never a sentence that starts with the
# same words: "分享到朋友圈的照片……" or "编辑：这项调整……？" are the article's text. Case is
# ignored in the Latin words only, (?i:…): on the whole pattern the flag had `re` fold the case of
# every Han character of its classes, some 50 ms of every paiban process's start.
# The page's print, close, error-report and bookmark links, bracketed or not: 打印本页, [关闭],
# 【纠错】, 【我要纠错】, 收藏本文.
_PAGE_LINK = r"[【\[]?(?:打印(?:本页|本文|此页)?|关闭(?:本页|窗口|此页)?|(?:我要)?纠错|收藏(?:本文|本页|此页)?)[】\]]?"
# A share bar's offer: 分享到：, its targets after it (分享到：微信 朋友圈, 分享到朋友圈).
_SHARE = rf"分享(?:到)?[:：]?(?:[ \u3000、|｜/]*{_SHARE_TO})*"
# A bar of the page's links, one or several in a row, shares, the page's links and its text's size mixed:
# 打印本页 关闭窗口, 分享到：微信 微博 打印, 分享到朋友圈 | 收藏 | 关闭窗口, 【字体：大 中 小】　打印本页　关闭窗口
# (each alone was dropped, not the row). 收藏 alone on a line is a subheading's word as much as a button's.
# Each link is read one way only: a line of them that fails at its end, read in every way, would take hours.
_PAGE_BUTTON = rf"(?>{_SHARE}|{_PAGE_LINK}|{_FONT_SIZES})"
_PAGE_LINKS = rf"(?!收藏$){_PAGE_BUTTON}(?:[ \u3000、|｜/]*{_PAGE_BUTTON})*"
JUNK = patterns.compile(
    r"^(?:扫一扫在手机打开当前页面|扫一扫[^。！？]{0,12}(?:手机|分享|关注)[^。！？]{0,12}|微信扫一扫[^。！？]{0,20}"
    rf"|{_CREDIT}|{_FOOTER}"
    rf"|{_PAGE_LINKS}|【打印】.*|【关闭】.*|【(?:我要)?纠错】.*|\[(?:我要)?纠错\].*"
    r"|[【\[]?返回顶部[】\]]?|(?:上一篇|下一篇)(?:[:：][^。]{0,40})?"
    rf"|{_NEWSLETTER})$"
)
BULLET = patterns.compile(r"^[-•·*]\s*")
# Photo captions: "图为…", "▲…", "（图片来源：…）"; a photographer's credit ("（记者 张三 摄）",
# "示例社记者 周明/摄") or a picture's giver ("（示例博物馆供图）"), alone on a short line.
# A 图为 caption says what the photo shows; it asks and exclaims nothing. A story's sentence may
# open with the same two characters: 图为何物 asks what a picture is, and 图为父亲亲手所绘 says who
# painted one (为…所 is the passive): those are the text's.
_SHOWN = r"图为(?!何|什么|啥|谁|哪)(?![^。！？!?]{0,8}所[绘画写作书刻制摄拍题])[^？！?!]*"
CAPTION = patterns.compile(
    rf"^(?:{_SHOWN}|▲.*|图[:：/].*|[（(]?图片来源[:：].*"
    rf"|[（(]?(?:[\u4e00-\u9fff]{{0,8}}(?:记者|通讯员)\s*)?{NAMES}\s*[/／]?\s*摄[）)]?"
    r"|[（(]?[\u4e00-\u9fffA-Za-z0-9]{2,16}\s*[/／]?\s*供图[）)]?)$"
)
# A list of other stories: the heading line and the headlines under it go together. A WeChat
# account's is 往期推荐 (往期回顾, 往期精选, 精选推荐), perhaps between arrows or dashes (▼ 往期推荐 ▼).
# Those words (``past``) head an article's own part as well, an anniversary piece's 往期回顾, a
# reading list's 精选推荐, which text follows: they head the account's list only closing the article.
_RULED = r"[\s▼↓👇—–\-－|｜]*"
RELATED = patterns.compile(rf"^{_RULED}[【\[]?(?:相关阅读|相关新闻|延伸阅读|推荐阅读"
                           rf"|(?P<past>往期(?:推荐|回顾|精选)|精选推荐))[】\]]?[:：]?{_RULED}$")
_ENDS_SENTENCE = tuple("。！？”」』")

# A line made only of a publication date and time, the outlet (来源：…) and the author (作者：…,
# 本文作者：…, 作者：张三（北京大学教授） with a note, 文／周一禾, a WeChat article's 原创 作者：苏白 晨风周刊
# with its account's name after the author's, or the reporters: 特约记者 吴平, 本报记者 张三 李四).
# 原创 gives an author only before 作者： or a date (原创 苏白 晨风周刊 2024-01-02): 原创 舞剧
# 《永不消逝的电波》 and 原创 音乐剧 好看极了。 are the article's. A line naming its author may stand
# in parentheses ((本文作者：周一禾)); a date alone in them, （2019年3月5日）, is an essay's closing line.
# A date's year, month and day are in figures or, as an official document and a government page write
# them, in Chinese numerals, the year digit by digit (二〇二五年二月十日): read as no date, such a line
# was a subheading, its date and source lost from the byline.
_FULL_DATE = (r"(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*[年/.-]\s*"
              r"(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*[月/.-]\s*(?P<day>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日?")
# A translated piece's credit names its writer and its translators, joined by 、 (not by spaces, which part
# the credit's items): ［英］艾德温·柯林斯　著　余晓帆　译 (the author as written), 文／艾德温·柯林斯　译／余晓帆,
# 作者：… over 译者：余晓帆 (the writer's and the translators' names, put together as the first form).
_LISTED = rf"{NAME}(?:[、，,]{NAME}){{0,3}}"
# The post of who gives a report, as a work report names its speaker under its date line: the body
# (a province, a city, a county, its government, its congress's committee, a court) and the post in
# it, 青川市市长　林致远, 青川市人民政府代市长, 国务院总理, 青川市人民检察院检察长.
_POST = (r"[\u4e00-\u9fff]{1,20}?[省市县区州旗盟镇乡委会院府][代副]?"
         r"(?:省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长|主席|主任|总理|院长|检察长|书记)")
# The label a page writes before its source: 来源, and a government site's 信息来源, 文章来源.
_SOURCE_LABEL = r"(?:信息|文章)?来源"
# A reporter's credit: a title ending in 记者 or 通讯员 (本报记者, 澎湃新闻记者, 特约记者) and the names
# after a space; after a colon only a bare 记者's, for a titled one (战地记者：生死之间, 小记者：我的一天) is a
# subheading. A name stops before another item of the line (记者 张三 来源：示例网).
_NEXT_ITEM = rf"(?!{_SOURCE_LABEL}|作者|通讯员|[\u4e00-\u9fff]{{0,8}}记者)"
_REPORTERS = rf"{NAME}(?:[ \u3000、/，,]+{_NEXT_ITEM}{NAME}){{0,3}}"
_ACCOUNT = r"[^\s\d|｜（）()。！？!?，,；;]{1,20}"
# Where a Taiwan paper's reporters filed from, after their names and a slash: 記者王小明／台北報導,
# 記者王小明、李大華／綜合報導 (報導 is Taiwan's word, 報道 Hong Kong's).
_FILED_FROM = r"\s*[/／]\s*(?P<place>[\u4e00-\u9fff]{2,6}?)报[导道]"
# A blog's or a site's count of readers, comments or likes after the byline: 阅读(1024), 评论(3),
# 浏览 1,024 次, 点击：1.2万, a CMS's 浏览次数：1208, 阅读次数：, 访问量：. Page junk, shown by the
# page as it stood: an item of the line that gives nothing, lest it keep the line from giving its
# author and date.
_COUNT = (r"(?:阅读|评论|浏览|点击|访问|点赞|收藏|转发|人气)(?:次数|[量数])?\s*[:：]?\s*"
          r"(?:[（(]\s*\d[\d,.]*\s*[万千]?\s*[）)]|\d[\d,.]*\s*[万千]?(?:\s*次)?)")
# The label a page writes before its date: 发布时间：, 日期：, 发表于 (in either script).
_DATE_LABEL = (r"(?:(?:(?:发布|發布|發佈|发表|發表|更新|刊发|刊發|发稿|發稿)?(?:时间|時間|日期)"
               r"|(?:发布|發布|發佈|发表|發表)(?:于|於))[:：]?\s*)")
# Where the writer was when publishing, as WeChat (its IP 属地, since 2022) and Weibo show it at the
# end of the byline: 2024-03-05 08:30 浙江, 08:30 发表于浙江, IP属地：美国. Taken only at the line's end,
# after a time, or with its label after a date: a date and a place alone (2024年3月5日 北京) is a
# diary's or a letter's heading. A place is one of the names the sites give, a province, region or
# country, but after IP属地, which names nothing else: any other name may be an author's or an
# outlet's, after 发表于 too (2024年3月8日 发表于北京晚报 says where an essay first appeared).
_REGION = ("(?:(?:中国)?(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南"
           "|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|台湾)"
           "|美国|英国|法国|德国|日本|韩国|加拿大|澳大利亚|新西兰|新加坡|马来西亚|泰国|意大利|西班牙|荷兰|瑞士|瑞典"
           "|俄罗斯|爱尔兰|阿联酋)")
_LABELLED_PLACE = rf"(?:发表于\s*{_REGION}|(?i:ip)\s*属地\s*[:：]?\s*[\u4e00-\u9fff]{{2,8}})"
_PLACE_ENDS_LINE = r"(?=\s*[）)]?$)"
# The client a Weibo post was sent from, ending its date line as the place does: 2024-05-06 12:30 来自
# iPhone客户端, 3分钟前 来自 微博 weibo.com. Left out with the line: a device, no source. Its time may be
# the app's, relative (刚刚, 3分钟前, 昨天 12:30) or of this year (05-06 12:30), which gives no date:
# such a line, without its client, may be the text's (刚刚 on a line of verse).
_CLIENT = r"来自\s*(?P<client>[^\s。！？，,；;（）()][^。！？，,；;（）()]{0,39})"
_CLOCK = (r"(?:(?:今天|昨天|前天|(?:\d{2}-)?\d{1,2}-\d{1,2})\s*)?\d{1,2}:\d{2}(?::\d{2})?"
          r"|刚刚|\d{1,2}\s*(?:秒|分钟|小时)前")
_TIME = (rf"(?:{_CLOCK})(?:\s*(?:{_LABELLED_PLACE}|{_REGION}){_PLACE_ENDS_LINE}"
         rf"|\s*{_CLIENT}{_PLACE_ENDS_LINE})?")
# A feature's photographer, credited after its writer (文/孙浩 图/何静, 撰文／苏白　摄影／林木): an item of the
# byline that names no author, lest the line, read as no byline, be dropped with its date and source (a page's)
# or set as a subheading (a text's). The photographs are credited under themselves, where a page has them.
_PHOTOGRAPHER = rf"(?:图|摄影|摄)\s*[/／:：]\s*{_LISTED}(?![\u4e00-\u9fff])"
_DATE_AND_PLACE = rf"{_FULL_DATE}(?:\s*{_LABELLED_PLACE}{_PLACE_ENDS_LINE})?"
_META_ITEM = (rf"{_DATE_LABEL}?{_DATE_AND_PLACE}|{_COUNT}|{_TIME}|{_SOURCE_LABEL}[:：]\s*(?P<origin>[^\s|｜]+)"
              r"|(?:本文)?(?:作者|撰文|通讯员)[:：]\s*(?P<author>[^\s|｜（）()]+)(?:\s*[（(][^（）()]{1,20}[）)])?"
              rf"|撰?文\s*[/／]\s*(?P<writer>(?:{_COUNTRY})?{NAME})(?![\u4e00-\u9fff])"
              rf"|{_PHOTOGRAPHER}"
              rf"|(?P<credit>(?:{_COUNTRY})?{NAME}\s*[/／]?\s*著\s*{_LISTED}\s*[/／]?\s*译)(?![\u4e00-\u9fff])"
              rf"|(?:译者[:：]|译\s*[/／])\s*(?P<translator>{_LISTED})(?![\u4e00-\u9fff])"
              rf"|原创\s+(?:作者[:：]\s*|(?={NAME}(?:\s+{_ACCOUNT})?\s+\d{{4}}\s*[年/.-]))"
              rf"(?P<original>{NAME})(?:\s+{_ACCOUNT})?"
              rf"|记者\s*(?P<filed>{_REPORTERS}){_FILED_FROM}"
              rf"|(?:[\u4e00-\u9fff]{{0,8}}?(?:记者|通讯员)\s+|记者[:：]\s*)(?P<reporters>{_REPORTERS})"
              rf"|(?P<official>{_POST}[ \u3000]+{NAME})(?![\u4e00-\u9fff])|[|｜·]")
# Each item is matched once, and the line's items follow one another in one way only: tried in
# every way, a long line of titles and names that fails at its end took seconds. In parentheses,
# the line names its author somewhere (one scan for it, from the line's start): a reporter's credit
# under the headline, （本报记者 孙浩）, as a paper prints it, was a paragraph of the text.
_META_LINE = patterns.compile(rf"^(?:(?P<open>[（(])(?=[^（）()]*(?:作者|记者|通讯员|文\s{{0,3}}[/／])))?"
                              rf"\s*(?:(?>{_META_ITEM})\s*)+(?(open)[）)])$")
_META = patterns.compile(_META_ITEM)
# A line that opens with a labelled date (日期：2024年3月6日, 时间：…): the page's metadata above the
# article, but in its text a diary's day, a notice's hours. A date alone is, in the text, a
# signature's (某市某局 / 2026年3月5日), a letter's or a diary's.
_LABELLED_DATE = patterns.compile(rf"^\s*{_DATE_LABEL}")
# A date alone on a line, which heads a diary's day (1989年3月1日).
_DAY = patterns.compile(rf"^{_FULL_DATE}$")
# How many days a diary has after its first, at the fewest: a news story's date over its text and
# one dated update under it (2024年10月12日, then 2024年10月15日 over the update) is no diary's.
_LATER_DAYS = 2
# What ends a line of the text proper, not a headline's: a sentence, or a lead-in to what follows.
_BEGINS_TEXT = _ENDS_SENTENCE + tuple("；：….!?;:")
# The longest headline: a longer first line is the text's first paragraph (the plain-text reader's too).
HEADLINE_MAX = 50
# A wire dateline opening the first paragraph: 新华社北京11月24日电（记者 张三）, or a paper's
# own 本报讯（记者 张三）, which names no outlet ("this paper") and no day.
DATELINE = patterns.compile(
    r"^(?:(?P<origin>[\u4e00-\u9fff]{1,6}?(?:社|报|网|台))(?P<place>[\u4e00-\u9fff]{2,6}?)"
    r"(?P<date>\d{1,2}月\d{1,2}日)(?:电|讯)|本报讯)\s*"
    r"(?:[（(](?:[\u4e00-\u9fff]{0,8}?(?:记者|通讯员))?\s*(?P<reporters>[^）)]{2,30})[）)])?\s*"
)
# A wire dateline in parentheses, as Taiwan's agency writes it: （中央社記者王小明台北15日電）, the
# day alone, the reporters' names run into the place: a name is taken as three characters, the
# commonest length, before two or four (王小明 of 王小明華盛頓, 王明 of 王明台北).
_RUN_IN_NAME = r"(?:[\u4e00-\u9fff]{3}|[\u4e00-\u9fff]{2}|[\u4e00-\u9fff]{4})"
WIRE_DATELINE = patterns.compile(
    rf"^[（(](?P<origin>[\u4e00-\u9fff]{{1,6}}?社)(?:记者(?P<reporters>{_RUN_IN_NAME}(?:、{_RUN_IN_NAME}){{0,3}}))?"
    r"(?P<place>[\u4e00-\u9fff]{2,6}?)(?P<date>(?:\d{1,2}月)?\d{1,2}日)专?电[）)]\s*"
)
# A Taiwan paper's reporters and place in brackets opening the first paragraph (the Liberty
# Times'): 〔記者王小明／台北報導〕.
FILED_DATELINE = patterns.compile(rf"^[〔【\[]记者(?P<reporters>{NAMES}){_FILED_FROM}[〕】\]]\s*")
DATELINES = (DATELINE, WIRE_DATELINE, FILED_DATELINE)
# The reporters' names in parentheses closing the article, on a line of their own or after the
# last sentence's closing mark: （陈俊琦）, （记者 张三）, （本报记者 李四 王五）. No name is a
# serial's （未完待续） or a book's （全书完）, an excerpt's （节选）, where or when it was written
# (（写于南京）, （作于 北京）), nor a note glued to a sentence: 两亿元（人民币）.
# Nor is a play's or a screenplay's closing direction: its end (（剧终）, （幕落）, （全剧完）), the
# lights' or the scene's (（灯暗）, （灯光渐暗）, （暗转）, （切光）, （淡出）), a silence (（静场）, （沉默）),
# an exit (（众下）, （林远下）, （林远、苏晴同下）, （退场）), alone or leading others (（幕落，灯暗）).
# A direction is a whole word: 谢幕华 is a name. An exit is 众 or a name of two characters or more
# before 下, under no byline's label: （林下） and （记者 山下） name their authors, as a surname may end in 下.
# Nor is a standard's annex kind, under its 附录A (（规范性）, （资料性）, （规范性附录）; an
# older standard's （补充件）, （参考件）), a note's label (（注意）, （提示）, （说明）), or what was
# left out (（下略）, （图略）).
_EXIT = r"(?![^（）()]*(?:记者|通讯员))(?:(?:众|[\u4e00-\u9fff]{2}[^（）()]{0,10}?)下|[^（）()]{0,12}?[下退]场)"
_STAGE_DIRECTION = (r"(?:全?剧[终完]|终场|散场|幕[落闭]|[落闭谢]幕"
                    r"|灯光?[渐全转]?(?:暗|灭|熄灭?)|[渐全]暗|[收切]光|[黑暗]场|[暗黑]转|淡出|定格"
                    rf"|静场|沉默|静默|停顿|{_EXIT})(?=\s*[）)]|[\s，,、。])")
_NO_NAMES = (r"(?:(?:全书|全文|本文|本章|本篇|全篇|全诗|续)?完结?|(?:未完)?[\s，,]*待续|未完"
             r"|节选|有删节|删节|摘编|摘录|选载|连载"
             r"|(?:规范|资料)性(?:附录)?|补充件|参考件|注意|提示|说明|备注|附注|(?:以下|[下后图表])?略)\s*[）)]"
             rf"|(?:写|作|记|草|改|完稿|定稿|脱稿|初稿|修改|改定|改写)于|{_STAGE_DIRECTION}")
_NAME_SEPARATORS = patterns.compile(r"[ \u3000、/，,]+")
BYLINE = patterns.compile(
    rf"(?:^|(?<=[。！？…”」』]))\s*[（(]\s*(?!{_NO_NAMES})"
    rf"(?:[\u4e00-\u9fff]{{0,8}}?(?:记者|通讯员)\s*)?(?P<names>{NAMES})\s*[）)]\s*$"
)


# What a line that is not the article's text was taken for, as a warning names it.
JUNK_LINE = "page junk (a share or print link, an editor's credit, a copyright notice, a QR-code prompt)"
CAPTION_LINE = "a photo caption or credit (the photo is not in a text)"
RELATED_LINE = "a list of related stories"
META_LINE = "the article's date, source or author"


@dataclass
class Sifted:
    """The article's lines, what was dropped, and the metadata found on the way."""

    lines: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    date: str | None = None
    origin: str | None = None
    author: str | None = None


def judge(lines: Iterable[str], found: Sifted, captions: bool = False, opening: bool = False) -> list[bool]:
    """For each line, whether it is the article's text; a metadata line's date, outlet and
    author go into ``found``. Photo captions are furniture unless ``captions`` (in a web page
    they stand under their photo). With ``opening``, metadata lines are taken only where they
    open the text, before its first line, and only if no line further down is shaped like one:
    in a document written as it is (a Word file), a date line inside the text is the text's, and
    dated lines all through it are a diary's entries."""
    return [kind is None for kind in kinds(lines, found, captions, opening)]


def kinds(lines: Iterable[str], found: Sifted, captions: bool = False, opening: bool = False) -> list[str | None]:
    """As :func:`judge`, but for each line what it was taken for when it is not the article's
    text (:data:`JUNK_LINE`, :data:`CAPTION_LINE`, :data:`RELATED_LINE`, :data:`META_LINE`), for
    the warning that names it; ``None`` for a line of the text."""
    lines = list(lines)
    furniture = list(_furniture(lines, captions))
    shaped = [[] if dropped else _metadata(line) for line, dropped in zip(lines, furniture, strict=True)]
    text = [not dropped and not items for dropped, items in zip(furniture, shaped, strict=True)]
    if opening and any(shaped[text.index(True) if True in text else len(lines):]):
        return furniture
    metadata = _above_text(lines, shaped, text)
    for line, items in zip(lines, metadata, strict=True):
        _take_meta(items, line, found)
    if translating := next(((match, line) for line, items in zip(lines, metadata, strict=True)
                            for match in items if match["translator"]), None):
        found.author = _translated(found.author, *translating)
    return [dropped or (META_LINE if items else None) for dropped, items in zip(furniture, metadata, strict=True)]


def _above_text(lines: list[str], metadata: list[list[re.Match]], text: list[bool]) -> list[list[re.Match]]:
    """``metadata`` without that of the lines after the text has begun which are the text's own
    (:func:`_texts_own`): the page's own date and byline stand above the text, and a byline
    (:func:`_signed`) right under the line that began it (a headline's one-sentence lead) or as its
    last line, where bylines stand too.
    The text has begun after a line of it that is no headline: a sentence's or a lead-in's
    (下列时间停电：), or a long one; the first line of text is taken for a headline whatever it ends
    in (为什么爱上了早起？). A date alone with a line of text between it and the date taken above is
    the text's however early: a page has one date, and a web page's diary (its headline an ``<h1>``,
    its first day's entry the first line of text) lost its second day's date, dropped as the page's."""
    last = max((index for index, (items, is_text) in enumerate(zip(metadata, text, strict=True)) if items or is_text),
               default=None)
    kept, begun, under_lead, seen = [], False, False, 0
    dated = None  # how many lines of text stood above the date taken, once one is
    for index, (line, items, is_text) in enumerate(zip(lines, metadata, text, strict=True)):
        signed = (under_lead or index == last) and _signed(items)
        again = dated is not None and seen > dated and _date_alone(items)
        kept.append([] if (begun or again) and items and not signed and _texts_own(line, items) else items)
        if dated is None and kept[-1] and any(match["year"] for match in kept[-1]):
            dated = seen
        if is_text:
            seen += 1
            under_lead = not begun and ((seen > 1 and line.rstrip().endswith(_BEGINS_TEXT))
                                        or len(line.strip()) > HEADLINE_MAX)
            begun = begun or under_lead
    if (first := _first_day(lines, kept, text)) is not None:
        kept[first] = []
    return kept


def _first_day(lines: list[str], kept: list[list[re.Match]], text: list[bool]) -> int | None:
    """The index of the date ``kept`` as metadata above the text that is a diary's first day, or
    ``None``: a date alone on its line (:data:`_DAY`) over a line of text, as the next such dates
    are in the text, :data:`_LATER_DAYS` of them (their days' entries, the text's own:
    :func:`_texts_own`), each later than the one before (1989年3月1日, then 1989年3月2日, 1989年3月3日).
    Taken for the article's date, the first day lost its heading and was printed in the byline.
    A page's own date comes after the days its text tells of, and a letter's date closes its text.
    Only a line of no text's shape is read (a date line is none)."""
    days = {index: day for index, line in enumerate(lines[:-1])
            if not text[index] and text[index + 1] and (day := _DAY.match(line.strip()))}
    first = next((index for index in days if kept[index]), None)
    if first is None:
        return None
    later = [index for index in days if index > first][:_LATER_DAYS]
    forward = all(_when(days[before]) < _when(days[after]) for before, after in itertools.pairwise([first, *later]))
    return first if len(later) == _LATER_DAYS and not any(kept[index] for index in later) and forward else None


def _when(day: re.Match) -> tuple[int, int, int]:
    """The year, month and day of a date (:data:`_FULL_DATE`), in figures or in Chinese numerals, to be
    told apart in time and kept as the article's."""
    year, month, date = (numeral_value(day[part]) for part in ("year", "month", "day"))
    return year, month, date


def _texts_own(line: str, items: list[re.Match]) -> bool:
    """Whether a metadata line inside the text, giving ``items``, is the text's: a labelled date
    (日期：2024年3月6日, 时间：6月1日 08:00: a diary's day, a notice's hours), a date alone (2026年3月5日,
    under a signature), or an author alone on a bare line: an interview's question (记者：后来呢) or
    answer (作者：我想是的。), a speaker's label read as a byline's. In parentheses, an author closes
    an essay as its byline ((本文作者：周一禾)), as a name in them does."""
    simplified = _simplified(line)
    return bool(_LABELLED_DATE.match(simplified)) or _date_alone(items) or (
        _author_alone(items) and not _META_LINE.match(simplified)["open"])


def is_byline(line: str) -> bool:
    """Whether ``line`` is a byline (:func:`_signed`): left in a text, it is no subheading."""
    return _signed(_metadata(line))


def _signed(items: list[re.Match]) -> bool:
    """Whether a metadata line's ``items`` are a byline: an author's label and a name alone (作者：周一禾,
    撰文：周一禾, 文／周一禾, 作者：［英］艾德温·柯林斯), or a translated piece's credit (［英］艾德温·柯林斯　著
    余晓帆　译, 文／艾德温·柯林斯　译／余晓帆, 译者：余晓帆), or a report's speaker, a post and a name
    (青川市市长　林致远: :data:`_POST`); no reporter's (记者：后来呢 is an interviewer's
    question) and no sentence (作者：我想是的。 is an answer). Taken for the text's own under a lead or
    closing the text, a byline was printed as a subheading (作者：周一禾) or as the last paragraph, and
    the author was lost."""
    return bool(items) and all(
        match["credit"] or match["translator"] or match["official"]
        or _NAME_ALONE.fullmatch(match["author"] or match["writer"] or match["original"] or "") for match in items)


def _date_alone(items: list[re.Match]) -> bool:
    """Whether a metadata line's ``items`` give a date and nothing else: no outlet, no author (a Weibo
    post's client is none, :data:`_CLIENT`: a reposted post's date line in the text is the text's)."""
    return all(match["year"] or match["client"] for match in items)


def _author_alone(items: list[re.Match]) -> bool:
    """Whether a metadata line's ``items`` give an author and nothing else: no date, no outlet."""
    return not any(match["year"] or match["origin"] for match in items)


def _furniture(lines: list[str], captions: bool) -> Iterator[str | None]:
    """For each line, what furniture of the page it is (a caption only unless ``captions``), or ``None``."""
    bare_lines = [BULLET.sub("", _simplified(line)) for line in lines]
    in_related = False
    for index, bare in enumerate(bare_lines):
        heading = RELATED.match(bare)
        in_related = (bool(heading) and (not heading["past"] or _closes_text(bare_lines[index + 1:]))
                      or (in_related and not bare.endswith(_ENDS_SENTENCE)))
        if in_related:
            yield RELATED_LINE
        elif JUNK.match(bare):
            yield JUNK_LINE
        else:
            yield CAPTION_LINE if CAPTION.match(bare) and not captions else None


def _closes_text(lines: list[str]) -> bool:
    """Whether ``lines``, those under a list's heading to the text's end, are a list closing it:
    headlines, ending no sentence, or page junk (本文为晨风周刊原创，未经授权禁止转载。)."""
    return all(not line.endswith(_ENDS_SENTENCE) or JUNK.match(line) for line in lines)


def take_dateline(paragraph: str, found: Sifted) -> str:
    """Strip a wire dateline from the start of ``paragraph``, keeping its outlet, date and reporters."""
    simplified = _simplified(paragraph)
    match = next(filter(None, (pattern.match(simplified) for pattern in DATELINES)), None)
    if not match:
        return paragraph
    if match.groupdict().get("origin") != "本报":  # "this paper" names no outlet
        found.origin = found.origin or _group(match, "origin", paragraph)
    found.date = found.date or _group(match, "date", paragraph)
    if reporters := _group(match, "reporters", paragraph):
        found.author = found.author or _credited(reporters)
    found.removed.append(paragraph[:match.end()].strip())
    return paragraph[match.end():]


# A credit closing a page that names no writer: its editor's, proofreader's, photographer's or
# intern's, written with a space (（编辑 李四）, （摄影 赵六）), whose role word read as a name. An
# intern credited with a reporter is a writer too: (实习生 马小雨 记者 林晓岚).
_UNNAMED_CREDIT = patterns.compile(
    r"(?:责任编辑|责编|编辑|校对|审核|审校|摄影|实习生|美编|制图|供图)[\s、](?!.*(?:记者|通讯员))")
# A word of a credit that names no one, taken for a name as it stands between the names: a title
# (记者 孙浩 通讯员 何静, 实习生 马小雨 记者 林晓岚) or what the reporters did (本报记者 杨帆 摄影报道,
# 记者 林晓岚 整理).
_ROLE = patterns.compile(r"[\u4e00-\u9fff]{0,8}?(?:记者|通讯员)|实习生|(?:摄影|文字)?报道|整理|采写|摄影?")


def take_byline(paragraph: str) -> tuple[str, str | None]:
    """``paragraph`` without the byline closing it, and the byline's names joined by 、 (or
    ``paragraph`` as it is, and ``None``); an empty name for a credit that names no writer
    (:data:`_UNNAMED_CREDIT`), which goes as a byline does, the page's own author standing."""
    match = BYLINE.search(_simplified(paragraph))
    if not match:
        return paragraph, None
    names = "" if _UNNAMED_CREDIT.match(match["names"]) else _credited(_group(match, "names", paragraph))
    return paragraph[:match.start()], names


def _credited(names: str) -> str:
    """The people a credit's ``names`` (as the page writes them, parted by spaces, 、 or slashes)
    name, joined by 、, without its titles and roles (:data:`_ROLE`)."""
    return "、".join(name for name in _NAME_SEPARATORS.split(names) if not _ROLE.fullmatch(_simplified(name)))


def _metadata(line: str) -> list[re.Match]:
    """The items giving a date, an outlet or an author of ``line``, if it is a metadata line."""
    simplified = _simplified(line)
    if not _META_LINE.match(simplified):
        return []
    return [m for m in _META.finditer(simplified)
            if m["year"] or m["origin"] or m["author"] or m["writer"] or m["original"] or m["credit"] or m["translator"]
            or m["reporters"] or m["filed"] or m["official"] or m["client"]]


def _take_meta(items: list[re.Match], line: str, found: Sifted) -> None:
    """Keep the date (as YYYY-MM-DD), outlet and author that ``items`` of ``line`` give."""
    for match in items:
        if match["year"] and not found.date:
            year, month, day = _when(match)
            found.date = f"{year:04d}-{month:02d}-{day:02d}"
        found.origin = found.origin or _group(match, "origin", line)
        found.author = (found.author or _group(match, "author", line) or _group(match, "writer", line)
                        or _group(match, "original", line) or _group(match, "credit", line)
                        or _group(match, "official", line))
    # A joint credit is one item for each title: 本报记者 林晓岚 通讯员 何静.
    reporters = [_group(match, "reporters", line) or _group(match, "filed", line) for match in items]
    found.author = found.author or _credited("、".join(filter(None, reporters))) or None


def _translated(author: str | None, match: re.Match, line: str) -> str:
    """The byline of a piece by ``author`` (if the page names one) in the translation of those a
    translator's label (``match`` of ``line``: 译者：余晓帆, 译／余晓帆) names, in the form a translated
    piece is credited (艾德温·柯林斯　著　余晓帆　译), as a Markdown article's ``author`` is written, its
    译 as the line writes it (譯 in Traditional). Named apart, the translators were no author's, and
    their line was printed as a subheading."""
    translators, translated = _group(match, "translator", line), line[match.start()]
    return f"{author}　著　{translators}　{translated}" if author else f"{translators}　{translated}"


def _simplified(text: str) -> str:
    """``text`` in Simplified characters, for the patterns to match. OpenCC's t2s maps
    character for character, so a match's positions are positions in ``text``; a conversion
    that changed the length would put them wrong, and is not used."""
    converted = _to_simplified().convert(text)
    return converted if len(converted) == len(text) else text


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    """Loaded once, on the first article: loading OpenCC's dictionaries is the costly part."""
    return opencc.OpenCC("t2s")


def _group(match: re.Match, name: str, text: str) -> str | None:
    """What the group ``name`` of a match in ``_simplified(text)`` found, as ``text`` writes it
    (``None`` too when the match's pattern has no such group)."""
    return text[match.start(name):match.end(name)] if match.groupdict().get(name) else None
