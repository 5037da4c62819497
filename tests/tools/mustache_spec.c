/*
 * mustache_spec.c — run the Mustache specification's tests against gen's
 * engine.
 *
 *   mustache_spec [-v] DIR
 *
 * Reads every .json file of DIR (the spec modules, e.g. tests/mustache-spec),
 * and for each test builds a fresh set: its partials are added with
 * mustache_add(), its data goes through json_parse(), its template is
 * rendered and compared byte for byte with "expected".  ~lambdas.json is
 * skipped: lambdas need code in the data.  Prints one line per module
 * ("interpolation: 42/42"), every failure with its output, and at the end
 * "N passed, N failed".  Exit 0 when every test passed, 1 otherwise.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "mustache/mustache_int.h"

static int	 verbose;

/* Print s[0..len) as a C string literal, for failure reports. */
static void
show(const char *label, const char *s, size_t len)
{
	size_t	 i;

	printf("    %-9s \"", label);
	for (i = 0; i < len; i++)
		switch (s[i]) {
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(s[i]);
		}
	puts("\"");
}

/* Run one test; return 1 when it passed. */
static int
run_test(const char *module, const cJSON *test)
{
	const cJSON		*name, *tmpl, *want, *data, *parts, *p;
	struct mustache_set	*set;
	const struct mustache	*t;
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct buf		 out = BUF_INIT;
	struct value		*ctx = NULL;
	char			*json, err[256];
	int			 ok = 0;

	name = cJSON_GetObjectItemCaseSensitive(test, "name");
	tmpl = cJSON_GetObjectItemCaseSensitive(test, "template");
	want = cJSON_GetObjectItemCaseSensitive(test, "expected");
	data = cJSON_GetObjectItemCaseSensitive(test, "data");
	parts = cJSON_GetObjectItemCaseSensitive(test, "partials");
	if (!cJSON_IsString(name) || !cJSON_IsString(tmpl) ||
	    !cJSON_IsString(want) || data == NULL) {
		printf("FAIL %s: a test without name, template, expected "
		    "or data\n", module);
		return 0;
	}
	json = cJSON_PrintUnformatted(data);
	if (json != NULL)
		ctx = json_parse(&a, json, strlen(json), err, sizeof(err));
	free(json);
	set = mustache_new(NULL);
	cJSON_ArrayForEach(p, parts)
		if (cJSON_IsString(p))
			mustache_add(set, p->string, p->valuestring,
			    strlen(p->valuestring));
	/* a name no partial of the spec uses */
	mustache_add(set, "spec template", tmpl->valuestring,
	    strlen(tmpl->valuestring));
	if (ctx != NULL && (t = mustache_get(set, "spec template", &d)) != NULL &&
	    mustache_render(set, t, ctx, &out, &d) == 0)
		ok = out.len == strlen(want->valuestring) &&
		    memcmp(out.data, want->valuestring, out.len) == 0;
	if (!ok || verbose)
		printf("%s %s: %s\n", ok ? "ok  " : "FAIL", module,
		    name->valuestring);
	if (!ok) {
		show("template", tmpl->valuestring, strlen(tmpl->valuestring));
		show("expected", want->valuestring, strlen(want->valuestring));
		show("got", out.data ? out.data : "", out.len);
		if (ctx == NULL)
			printf("    data: %s\n", err);
		diags_print(&d, stdout);
	}
	mustache_free(set);
	buf_free(&out);
	diags_free(&d);
	arena_free(&a);
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char *argv[])
{
	const char	*dir;
	DIR		*dp;
	struct dirent	*de;
	char		**files = NULL, *module, *dot;
	size_t		 nfiles = 0, i, n;
	struct buf	 path = BUF_INIT, text = BUF_INIT;
	cJSON		*spec;
	const cJSON	*test, *tests;
	int		 passed = 0, failed = 0, mp, mf, req_p = 0, req_n = 0;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		argc--;
		argv++;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: mustache_spec [-v] DIR\n");
		return 2;
	}
	dir = argv[1];
	if ((dp = opendir(dir)) == NULL) {
		perror(dir);
		return 2;
	}
	while ((de = readdir(dp)) != NULL) {
		n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0) {
			files = xreallocarray(files, nfiles + 1,
			    sizeof(*files));
			files[nfiles++] = xstrdup(de->d_name);
		}
	}
	closedir(dp);
	qsort(files, nfiles, sizeof(*files), by_name);
	for (i = 0; i < nfiles; i++) {
		module = files[i][0] == '~' ? files[i] + 1 : files[i];
		if ((dot = strrchr(module, '.')) != NULL)
			*dot = '\0';
		if (strcmp(module, "lambdas") == 0) {
			printf("%s: skipped (lambdas need code in the data)\n",
			    module);
			continue;
		}
		buf_reset(&path);
		buf_printf(&path, "%s/%s.json", dir, files[i]);
		buf_reset(&text);
		if (file_read(path.data, &text) == -1 ||
		    (spec = cJSON_Parse(buf_cstr(&text))) == NULL) {
			printf("FAIL %s: cannot read or parse\n", path.data);
			failed++;
			continue;
		}
		tests = cJSON_GetObjectItemCaseSensitive(spec, "tests");
		mp = mf = 0;
		cJSON_ArrayForEach(test, tests) {
			if (run_test(module, test))
				mp++;
			else
				mf++;
		}
		printf("%s: %d/%d\n", module, mp, mp + mf);
		if (files[i][0] != '~') {
			req_p += mp;
			req_n += mp + mf;
		}
		passed += mp;
		failed += mf;
		cJSON_Delete(spec);
	}
	printf("required modules: %d/%d\n", req_p, req_n);
	printf("%d passed, %d failed\n", passed, failed);
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	buf_free(&path);
	buf_free(&text);
	return failed == 0 && passed > 0 ? 0 : 1;
}
