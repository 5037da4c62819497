/*
 * print_main — `gen print` for tests, until main.c has the command:
 *
 *   print_main print [-c config.ini] [-o DIR] [--docs] [FILE...]
 *
 * Loads FILEs (else every .txt/.md directly in [paths] content, in name
 * order), calls print_build() and prints the HTML files to make PDFs
 * of, one a line; diagnostics go to stderr.  Exit 0, 1 on errors, 2 on
 * bad usage.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The content files directly in dir, sorted; *n gets their number. */
static char **
list_content(const char *dir, size_t *n)
{
	DIR		*dp;
	struct dirent	*e;
	char		**v = NULL, *dot;
	size_t		 cap = 0;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(dp)) != NULL) {
		dot = strrchr(e->d_name, '.');
		if (e->d_name[0] == '.' || dot == NULL ||
		    (strcmp(dot, ".txt") != 0 && strcmp(dot, ".md") != 0))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[*n] = xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(v[(*n)++], "%s/%s", dir, e->d_name);
	}
	closedir(dp);
	if (*n)
		qsort(v, *n, sizeof(*v), name_cmp);
	return v;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 pdfs = BUF_INIT;
	struct doc	**docs, *doc;
	char		**files = NULL;
	const char	*out = NULL;
	size_t		 n = 0, nfiles = 0, i;
	int		 k, pdf_docs = 0, rc;

	config_defaults(&cfg);
	if (argc < 2 || strcmp(argv[1], "print") != 0)
		goto usage;
	for (k = 2; k < argc && argv[k][0] == '-'; k++) {
		if (strcmp(argv[k], "--docs") == 0)
			pdf_docs = 1;
		else if (strcmp(argv[k], "-c") == 0 && k + 1 < argc)
			config_load(&cfg, argv[++k], &d);
		else if (strcmp(argv[k], "-o") == 0 && k + 1 < argc)
			out = argv[++k];
		else
			goto usage;
	}
	if (out) {
		free(cfg.out_dir);
		cfg.out_dir = xstrdup(out);
	}
	if (k == argc)
		files = list_content(cfg.content_dir, &nfiles);
	docs = xcalloc(nfiles + (size_t)(argc - k) + 1, sizeof(*docs));
	for (i = 0; i < nfiles; i++)
		if ((doc = doc_load(files[i], &cfg, &d)) != NULL)
			docs[n++] = doc;
	for (; k < argc; k++)
		if ((doc = doc_load(argv[k], &cfg, &d)) != NULL)
			docs[n++] = doc;
	print_build(&cfg, docs, n, pdf_docs, &pdfs, &d);
	fwrite(buf_cstr(&pdfs), 1, pdfs.len, stdout);
	for (i = 0; i < n; i++)
		doc_free(docs[i]);
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(docs);
	buf_free(&pdfs);
	config_free(&cfg);
	diags_sort(&d);
	diags_print(&d, stderr);
	rc = diags_count(&d, SEV_ERROR) > 0;
	diags_free(&d);
	return rc;
usage:
	fputs("usage: print_main print [-c config.ini] [-o DIR] [--docs] "
	    "[FILE...]\n", stderr);
	config_free(&cfg);
	return 2;
}
