#!/usr/bin/env bash
# bench/render.sh — gen's Mustache engine against mustache.js 4.2.0 on the
# same template and data: a 10,000-item section loop with escaping (Chinese
# strings with & < > " '), compiled once, rendered RUNS times each; prints
# the median MB/s of output of both and the ratio.  Checks that both
# outputs are the same.
#
#   bench/render.sh [RUNS]        (default 21; B=build folder, default build)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-21}
B=${B:-build}
make -s B="$B" GEN="$B/gen" "$B/libgen.a" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cc -O2 -std=c11 -D_GNU_SOURCE -Igen \
    $(pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson) \
    -o "$tmp/render_bench" bench/render_bench.c "$B/libgen.a" \
    $(pkg-config --libs libcjson 2>/dev/null || echo -lcjson) \
    $(pkg-config --libs libcmark 2>/dev/null || echo -lcmark) -lm -lpthread

cat > "$tmp/t.mustache" <<'EOT'
<h1>{{title}}</h1>
<ol class="items">
{{#items}}
  <li id="item-{{id}}" class="{{#done}}done{{/done}}{{^done}}open{{/done}}">
    <span class="num">{{label}}</span> {{text}}
    <span class="org">{{org.name}}</span>{{#tags}} <em>{{.}}</em>{{/tags}}
  </li>
{{/items}}
</ol>
EOT
python3 - "$tmp/d.json" <<'EOP'
import json, sys
texts = ["推进<重点>项目 & 民生工程建设", "完成\"十三五\"规划中期评估 & 整改",
         "加强<基层>党组织建设，落实'两学一做'", "优化营商环境 & 深化放管服改革",
         "开展城乡环境整治 <专项> 行动"]
orgs = ["区发展改革委", "区财政局 & 区审计局", "区委组织部<牵头>", "区商务局"]
items = []
for i in range(10000):
    items.append({
        "id": i + 1,
        "label": "（%d）" % (i + 1),
        "text": texts[i % len(texts)],
        "done": i % 3 != 0,
        "org": {"name": orgs[i % len(orgs)]},
        "tags": ["办实事项目%d" % (i % 30)] if i % 4 == 0 else [],
    })
json.dump({"title": "昌平区2016年<工作>要点 & 完成情况", "items": items},
          open(sys.argv[1], "w"), ensure_ascii=False)
EOP

line=$("$tmp/render_bench" "$tmp/t.mustache" "$tmp/d.json" "$runs" "$tmp/gen.out")
read -r _ gbytes gsec <<<"$line"
gmbs=$(awk -v b="$gbytes" -v s="$gsec" 'BEGIN { printf "%.1f", b / s / 1e6 }')
echo "gen:         $gbytes bytes, median $(awk -v s="$gsec" 'BEGIN { printf "%.2f", s * 1000 }') ms, $gmbs MB/s ($runs runs)"

if ! command -v node >/dev/null 2>&1 || [ ! -f node_modules/mustache/package.json ]; then
	echo "mustache.js: skipped (node or node_modules/mustache missing: make deps)"
	exit 0
fi
line=$(node bench/render_bench.js "$tmp/t.mustache" "$tmp/d.json" "$runs" "$tmp/js.out")
read -r _ jbytes jsec <<<"$line"
jmbs=$(awk -v b="$jbytes" -v s="$jsec" 'BEGIN { printf "%.1f", b / s / 1e6 }')
echo "mustache.js: $jbytes bytes, median $(awk -v s="$jsec" 'BEGIN { printf "%.2f", s * 1000 }') ms, $jmbs MB/s ($runs runs)"
if cmp -s "$tmp/gen.out" "$tmp/js.out"; then
	echo "outputs:     identical"
else
	echo "outputs:     DIFFER"
	exit 1
fi
awk -v g="$gsec" -v j="$jsec" 'BEGIN { printf "ratio:       gen is %.1fx as fast as mustache.js\n", j / g }'
