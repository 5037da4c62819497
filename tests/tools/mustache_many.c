/*
 * mustache_many.c — render many Mustache cases from one JSON file with
 * gen's engine (the differential test, tests/diff/).
 *
 *   mustache_many CASES.json > OUT.json
 *
 * CASES.json is an array of {"template": "...", "partials": {NAME:
 * "..."}, "data": ...}.  Each case gets a fresh set.  OUT.json is an
 * array with, for each case in order, {"out": "..."} or {"error":
 * "..."} (the diagnostics).  Exit 0 unless the input cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "mustache/mustache_int.h"

/* Render one case; return {"out": ...} or {"error": ...}. */
static cJSON *
render_case(const cJSON *c)
{
	const cJSON		*tmpl, *data, *parts, *p;
	struct mustache_set	*set;
	const struct mustache	*t;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct buf		 out = BUF_INIT, msg = BUF_INIT;
	const struct value	*ctx = NULL;
	cJSON			*res = cJSON_CreateObject();
	char			*json, err[256];
	size_t			 i;
	int			 ok = 0;

	tmpl = cJSON_GetObjectItemCaseSensitive(c, "template");
	data = cJSON_GetObjectItemCaseSensitive(c, "data");
	parts = cJSON_GetObjectItemCaseSensitive(c, "partials");
	if (!cJSON_IsString(tmpl)) {
		cJSON_AddStringToObject(res, "error", "no template");
		return res;
	}
	json = data != NULL ? cJSON_PrintUnformatted(data) : NULL;
	ctx = json != NULL ? json_parse(&a, json, strlen(json), err,
	    sizeof(err)) : value_obj(&a);
	free(json);
	set = mustache_new(NULL);
	cJSON_ArrayForEach(p, parts)
		if (cJSON_IsString(p))
			mustache_add(set, p->string, p->valuestring,
			    strlen(p->valuestring));
	mustache_add(set, "case template", tmpl->valuestring,
	    strlen(tmpl->valuestring));
	if (ctx == NULL)
		buf_printf(&msg, "data: %s", err);
	else if ((t = mustache_get(set, "case template", &d)) != NULL &&
	    mustache_render(set, t, ctx, &out, &d) == 0)
		ok = 1;
	for (i = 0; i < d.n; i++)
		buf_printf(&msg, "%s%s:%d:%d: %s", msg.len ? "\n" : "",
		    d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
	if (ok)
		cJSON_AddStringToObject(res, "out", buf_cstr(&out));
	else
		cJSON_AddStringToObject(res, "error", buf_cstr(&msg));
	mustache_free(set);
	buf_free(&out);
	buf_free(&msg);
	diags_free(&d);
	arena_free(&a);
	return res;
}

int
main(int argc, char *argv[])
{
	struct buf	 text = BUF_INIT;
	cJSON		*cases, *results;
	const cJSON	*c;
	char		*s;

	if (argc != 2) {
		fprintf(stderr, "usage: mustache_many CASES.json\n");
		return 2;
	}
	if (file_read(argv[1], &text) == -1 ||
	    (cases = cJSON_Parse(buf_cstr(&text))) == NULL ||
	    !cJSON_IsArray(cases)) {
		fprintf(stderr, "%s: cannot read a JSON array\n", argv[1]);
		return 2;
	}
	results = cJSON_CreateArray();
	cJSON_ArrayForEach(c, cases)
		cJSON_AddItemToArray(results, render_case(c));
	s = cJSON_PrintUnformatted(results);
	fputs(s, stdout);
	putchar('\n');
	free(s);
	cJSON_Delete(results);
	cJSON_Delete(cases);
	buf_free(&text);
	return 0;
}
