#!/usr/bin/env bash
# bench/stages.sh — a build's instructions per input byte by stage, from
# a callgrind profile of `gen build -j 1` (bench/profile.sh writes one):
#
#   bench/stages.sh CALLGRIND.OUT INPUT-BYTES
#
# Each row is a function's inclusive instructions ÷ the input's bytes
# (a stage's function, or a part of one, indented).  Functions that
# never ran are left out.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 CALLGRIND.OUT INPUT-BYTES" >&2; exit 2; }
export LC_ALL=C
callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
awk -v bytes="$2" '
BEGIN {
	n = split("whole build|PROGRAM TOTALS;" \
	    "reading a document|build.c:read_one;" \
	    "· parsing|load.c:doc_parse;" \
	    "·· text cleaning|text.c:text_clean;" \
	    "·· unwrapping|unwrap.c:text_unwrap;" \
	    "·· outline|outline.c:outline_parse_max;" \
	    "·· metadata|meta.c:meta_infer;" \
	    "·· key figures (also when a tree is unpacked)|figures.c:figures_doc;" \
	    "·· personal data|pii.c:pii_scan;" \
	    "· summary|summary.c:summary_make;" \
	    "· figures CSV|figures_view.c:figures_csv;" \
	    "· relation signatures|relitems.c:relitems_encode;" \
	    "· packing the tree|pack.c:doc_pack_put;" \
	    "the site (summaries, tags, series)|site.c:site_new;" \
	    "relations across documents|relitems.c:relitems_new;" \
	    "document pages|build.c:page_one;" \
	    "· unpacking the tree|build.c:doc_tree;" \
	    "· the page|site.c:site_doc_page;" \
	    "·· key figures (view_figures)|figures_view.c:view_figures;" \
	    "·· related items|relitems.c:relitems_view;" \
	    "· source page|site.c:site_src_page;" \
	    "· SLUG.json|site.c:site_doc_json;" \
	    "track and comparison pages|build.c:pass_tracks;" \
	    "other pages (lists, tags)|build.c:xpage_one;" \
	    "Mustache, all pages|render.c:mustache_render_sink;" \
	    "· name look-ups|render.c:lookup_op;" \
	    "· HTML escaping|render.c:html_escape", rows, ";")
	for (i = 1; i <= n; i++) {
		split(rows[i], kv, "|")
		label[i] = kv[1]; fn[i] = kv[2]
	}
}
{
	ir = $1; gsub(/,/, "", ir)
	if ($0 ~ /PROGRAM TOTALS/) { val["PROGRAM TOTALS"] = ir; next }
	# "N (P%)  /path/gen/x/file.c:func [bin]": keep file.c:func
	f = $0; sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +(\* +)?/, "", f)
	sub(/ \[.*$/, "", f); sub(/^.*\//, "", f)
	if (!(f in val) || ir + 0 > val[f] + 0) val[f] = ir
}
END {
	printf "| stage | Ir ÷ input byte |\n|---|---:|\n"
	for (i = 1; i <= n; i++)
		if (fn[i] in val && val[fn[i]] / bytes >= 0.5)
			printf "| %s | %.0f |\n", label[i], val[fn[i]] / bytes
}'
