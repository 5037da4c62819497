#!/usr/bin/env bash
# site-info.sh — the metadata table (issue 17): 发文机关 is the office's
# full name in the document's year (市卫生计生委 of 2016 → …卫生和计划
# 生育委员会, of 2019 → …卫生健康委员会, its place from the text);
# 文号, 索引号, 成文日期 and 发布日期 come from the text where front
# matter does not give them (front matter wins), from fields written
# with a colon or a blank (发布机构 X).  Expectations written by hand,
# for made-up documents and for those of content/.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
c=$tmp/content
mkdir -p "$c"
# An issuer named by its level alone; its district named in the text.
for y in 2016 2019; do
	cat > "$c/level-$y.txt" <<DOC
区卫生计生委${y}年卫生计生工作总结

一、主要工作

1.海淀区基层医疗卫生机构全部完成标准化建设。

2.海淀区家庭医生签约服务覆盖率达到40%。
DOC
done
# A web page: fields with a blank after the key, several on a line,
# a 文号 in front matter that wins over the page's.
cat > "$c/page.txt" <<'DOC'
---
文号: 东卫发〔2022〕3号
---
当前位置：首页 > 政务公开 > 通知公告
索引号 11010100/2022-00123 组配分类 计划总结
发布机构 北京市东城区卫生健康委员会 生成日期 2022-01-20
文号: 东卫发〔2022〕99号 发布日期: 2022-01-25
2022年东城区卫生健康工作要点
发布时间:2022-01-26 10:00 来源:东城区卫生健康委员会
一、总体要求
1. 提高医疗服务水平。
DOC
# A 版头's 文号 and the date under the signature.
cat > "$c/banner.txt" <<'DOC'
京卫计〔2017〕12号

北京市卫生和计划生育委员会2017年工作要点

一、总体要求

1.推进医药卫生体制改革。

北京市卫生和计划生育委员会
2017年2月20日
DOC
printf '[site]\ntitle = t\n[paths]\ncontent = %s\n' "$c" > "$tmp/config.ini"
if ! "$GEN" build -c "$tmp/config.ini" -o "$tmp/out" > "$tmp/log" 2>&1 ||
    ! "$GEN" build -o "$tmp/site" >> "$tmp/log" 2>&1 ||
    ! "$GEN" dump --json "$TOP"/content/*.txt > "$tmp/content.json" 2>> "$tmp/log"; then
	cat "$tmp/log"
	exit 1
fi
python3 - "$tmp" <<'PY'
import json, os, re, sys
tmp = sys.argv[1]
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, read_text
check = Checks()

def info(path):
    page = read_text(path)
    m = re.search(r'<dl class="doc-info">(.*?)</dl>', page, re.S)
    return dict(re.findall(r"<dt>([^<]*)</dt><dd>(?:<a [^>]*>)?([^<]*)", m.group(1) if m else ""))

out = os.path.join(tmp, "out")
d = info(os.path.join(out, "level-2016.html"))
check(d.get("发文机关") == "海淀区卫生和计划生育委员会", f"level-2016 发文机关: {d}")
d = info(os.path.join(out, "level-2019.html"))
check(d.get("发文机关") == "海淀区卫生健康委员会", f"level-2019 发文机关: {d}")
d = info(os.path.join(out, "page.html"))
want = {"索引号": "11010100/2022-00123", "文号": "东卫发〔2022〕3号",
        "成文日期": "2022-01-20", "发布日期": "2022-01-25",
        "发文机关": "北京市东城区卫生健康委员会"}
for k, v in want.items():
    check(d.get(k) == v, f"page.html {k} = {v!r} (got {d.get(k)!r})")
page = read_text(out, "page.html")
check("东卫发〔2022〕99号" not in page, "the page's own 文号 loses to front matter's")
check("当前位置" not in page and "组配分类" not in page and "10:00" not in page,
      "the page's fields are not in the text")
d = info(os.path.join(out, "banner.html"))
check(d.get("文号") == "京卫计〔2017〕12号", f"banner 文号: {d}")
check(d.get("成文日期") == "2017-02-20", f"banner 成文日期: {d}")
check(d.get("发文机关") == "北京市卫生和计划生育委员会", f"banner 发文机关: {d}")

# content/: what each page's fields say, read by hand from the files.
docs = {os.path.basename(x["source"]): x for x in json.loads(read_text(tmp, "content.json"))}
q = docs["2023-qingyang-weijian-zhongdian-gongzuo-jinzhan-qingkuang.txt"]
# 索引号: 11341823MB1566401C/202401-00005 …; 文号: and 成文日期: empty
check(q.get("索引号") == "11341823MB1566401C/202401-00005", f"qingyang 索引号 {q.get('索引号')!r}")
check(q.get("发布日期") == "2024-01-04", f"qingyang 发布日期 {q.get('发布日期')!r}")
check("文号" not in q and "成文日期" not in q, f"qingyang: empty 文号 and 成文日期 recorded: {q.get('文号')!r} {q.get('成文日期')!r}")
z = docs["2024-zhejiang-weijian-minsheng-shishi-jinzhan-qingkuang.txt"]
# 索引号 001008009005020/2024-196819 (a blank, no colon); 生成日期 2024-05-09
check(z.get("索引号") == "001008009005020/2024-196819", f"zhejiang 索引号 {z.get('索引号')!r}")
check(z.get("成文日期") == "2024-05-09", f"zhejiang 成文日期 {z.get('成文日期')!r}")
check(z.get("发布日期") == "2024-05-09", f"zhejiang 发布日期 {z.get('发布日期')!r}")
h = docs["2022-hainan-weimin-banshishi-jihua.txt"]
check(h.get("发布日期") == "2022-02-23", f"hainan 发布日期 {h.get('发布日期')!r}")
b = docs["2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.txt"]
check(b.get("org") == "市卫生计生委" and b.get("org_place") == "北京市", f"2017 org {b.get('org')!r} at {b.get('org_place')!r}")
d = info(os.path.join(tmp, "site", "2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.html"))
check(d.get("发文机关") == "北京市卫生和计划生育委员会", f"2017 发文机关: {d.get('发文机关')!r}")
check.finish()
PY
