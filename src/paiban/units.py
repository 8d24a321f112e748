"""The Chinese units and measure words a number is read with, in either script: what the print
keeps on one line with its number (500克, ½小勺, 3个) and what makes a line's end an ingredient's amount, no poem's
(中筋面粉　500克). One list for both, so that what one counts as an amount the other does too."""

# 年 月 日 are a date's, no amount's (初见　1998年 is a poem's line; a date's range is typeset's _RANGE).
CHINESE_UNITS = (
    "毫克 克 千克 公斤 斤 两 吨 毫升 升 毫米 厘米 分米 米 千米 公里 公分 平方米 立方米 "  # weight, volume, length, area
    "勺 小勺 大勺 汤匙 茶匙 杯 碗 盘 盒 袋 包 罐 瓶 滴 撮 把 "  # a cook's measures
    "个 只 片 根 块 条 颗 粒 张 份 枚 瓣 段 头 棵 朵 "  # things counted
    "支 丸 贴 喷 揿 剂 次 "  # a drug label's doses and how often (一次2支, 每次1喷, 一日2～3次)
    "秒 分 分钟 小时 天 周 岁 度 元 角 "  # time, age, degrees, money
    "人 人次 户 家 辆 台 套 件 项 亩 公顷 千瓦 千瓦时 "  # a report's counts and measures (12.5万人, 50亿千瓦时)
    # The Traditional forms of those that have one: a converted edition's (3個, 5分鐘) and a Traditional source's.
    "兩 噸 釐米 湯匙 盤 個 隻 塊 條 顆 張 頭 貼 噴 撳 劑 分鐘 小時 週 歲 戶 輛 臺 項 畝 公頃 千瓦時"
).split()
