"""The content types a librarian writes, each declared once as data.

Validation, `bulletin new` scaffolds and the README's field tables all read these. Help text
is what the librarian sees: the Chinese term first, then a short English gloss.
"""
from __future__ import annotations

from generator.schema import Field, Schema

AUDIENCES = ("pupils", "teachers")

BOOK = Schema("books", (
    Field("title", "text", required=True, help="书名 title", example="书名"),
    Field("author", "text", required=True, help="作者 author (译者可写在后面)", example="作者"),
    Field("publisher", "text", help="出版社 publisher", example="人民文学出版社"),
    Field("year", "int", help="出版年 year published", example=2026),
    Field("isbn", "isbn", help="ISBN（10 位或 13 位，可带连字符，写在引号里）ISBN-10 or -13", example="978-7-02-000873-5"),
    Field("call_number", "call_number", help="索书号，《中国图书分类法》如 I287.45 call number (CLC)", example="I287.45"),
    Field("cover", "text", help="封面图片文件名，放在本文件旁或 content/images/ 里 cover image", example="cover.png"),
    Field("grade_bands", "texts", default=(), help="适读年级段，取自 config.yaml 的 grade_bands grade bands", example=["中年级"]),
    Field("audience", "choices", default=("pupils",), choices=AUDIENCES,
          help="读者：pupils（学生）或 teachers（教师）audience", example=["pupils"]),
    Field("tags", "texts", default=(), help="标签 tags", example=["名著"]),
    Field("recommended_by", "text", help="推荐人 recommended by", example="王老师"),
    Field("shelved", "date", required=True, help="上架日期 date shelved (YYYY-MM-DD)"),
    Field("featured", "bool", default=False, help="是否在橱窗海报中展示 featured in the display case", example=False),
), help="新书介绍 new-book introduction; the text below the front matter is the introduction")

LIST_ITEM = Schema("list item", (
    Field("book", "text", help="书目里已有的书：文件名（不带 .md）或 ISBN a book in content/books/"),
    Field("title", "text", help="书名（书不在 content/books/ 时必填）title"),
    Field("author", "text", help="作者 author"),
    Field("publisher", "text", help="出版社 publisher"),
    Field("isbn", "isbn", help="ISBN"),
    Field("note", "text", help="推荐语 note"),
))

READING_LIST = Schema("lists", (
    Field("title", "text", required=True, help="书目名称 title of the list", example="推荐书目"),
    Field("grade_bands", "texts", default=(), help="适读年级段 grade bands", example=["低年级"]),
    Field("audience", "choice", default="pupils", choices=AUDIENCES, help="读者：pupils 或 teachers audience", example="pupils"),
    Field("subject", "text", help="学科 subject", example="语文"),
    Field("description", "text", help="说明 description", example="说明"),
    Field("items", "records", required=True, item=LIST_ITEM, help="书目条目 the books, in order"),
), help="推荐书目 recommended reading list")

ACTIVITY = Schema("activity", (
    Field("title", "text", required=True, help="活动名称 title"),
    Field("date", "date", help="日期（单日）a single day"),
    Field("start", "date", help="开始日期（与 end 一起用）first day of a range"),
    Field("end", "date", help="结束日期 last day of a range"),
    Field("month", "month", help="只知道月份时写 YYYY-MM month only"),
    Field("time", "time_range", help="时间，如 \"14:00-15:00\"（加引号）time"),
    Field("place", "text", help="地点 place"),
    Field("audience", "text", help="参加对象 who takes part"),
    Field("notes", "text", help="备注 notes"),
))

CALENDAR = Schema("calendar", (
    Field("semester", "text", required=True, help="学期名称 semester name", example="2026—2027学年第一学期"),
    Field("first_day", "date", required=True, help="开学日期 first day"),
    Field("last_day", "date", required=True, help="学期结束日期 last day"),
    Field("activities", "records", default=(), item=ACTIVITY, help="工作安排 activities"),
), help="学期工作安排 semester activity calendar")

WINNER = Schema("winner", (
    Field("name", "text", help="获奖学生姓名（班级奖可不写）name", example="姓名"),
    Field("class", "text", help="班级，如 三年级(2)班 class", example="三年级(2)班"),
    Field("level", "text", help="奖项等级，如 一等奖 prize level", example="一等奖"),
    Field("work", "text", help="获奖作品题目，如 我心中的孙悟空（奖状上写“作品《……》”）title of the winning work"),
    Field("note", "text", help="备注 note"),
))

AWARD = Schema("awards", (
    Field("name", "text", required=True, help="奖项名称 award name", example="优秀学生图书管理员"),
    Field("date", "date", required=True, help="颁奖日期 date awarded"),
    Field("activity", "text", help="活动名称，如 第五届读书节征文比赛（奖状上写“在……中荣获一等奖”；不写则用奖项名称）activity the prizes are for",
          example="第五届读书节征文比赛"),
    Field("sentence", "text", help="奖状正文，不写则按活动、作品和奖项自动生成；可写 {name} {class} {work} {level} {activity} certificate sentence"),
    Field("issuer", "text", help="颁奖单位 issued by", example="图书室"),
    Field("description", "text", help="说明 description", example="说明"),
    Field("kind", "choice", default="pupils", choices=("pupils", "classes"),
          help="pupils（个人奖）或 classes（班级奖，如阳光阅读班级）who wins", example="pupils"),
    Field("certificates", "bool", default=False, help="是否打印奖状 print certificates", example=False),
    Field("winners", "records", required=True, item=WINNER, help="获奖名单 winners"),
), help="评优表彰 award list")

ASSISTANT = Schema("assistant", (
    Field("name", "text", required=True, help="姓名 name"),
    Field("role", "text", help="职务，如 组长 role"),
))

SCHOOL_CLASS = Schema("class", (
    Field("class", "text", required=True, help="班级，如 一年级(1)班 class"),
    Field("assistants", "records", default=(), item=ASSISTANT, help="班级图书管理员 library assistants"),
))

GRADE = Schema("grade", (
    Field("grade", "text", required=True, help="年级，如 一年级 grade"),
    Field("classes", "records", default=(), item=SCHOOL_CLASS, help="班级 classes"),
))

ROTATION_SLOT = Schema("rotation slot", (
    Field("day", "choice", required=True, choices=("周一", "周二", "周三", "周四", "周五", "周六", "周日"), help="星期 weekday"),
    Field("time", "time_range", required=True, help="时间，如 \"12:00-12:50\"（加引号）time"),
    Field("classes", "texts", required=True, help="轮到借书的班级 classes borrowing in this slot"),
    Field("place", "text", help="地点 place"),
))

ROSTER = Schema("rosters", (
    Field("semester", "text", required=True, help="学期名称 semester", example="2026—2027学年第一学期"),
    Field("first_day", "date", help="任期开始 first day of service"),
    Field("last_day", "date", help="任期结束 last day of service"),
    Field("grades", "records", required=True, item=GRADE, help="各年级班级和图书管理员 grades, classes, assistants"),
    Field("rotation", "records", default=(), item=ROTATION_SLOT, help="借阅轮流表 weekly borrowing rotation"),
), help="各班图书管理员名单与借阅轮流表 roster and rotation")

CLASS_LOANS = Schema("class loans", (
    Field("class", "text", required=True, help="班级 class"),
    Field("pupils", "int", required=True, help="班级人数 pupils in the class"),
    Field("loans", "ints", required=True, help="每周借书册数，与 weeks 顺序一致 books borrowed each week"),
))

STATS = Schema("stats", (
    Field("month", "month", required=True, help="统计月份 YYYY-MM month"),
    Field("weeks", "dates", required=True, help="每周的周一日期 the Monday of each week counted"),
    Field("classes", "records", required=True, item=CLASS_LOANS, help="各班借阅数 loans per class"),
), help="借阅统计 borrowing statistics")

PAGE = Schema("pages", (
    Field("title", "text", required=True, help="标题 title", example="标题"),
    Field("order", "int", default=100, help="菜单中的位置 position in the menu", example=10),
), help="固定页面（借阅制度、开放时间、关于）page")

NEWS = Schema("news", (
    Field("title", "text", required=True, help="标题 title", example="标题"),
    Field("date", "date", required=True, help="日期 date"),
    Field("kind", "choice", default="report", choices=("report", "notice"),
          help="report（活动报道）或 notice（通知）kind", example="report"),
    Field("summary", "text", help="一句话摘要 summary", example="摘要"),
), help="新闻与通知 news and notices")

NEWSLETTER = Schema("newsletters", (
    Field("number", "int", required=True, help="期号 issue number", example=1),
    Field("date", "date", required=True, help="出版日期 date of the issue"),
    Field("title", "text", help="这一期的标题，如 读书节特刊；不写则是“某月简报” headline (default: the month)", example="读书节特刊"),
    Field("books", "texts", default=(), help="登哪些新书：书的文件名（不带 .md）或 ISBN；不写则登本月上架的新书 books (default: shelved this month)",
          example=[]),
    Field("month", "month", help="登哪个月的活动 YYYY-MM；不写则是出版日期那个月 activities of this month (default: the issue's month)"),
    Field("awards", "texts", default=(), help="登哪些表彰：奖项文件名（不带 .yaml）；不写则登本月的表彰 awards (default: this month's)",
          example=[]),
    Field("roster", "bool", default=True, help="是否登各班图书管理员名单 show the assistant roster", example=True),
), help="黑板报（每期一个文件）blackboard newsletter issue")

CONTENT_TYPES: dict[str, Schema] = {
    "books": BOOK,
    "lists": READING_LIST,
    "calendar": CALENDAR,
    "awards": AWARD,
    "rosters": ROSTER,
    "stats": STATS,
    "pages": PAGE,
    "news": NEWS,
    "newsletters": NEWSLETTER,
}
