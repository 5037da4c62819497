#!/usr/bin/env python3
"""bench/corpus.py — a deterministic corpus of district health work plans.

    python3 bench/corpus.py [--seed S] [-n N] [--size BYTES] -o DIR

writes DIR/txt/plan-00000.txt … (plain text, shaped like the 工作要点 that
offices publish) and DIR/md/plans/plan-00000.md … (the same content as
Hugo-ready Markdown: front matter title/date, ## and ### headings, ordered
lists numbered on).  The same seed, N and size give byte-identical files on
any Python 3: the generator draws from its own SplitMix64, never from the
`random` module, and each document from a stream of its own, so document k
is the same whatever N is.

Sentences are put together from the phrase tables below (written for this
benchmark: verbs, objects, groups, measures, laws and goals of district
health administration), not copied from documents.
"""

import argparse
import os
import sys

MASK = (1 << 64) - 1


class Rng:
    """SplitMix64: small, fast enough, and stable across Python versions."""

    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return self.next() < int(p * (1 << 64))

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out


# ---- Phrase tables ----

DISTRICTS = (
    "东城区 西城区 朝阳区 海淀区 丰台区 石景山区 门头沟区 房山区 通州区 "
    "顺义区 昌平区 大兴区 怀柔区 平谷区 密云区 延庆区 浦东新区 黄浦区 "
    "徐汇区 静安区 越秀区 天河区 福田区 南山区 武侯区 锦江区 渝中区 "
    "鼓楼区 玄武区 西湖区 拱墅区 历下区 市南区 和平区 河西区 雁塔区"
).split()

KINDS = ["工作要点"] * 6 + ["工作计划", "重点工作安排"]

LEADS = [
    "习近平新时代中国特色社会主义思想",
    "党的二十大精神",
    "健康中国战略",
    "新时代卫生与健康工作方针",
    "首都城市战略定位",
    "区委全会精神",
]

INTRO_ACTS = [
    "深入贯彻落实全国和全市卫生健康大会精神",
    "坚持以人民健康为中心",
    "坚持预防为主、防治结合",
    "坚持新发展理念",
    "统筹推进常态化疫情防控和卫生健康事业发展",
    "把人民健康放在优先发展的战略地位",
    "以深化医药卫生体制改革为主线",
    "以提升基层服务能力为重点",
    "以健康促进区建设为抓手",
    "以信息化建设为支撑",
]

INTRO_TASKS = [
    "医疗质量", "社区卫生", "公共卫生", "工程建设", "中医药发展",
    "妇幼健康", "卫生应急", "综合监督", "健康促进", "人才培养",
    "老龄健康", "信息化建设",
]

INTRO_SYSTEMS = [
    "医疗保障", "公共卫生", "医疗服务", "药品供应保障", "综合监管",
    "健康服务", "卫生应急",
]

VERBS = [
    "加强", "推进", "完善", "落实", "深化", "健全", "强化", "推动",
    "做好", "提升", "规范", "开展", "持续开展", "巩固", "扎实推进",
    "全面落实", "进一步加强", "积极推进", "稳步推进", "不断完善",
]

# Each topic: section headings, subsection headings, objects of work.
TOPICS = [
    {
        "heads": [
            "深化医药卫生体制改革，推动优质医疗资源均衡布局",
            "持续深化医改，健全分级诊疗制度",
            "统筹推进医改重点任务，提高改革综合效益",
        ],
        "subs": [
            "推进分级诊疗制度建设", "深化公立医院综合改革",
            "健全药品供应保障制度", "完善医疗联合体建设",
        ],
        "objs": [
            "紧密型医联体建设", "公立医院绩效考核", "医药分开综合改革",
            "医疗服务价格调整", "药品集中带量采购", "医保支付方式改革",
            "双向转诊工作机制", "专科医联体建设", "现代医院管理制度建设",
            "医疗服务收费监管", "短缺药品监测预警", "医用耗材阳光采购",
        ],
    },
    {
        "heads": [
            "加强疾病预防控制，筑牢公共卫生安全防线",
            "不断促进公共卫生服务均等化，提升公共卫生服务能力",
            "全面落实基本公共卫生服务项目，保障群众健康",
        ],
        "subs": [
            "加强重点传染病防控", "强化慢性病综合防治",
            "全面落实公共卫生服务项目", "做好免疫规划工作",
        ],
        "objs": [
            "传染病监测预警", "重点传染病防控", "艾滋病综合防治",
            "结核病防治", "免疫规划管理", "慢性病综合防控",
            "学校卫生工作", "职业病防治", "地方病监测", "病媒生物防制",
            "预防接种门诊规范化建设", "肠道传染病门诊管理",
        ],
    },
    {
        "heads": [
            "提高医疗服务质量，改善群众就医感受",
            "健全运行高效的医疗服务体系，提供优质医疗卫生服务",
            "坚持以病人为中心，持续改善医疗服务",
        ],
        "subs": [
            "着力提高医疗质量和服务水平", "持续改善医疗服务",
            "加强医疗安全管理", "推进区级质控中心建设",
        ],
        "objs": [
            "医疗质量控制", "院内感染管理", "预约诊疗服务",
            "便民门诊工作", "临床用血管理", "护理服务质量提升",
            "医疗纠纷人民调解", "日间手术试点", "合理用药监测",
            "处方点评工作", "危急重症救治能力建设", "多学科诊疗模式",
        ],
    },
    {
        "heads": [
            "加强基层卫生服务能力建设，夯实健康服务网底",
            "完善社区卫生服务体系，提升基层服务水平",
        ],
        "subs": [
            "加强社区卫生服务能力建设", "做实家庭医生签约服务",
            "规范村卫生室管理", "提升基层药事服务能力",
        ],
        "objs": [
            "社区卫生服务机构网络建设", "家庭医生签约服务",
            "村卫生室规范化管理", "居民电子健康档案管理",
            "社区慢病药品配备", "基层医疗机构标准化建设",
            "社区卫生服务绩效考核", "乡村医生队伍建设",
            "社区康复服务", "基层首诊制度",
        ],
    },
    {
        "heads": [
            "传承创新发展中医药事业，推动中医药振兴",
            "大力发展中医中药，提升中医药服务能力",
        ],
        "subs": [
            "加强中医药服务体系建设", "弘扬中医药文化",
            "推进中医药传承创新",
        ],
        "objs": [
            "中医药服务能力提升工程", "中医适宜技术推广",
            "名老中医药专家传承工作室建设", "中医治未病服务",
            "基层中医馆建设", "中医药文化宣传", "中西医协同诊疗",
            "中医药健康管理服务项目",
        ],
    },
    {
        "heads": [
            "加强妇幼健康服务，保障母婴安全",
            "完善妇幼健康服务体系，提升妇女儿童健康水平",
        ],
        "subs": [
            "保障母婴安全", "加强儿童健康管理", "做好生育服务工作",
        ],
        "objs": [
            "危重孕产妇和新生儿救治", "孕产妇健康管理",
            "出生缺陷综合防治", "儿童健康管理", "托幼机构卫生保健",
            "婚前孕前保健服务", "妇女两癌筛查", "生育登记服务",
            "母婴设施建设", "普惠托育服务体系建设",
        ],
    },
    {
        "heads": [
            "完善卫生应急体系，提高突发事件处置能力",
            "加强卫生应急管理，保障城市运行安全",
        ],
        "subs": [
            "完善卫生应急组织体系", "加强院前急救体系建设",
            "做好重大活动医疗保障",
        ],
        "objs": [
            "突发公共卫生事件应急处置", "卫生应急队伍建设",
            "应急物资储备", "院前医疗急救网络", "急救站点布局",
            "重大活动医疗卫生保障", "联防联控机制", "应急演练",
            "发热门诊规范化建设", "监测哨点建设",
        ],
    },
    {
        "heads": [
            "加强卫生健康综合监督，维护人民群众健康权益",
            "强化法治建设，提升卫生健康综合监管水平",
        ],
        "subs": [
            "加强医疗服务监管", "强化公共卫生监督",
            "推进依法行政",
        ],
        "objs": [
            "医疗机构依法执业监管", "打击非法行医", "生活饮用水卫生监管",
            "公共场所卫生监管", "学校卫生监督", "控烟执法检查",
            "双随机一公开抽查", "医疗废物处置监管", "信用监管体系建设",
            "放射卫生监督", "消毒产品监管",
        ],
    },
    {
        "heads": [
            "深入开展爱国卫生运动，推进健康区建设",
            "实施健康促进行动，提高居民健康素养",
        ],
        "subs": [
            "深入开展爱国卫生运动", "推进健康促进区建设",
            "加强控烟工作",
        ],
        "objs": [
            "健康社区创建", "健康促进示范村建设", "无烟环境建设",
            "环境卫生整治", "居民健康素养监测", "全民健康生活方式行动",
            "健康科普宣传", "国家卫生区复审", "病媒生物防制",
            "健康指导员队伍建设",
        ],
    },
    {
        "heads": [
            "推进卫生健康信息化建设，提升智慧医疗水平",
            "推进信息化应用建设，提升信息化管理水平",
        ],
        "subs": [
            "完善区域卫生信息平台", "推进互联网医疗服务",
            "加强网络与数据安全",
        ],
        "objs": [
            "区域卫生信息平台建设", "电子病历应用水平评级",
            "检查检验结果互认", "互联网诊疗服务", "远程会诊系统",
            "网络安全等级保护", "卫生健康数据共享交换", "智慧医院建设",
            "人口信息质量建设",
        ],
    },
    {
        "heads": [
            "加强人才队伍建设，增强事业发展动力",
            "完善分配激励机制，强化人才队伍建设",
        ],
        "subs": [
            "加强卫生人才培养", "完善人才激励机制",
        ],
        "objs": [
            "住院医师规范化培训", "全科医生培养", "学科带头人培养",
            "护理人才队伍建设", "继续医学教育", "卫生专业技术职称评审",
            "薪酬制度改革", "高层次人才引进", "基层人才定向培养",
        ],
    },
    {
        "heads": [
            "积极应对人口老龄化，推进老年健康服务",
            "健全老年健康服务体系，推进医养结合",
        ],
        "subs": [
            "推进医养结合", "加强老年健康服务",
        ],
        "objs": [
            "医养结合机构建设", "老年友善医疗机构创建",
            "安宁疗护试点", "老年人健康管理", "失能老年人健康评估",
            "居家医疗服务", "老年健康宣传周活动",
        ],
    },
    {
        "heads": [
            "全面从严治党，加强行业作风建设",
            "加强党的建设，营造风清气正的行业环境",
        ],
        "subs": [
            "加强基层党组织建设", "深化行业作风建设",
        ],
        "objs": [
            "党风廉政建设", "医德医风建设", "行风建设专项治理",
            "公立医院党建工作", "医疗卫生领域腐败问题集中整治",
            "窗口服务作风建设", "政务公开工作",
        ],
    },
]

GROUPS = [
    "适龄儿童", "65岁及以上老年人", "孕产妇", "中小学生", "高血压患者",
    "糖尿病患者", "育龄妇女", "流动人口", "严重精神障碍患者", "新生儿",
    "35-64岁妇女", "40周岁及以上居民", "在校学生", "农村户籍孕产妇",
    "失能老年人", "重点职业人群",
]

SERVICES = [
    "免费健康体检", "窝沟封闭预防龋齿服务", "流感疫苗免费接种",
    "宫颈癌和乳腺癌筛查", "家庭医生签约服务", "脑卒中危险因素评估",
    "健康管理服务", "免费增补叶酸服务", "听力筛查", "视力筛查",
    "口腔健康检查", "骨密度检测", "上门随访服务", "中医体质辨识",
]

METRICS = [
    "规范管理率", "健康档案建档率", "疫苗接种率", "健康知识知晓率",
    "签约覆盖率", "群众满意度", "随访率", "筛查覆盖率", "检出率",
    "救治成功率", "信息准确率", "达标率",
]

MECHS = [
    "工作机制", "联防联控机制", "考核评价体系", "长效管理机制",
    "信息通报制度", "督导检查制度", "多部门协作机制", "定期公示制度",
    "质量控制体系", "责任追究制度",
]

LAWS = [
    "基本医疗卫生与健康促进法", "传染病防治法", "中医药法", "母婴保健法",
    "医疗机构管理条例", "北京市控制吸烟条例", "医疗纠纷预防和处理条例",
    "突发公共卫生事件应急条例", "北京市院前医疗急救服务条例",
    "医疗机构临床用血管理办法", "医疗质量管理办法",
]

PLATFORMS = [
    "区域卫生信息平台", "医疗联合体", "家庭医生团队", "社区卫生服务中心",
    "区疾病预防控制中心", "区妇幼保健院", "区中医医院", "区卫生监督所",
    "区急救分中心", "健康小屋",
]

GOALS = [
    "切实保障人民群众身体健康", "提高群众就医获得感", "不断提升服务能力和水平",
    "确保各项任务落到实处", "筑牢公共卫生安全防线", "方便群众就近就医",
    "提高管理的规范化和精细化水平", "形成工作合力", "促进资源合理配置",
    "推动工作提质增效", "减轻群众就医负担", "提升居民健康水平",
]

DEADLINES = ["年底前", "上半年", "三季度前", "年内", "10月底前", "6月底前"]

UNITS = [
    "各医疗机构", "各社区卫生服务中心", "各镇（街道）", "区属各医院",
    "各相关科室", "区疾控中心", "各专业公共卫生机构",
]

ANNOTATIONS = [
    ("办实事项目", 1, 40),
    ("区政府折子工程", 1, 160),
    ("区政府重点工作", 1, 60),
]


# ---- Sentences ----

def clause(r, objs):
    return r.pick(VERBS) + r.pick(objs)


def sentence(r, objs, year):
    """One body sentence ending in 。"""
    k = r.below(10)
    if k == 0:
        return "%s%s，%s，%s。" % (r.pick(DEADLINES), clause(r, objs),
                                 clause(r, objs), r.pick(GOALS))
    if k == 1:
        return "为%d名%s提供%s。" % (r.pick((500, 1000, 2000, 3000, 5000,
                                             8000, 10000, 20000, 50000)),
                                   r.pick(GROUPS), r.pick(SERVICES))
    if k == 2:
        return "%s%s达到%d%%以上。" % (r.pick(GROUPS), r.pick(METRICS),
                                     r.between(60, 99))
    if k == 3:
        return "建立健全%s，%s。" % (r.pick(MECHS), clause(r, objs))
    if k == 4:
        return "按照《%s》要求，%s，%s。" % (r.pick(LAWS), clause(r, objs),
                                         r.pick(GOALS))
    if k == 5:
        return "依托%s，%s，%s。" % (r.pick(PLATFORMS), clause(r, objs),
                                   clause(r, objs))
    if k == 6:
        return "%s要%s，%s。" % (r.pick(UNITS), clause(r, objs),
                              r.pick(GOALS))
    if k == 7:
        return "%d年新建%d个%s，完成%s。" % (year, r.between(2, 30),
                                         r.pick(PLATFORMS), r.pick(objs))
    if k == 8:
        return "%s、%s、%s，%s。" % (clause(r, objs), clause(r, objs),
                                 clause(r, objs), r.pick(GOALS))
    return "%s，%s。" % (clause(r, objs), r.pick(GOALS))


NUMS = "一二三四五六七八九十"


def cn_number(n):
    """1 → 一, 12 → 十二 (n < 100)."""
    if n <= 10:
        return NUMS[n - 1]
    if n < 20:
        return "十" + NUMS[n - 11]
    s = NUMS[n // 10 - 1] + "十"
    return s + (NUMS[n % 10 - 1] if n % 10 else "")


def enumeration(r, objs):
    """An inline enumeration 一是…；二是…。"""
    parts = []
    for i in range(r.between(2, 4)):
        parts.append("%s是%s，%s" % (NUMS[i], clause(r, objs),
                                    clause(r, objs)))
    return "；".join(parts) + "。"


def annotation(r):
    name, lo, hi = r.pick(ANNOTATIONS)
    return "（%s%d）" % (name, r.between(lo, hi))


def intro(r, year, district):
    leads = r.sample(LEADS, 2)
    acts = r.sample(INTRO_ACTS, 3)
    tasks = r.sample(INTRO_TASKS, 4)
    systems = r.sample(INTRO_SYSTEMS, 3)
    return ("%d年全区卫生健康工作坚持以%s为指导，深入贯彻%s，%s，%s，"
            "在区委、区政府的坚强领导下，%s，全力以赴抓好%s、%s、%s、%s"
            "等重点工作，进一步完善%s、%s和%s体系建设，提高卫生健康综合"
            "服务能力，为建设健康%s提供有力保障。"
            % (year, leads[0], leads[1], acts[0], acts[1], acts[2],
               tasks[0], tasks[1], tasks[2], tasks[3], systems[0],
               systems[1], systems[2], district.rstrip("区新")))


def split_counts(r, total, parts, least):
    """total split into parts counts, each >= least."""
    counts = [least] * parts
    for _ in range(total - least * parts):
        counts[r.below(parts)] += 1
    return counts


# ---- A document ----

def make_doc(seed, k, size):
    """Return (title, year, day, blocks): blocks are ('p', text),
    ('h1', label, text), ('h2', label, text), ('item', n, text, gap)."""
    r = Rng(seed * 0x100000001B3 + k * 0x9E3779B1 + 1)
    year = r.between(2012, 2023)
    district = r.pick(DISTRICTS)
    dept = "卫生" if year <= 2013 else "卫生计生" if year <= 2018 else "卫生健康"
    title = "%d年%s%s%s" % (year, district, dept, r.pick(KINDS))
    nsec = r.between(8, 12)
    nitems = r.between(40, 120)
    topics = r.sample(TOPICS, nsec) if nsec <= len(TOPICS) else TOPICS
    per_sec = split_counts(r, nitems, nsec, 2)
    target = size * r.between(90, 110) // 100

    blocks = [("p", intro(r, year, district))]
    used = len(title.encode()) + len(blocks[0][1].encode())
    heads = []
    for s in range(nsec):
        t = topics[s]
        heads.append(("h1", cn_number(s + 1) + "、", r.pick(t["heads"])))
        used += 80
    # Bytes per item, before jitter.
    budget = max(60, (target - used - nsec * 40) // nitems)

    n = 1
    for s in range(nsec):
        t = topics[s]
        blocks.append(heads[s])
        count = per_sec[s]
        if count >= 4 and r.chance(0.4):
            nsub = min(r.between(2, 4), count // 2, len(t["subs"]))
            subs = split_counts(r, count, nsub, 1)
            names = r.sample(t["subs"], nsub)
        else:
            subs, names = [count], [None]
        for j, c in enumerate(subs):
            if names[j] is not None:
                head = names[j]
                if r.chance(0.2):
                    head += annotation(r)
                blocks.append(("h2", "（%s）" % cn_number(j + 1), head))
            for _ in range(c):
                want = budget * r.between(60, 140) // 100
                text = clause(r, t["objs"]) + "。"
                # Stop within half a sentence of want, on either side.
                while len(text.encode()) + 60 < want:
                    if r.chance(0.02):
                        text += enumeration(r, t["objs"])
                    else:
                        text += sentence(r, t["objs"], year)
                if r.chance(0.15):
                    text += annotation(r)
                blocks.append(("item", n, text, not r.chance(0.03)))
                n += 1
    return title, year, r.between(1, 28), blocks


def to_txt(title, blocks):
    out = [title, ""]
    for b in blocks:
        if b[0] == "p":
            out += [b[1], ""]
        elif b[0] in ("h1", "h2"):
            out += [b[1] + b[2], ""]
        else:
            if not b[3] and out and out[-1] == "":
                out.pop()
            out += ["%d.%s" % (b[1], b[2]), ""]
    return "\n".join(out)


def to_md(title, year, day, blocks):
    out = ["---", 'title: "%s"' % title, "date: %d-01-%02d" % (year, day),
           "---", ""]
    in_list = False
    for b in blocks:
        if b[0] == "item":
            out.append("%d. %s" % (b[1], b[2]))
            in_list = True
            continue
        if in_list:
            out.append("")
            in_list = False
        if b[0] == "p":
            out += [b[1], ""]
        elif b[0] == "h1":
            out += ["## " + b[1] + b[2], ""]
        else:
            out += ["### " + b[1] + b[2], ""]
    if in_list:
        out.append("")
    return "\n".join(out)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--size", type=int, default=20000,
                    help="bytes of a document, on average (plain text)")
    ap.add_argument("--first", type=int, default=0,
                    help="number of the first document")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()
    txt = os.path.join(a.out, "txt")
    md = os.path.join(a.out, "md", "plans")
    os.makedirs(txt, exist_ok=True)
    os.makedirs(md, exist_ok=True)
    for k in range(a.first, a.first + a.n):
        title, year, day, blocks = make_doc(a.seed, k, a.size)
        name = "plan-%05d" % k
        write(os.path.join(txt, name + ".txt"), to_txt(title, blocks))
        write(os.path.join(md, name + ".md"), to_md(title, year, day, blocks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
