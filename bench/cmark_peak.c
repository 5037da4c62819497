/*
 * cmark_peak.c — libcmark alone on a file, as gen parses Markdown
 * (md.c: cmark_parse_document with CMARK_OPT_DEFAULT and
 * CMARK_OPT_VALIDATE_UTF8), for the complexity check: its peak memory
 * (under /usr/bin/time) is the library's share of gen's on the same
 * input, which gen cannot lower.
 *
 *     cc -O2 -o cmark_peak bench/cmark_peak.c -lcmark
 *     cmark_peak FILE
 */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char *argv[])
{
	FILE		*f;
	char		*data = NULL;
	size_t		 len = 0, cap = 0, n;
	cmark_node	*root;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: cmark_peak FILE\n");
		return 2;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((data = realloc(data, cap)) == NULL)
				return 3;
		}
		if ((n = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	root = cmark_parse_document(data, len,
	    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (root == NULL)
		return 1;
	cmark_node_free(root);
	free(data);
	return 0;
}
