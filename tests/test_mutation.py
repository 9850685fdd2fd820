"""A mutation test of the punctuation rules (issue 16): clean sentences from the published reports
(and the clean samples), each with one error planted. Every mutant must be caught at the planted
place by the rule meant for it, and no sentence, clean or mutated, may get a finding elsewhere."""

from __future__ import annotations

import pytest
import regex

from reportlint.api import lint_text
from reportlint.rules.settings import Settings

PUNCTUATION = (
    "halfwidth-punct",
    "fullwidth-digit",
    "unpaired-bracket",
    "repeated-punct",
    "stray-space",
    "range-mark",
    "lost-character",
    "missing-end-mark",
    "dash-form",
    "ellipsis-form",
    "nested-quotes",
    "question-then-stop",
)
SETTINGS = Settings(select=PUNCTUATION)

# Sentences as published in ../shared/corpus/gov-reports-2026 (three a report, then some with
# ranges), seeds/105 and ../shared/corpus/ecspell-odw (the last, cut after its first sentence).
# The end mark is removed only from sentences with a clause mark (，；): without one, a line
# reads as a heading as well, and missing-end-mark leaves it alone by design.
CLEAN = [
    "加快构建房地产发展新模式，推进“好房子”建设，推动房地产高质量发展。",
    "深入开展规范涉企行政执法专项行动，“检查码”全面推广应用，跨部门综合监管事项从39个拓展到91个。",
    "用好超长期特别国债、地方政府专项债等资金，加力推进“两重”建设。",
    "举办第十届库布其沙漠论坛，新增5个国家生态文明示范区、3个“绿水青山就是金山银山”实践创新基地。",
    "民生无小事，枝叶总关情，要将政策细化到“衣食住行”、将关心渗透到“柴米油盐”，让每个“小家”热气腾腾，我们这个“大家”才能蒸蒸日上。",
    "支持开展自动导引车、无人驾驶重卡等跨境运输，在二连浩特等口岸开展“公路口岸+属地直通”模式改革，在甘其毛都实施数智化一站式快捷通关试点。",
    "坚持智能化、绿色化、融合化方向，优化提升传统产业，培育壮大新兴产业和未来产业，扶优育强优质潜力企业，打造“多业并举”发展新格局。",
    "强化商品房预售资金监管，巩固“白名单”项目扩围增效成果，用好购房贷款贴息等政策工具。",
    "深化府院联动机制，实现化解重大矛盾纠纷、优化营商环境、保障民生权益等方面“双赢多赢共赢”。",
    "稳步推进国家级经开区改革，完善“管委会＋公司”运营模式，建立健全招商引资、要素保障等机制，利用外资、投资分别增长45%、20%。",
    "建强农村产权流转交易平台，加强农村“三资”管理，促进新型集体经济发展。",
    "有力推进“117项目”司法出清、全面复建，投资联合体及其项目公司顺利组建，招商引战、配套支撑等取得重大阶段性成效。",
    "高标准推进“好房子、好小区、好社区、好城区”建设，建立“人、房、地、钱”要素联动机制。",
    "新建、改扩建基础教育学校2891所，义务教育全面实施“阳光分班”，新增普通高中学位5.8万个。",
    "“高效办成一件事”上线运行70个重点事项，平均跑动次数减少93%，办理时限压缩65%。",
    "13个县被命名为国家生态文明建设示范区，9个县（区）获评“两山”实践创新基地。",
    "强化企业创新主体地位，支持企业牵头组建创新联合体，新建2—3家省级制造业创新中心和25—30家省级及以上企业技术中心。",
    "强化科技数智赋能，打造文旅消费新场景，构建“演艺+体验+消费”产业链，加大定制化、体验式、沉浸式产品供给，打造精品旅游线路和产品。",
    "推进城镇公共服务向乡村延伸、社会事业向乡村覆盖、优质资源向乡村下沉，让更多群众在八桂大地上更好感受到“此心安处是吾乡”。",
    "推进贵阳至北海（南宁至北海段）、衡阳至南宁（龙胜至南宁段）等高速公路项目，推进“四好农村路”建设，全面启动旅游公路建设。",
    "深化拓展“人工智能+”，三年安排450亿元支持以AI为引领的新质生产力发展。",
    "加快发展多层次、多支柱养老保险体系，扩大失业、工伤保险覆盖面，稳妥推进基本医疗保险省级统筹，加强医保基金监管，引导支持“惠民保”发展。",
    "“引培留用”并举打造应用型、复合型、创新型人才队伍，支持企业引进国际顶尖团队和高端人才，培养更多工匠人才。",
    "积极有序化解地方政府债务风险，坚决遏制新增隐性债务，兜牢基层“三保”底线。",
    "深化幸福黄河三年行动，“一河一策”加强金堤河等支流保护治理，建设沿黄湿地生态保护修复带。",
    "全力打好治本攻坚三年行动收官战，加强矿山、危化、消防、建筑施工等领域安全监管，深入实施“一件事”全链条专项整治。",
    "提升书香河南建设水平，优化“城市书房”等新型文化业态布局。",
    "“十五五”时期是我国基本实现社会主义现代化夯实基础、全面发力的关键时期，也是湖北加快建成中部地区崛起的重要战略支点取得决定性进展的关键时期。",
    "通过“大力推动金融改革创新”和“严厉打击金融违法犯罪”两手并用，着力防控化解中小金融机构与非法金融活动等各类金融风险。",
    "坚持市场化、法治化原则，持续深化国有“三资”管理改革，更加科学务实盘活用好存量资源、资产、资金。",
    "我们要悉心打造人尽其才的平台，厚植近悦远来的沃土，营造“陇梧可栖、有凤来仪”的良好生态，让各类人才在陇原大地施展才华、大显身手。",
    "持续实施“扩量、提质、延链、增效”行动，强化农业科技支撑体系建设，做强做优“牛羊菜果薯药粮种”八大产业集群，全产业链产值超过6500亿元。",
    "八是实施农村水利惠民工程，建设1000个农村“水盆子”项目，其中小型水库7座、水池等调蓄设施993个。",
    "完善救灾应急响应机制和预案体系，各类生产安全事故起数、死亡人数保持“双下降”。",
    "打造旅游名县、精品环线，加快“冈仁波齐—玛旁雍错”等精品景区和文旅数智化建设，强化文旅创意营销，持续提振旅游消费。",
    "用好重大科技任务“揭榜挂帅”机制，创新科技金融服务，加强高原适用关键核心技术研究攻关。",
    "分类推进高校改革和特色发展，深入推进“双一流”高校和学科建设。",
    "“兴辽英才计划”深入实施，引进高层次人才4456人，新增专业技术人才19.3万人、技能人才19.6万人。",
    "全面落实全国统一大市场建设法规政策，深入推进公平竞争审查，深化招投标改革，整治“内卷式”竞争。",
    "坚持过紧日子，严肃财经纪律，严格实行“三公”经费限额管理，确保每一分钱都花在刀刃上。",
    "做好金融“五篇大文章”，完善“股贷债保”联动的金融服务体系，推动“保险+期货”协同发展，高质量推进铜川普惠金融改革试验区建设。",
    "推进西安国际化消费环境建设，拓展离境消费“即买即退”服务，新增退税商店100家以上。",
    "国家冰雪运动学院获批建设，设立“中小学生冰雪周”，冰雪运动超级联赛等新业态新场景新模式加快打造。",
    "深入开展产业项目建设年活动，建设“四单合一”产业项目3800个，总投资1万亿元以上，高技术制造业投资增长10%以上。",
    "推动政务服务增值化改革，拓展“免证办”“全程网办”和“全省通办”服务事项，加快“高效办成一件事”扩面增效。",
    "全省地区生产总值年均增长5%—5.5%，现代化基础设施体系更加完善，创新、宜居、美丽、韧性、文明、智慧的现代化人民城市建设取得重要进展。",
    "推进学前教育优质普惠发展，农牧区免费学前教育生均标准从380元提高至1000元，支持有条件的幼儿园招收2—3岁幼儿。",
    "——这五年，综合实力大幅跃升，实现争先进位新跨越。",
    "——这五年，创新动能更加强劲，站上并跑领跑新起点。",
    "（二）抓改革优环境。对标国际一流水平，持续深化“放管服”改革……",
    "新增1个国家级优势特色产业集群、1—2个现代农业产业园。",
    "支持各县分类、错位发展，做强做优1—2个主导产业，培育优势产业集群、特色板块经济，发展壮大县域经济。",
    "今年经济社会发展主要目标是：地区生产总值增长4.5%—5%，固定资产投资增长5%，社会消费品零售总额增长5%，进出口总额争取实现正增长，居民人均可支配收入与经济增长同步，居民消费价格总水平上涨幅度控制在2%左右，城镇新增就业人数45万人，城镇调查失业率控制在5.5%左右。",
    "“驾长车，踏破贺兰山缺。壮志饥餐胡虏肉，笑谈渴饮匈奴血……”前不久，我乘车进入苏峪口的贺兰山国家森林公园。",
]
_HAN_PAIR = regex.compile(r"(?<=\p{Han}{2})(?=\p{Han}{2})")
_HAN_INSIDE = regex.compile(r"(?<=\p{Han})\p{Han}(?=\p{Han})")
_RANGE = regex.compile(r"(\d+(?:\.\d+)?)(%?)—(\d+(?:\.\d+)?)(%?)")


def _at(sentence: str, start: int, remove: int, insert: str) -> tuple[str, int, int]:
    """The sentence with ``remove`` characters at ``start`` replaced by ``insert``, and where."""
    return sentence[:start] + insert + sentence[start + remove :], start, start + max(len(insert), 1)


def _first(sentence: str, mark: str) -> int:
    return sentence.index(mark)


def _middle(pattern: regex.Pattern, sentence: str) -> int | None:
    """The match of ``pattern`` nearest the middle of the sentence, outside quotes."""
    places = [
        m.start()
        for m in pattern.finditer(sentence)
        if sentence[: m.start()].count("“") == sentence[: m.start()].count("”")
    ]
    return min(places, key=lambda p: abs(p - len(sentence) // 2)) if places else None


def mutants(sentence: str):
    """``(operator, expected rule, mutant, planted start, planted end)`` for each error that fits."""
    comma = sentence.find("，")
    if comma > 0:
        yield "space-before-mark", "stray-space", *_at(sentence, comma, 0, " ")
        yield "space-after-mark", "stray-space", *_at(sentence, comma + 1, 0, " ")
        yield "halfwidth-comma", "halfwidth-punct", *_at(sentence, comma, 1, ",")
        yield "doubled-comma", "repeated-punct", *_at(sentence, comma, 1, "，，")
        yield "dunhao-before-comma", "repeated-punct", *_at(sentence, comma, 0, "、")
    gap = _middle(_HAN_PAIR, sentence)
    if gap is not None and sentence.endswith("。"):
        yield "space-between-chinese", "stray-space", *_at(sentence, gap, 0, " ")
    lost = _middle(_HAN_INSIDE, sentence)
    if lost is not None:
        yield "lost-character", "lost-character", *_at(sentence, lost, 1, "?")
    if sentence.endswith("。"):
        end = len(sentence) - 1
        if "，" in sentence or "；" in sentence:
            yield "end-mark-removed", "missing-end-mark", sentence[:end], end - 1, end
        yield "doubled-stop", "repeated-punct", *_at(sentence, end, 1, "。。")
        yield "dunhao-before-stop", "repeated-punct", *_at(sentence, end, 0, "、")
    quote = sentence.find("”")
    if quote > 0:  # the finding is at the quote left open
        opening = sentence.rindex("“", 0, quote)
        yield "quote-unclosed", "unpaired-bracket", sentence[:quote] + sentence[quote + 1 :], opening, opening + 1
    for m in _RANGE.finditer(sentence):
        yield "range-hyphen", "range-mark", *_at(sentence, m.start(), len(m.group()), f"{m[1]}{m[2]}-{m[3]}{m[4]}")
        if m[2]:
            yield "range-one-percent", "range-mark", *_at(sentence, m.start(), len(m.group()), f"{m[1]}—{m[3]}{m[4]}")
    if "……" in sentence:
        at = sentence.index("……")
        for wrong in ("。。。", "...", "…", "………"):
            yield f"ellipsis-{wrong}", "ellipsis-form", *_at(sentence, at, 2, wrong)
    if "——" in sentence:
        at = sentence.index("——")
        for wrong in ("--", "－－", "—"):
            yield f"dash-{wrong}", "dash-form", *_at(sentence, at, 2, wrong)


MUTANTS = [
    pytest.param(operator, rule, mutant, start, end, id=f"{index}-{operator}")
    for index, sentence in enumerate(CLEAN)
    for operator, rule, mutant, start, end in mutants(sentence)
]


def _findings(text: str):
    return [(d.rule, d.start.offset, d.end.offset) for d in lint_text(text, settings=SETTINGS).diagnostics]


@pytest.mark.parametrize("sentence", CLEAN)
def test_clean_sentences_give_no_finding(sentence):
    assert _findings(sentence) == []


@pytest.mark.parametrize(("operator", "rule", "mutant", "start", "end"), MUTANTS)
def test_every_mutant_is_caught_where_the_error_was_planted(operator, rule, mutant, start, end):
    found = _findings(mutant)
    near = [f for f in found if f[1] <= end and start <= f[2] + 1]
    assert [f[0] for f in near] == [rule], (mutant, found)
    assert found == near, (mutant, found)  # nothing anywhere else


def test_every_kind_of_error_is_planted():
    assert {p.values[0] for p in MUTANTS} == {
        "space-before-mark",
        "space-after-mark",
        "space-between-chinese",
        "end-mark-removed",
        "lost-character",
        "halfwidth-comma",
        "doubled-comma",
        "doubled-stop",
        "dunhao-before-comma",
        "dunhao-before-stop",
        "quote-unclosed",
        "range-hyphen",
        "range-one-percent",
        "ellipsis-。。。",
        "ellipsis-...",
        "ellipsis-…",
        "ellipsis-………",
        "dash---",
        "dash-－－",
        "dash-—",
    }
