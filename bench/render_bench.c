/*
 * render_bench.c — time gen's Mustache engine (bench/render.sh).
 *
 *   render_bench TEMPLATE.mustache DATA.json RUNS [OUT]
 *
 * Compiles the template once, reads the data once, renders RUNS times
 * into a reused buffer and prints "gen BYTES MEDIAN_SECONDS" (output
 * bytes of one render, median time of one render).  OUT, when given,
 * gets the output of the last render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mustache/mustache_int.h"

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	struct mustache_set	*set;
	const struct mustache	*t;
	struct diags		 d = DIAGS_INIT;
	struct arena		 a = ARENA_INIT;
	struct buf		 src = BUF_INIT, json = BUF_INIT, out = BUF_INIT;
	const struct value	*ctx;
	double			*times, t0;
	char			 err[256];
	int			 runs, i;

	if (argc < 4 || (runs = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: render_bench TEMPLATE DATA RUNS [OUT]\n");
		return 2;
	}
	if (file_read(argv[1], &src) == -1 || file_read(argv[2], &json) == -1) {
		perror("render_bench");
		return 1;
	}
	if ((ctx = json_parse(&a, json.data, json.len, err, sizeof(err))) ==
	    NULL) {
		fprintf(stderr, "%s:%s\n", argv[2], err);
		return 1;
	}
	set = mustache_new(NULL);
	mustache_add(set, "bench", src.data, src.len);
	if ((t = mustache_get(set, "bench", &d)) == NULL) {
		diags_print(&d, stderr);
		return 1;
	}
	times = xcalloc((size_t)runs, sizeof(*times));
	for (i = 0; i < runs; i++) {
		buf_reset(&out);
		t0 = now();
		if (mustache_render(set, t, ctx, &out, &d) == -1) {
			diags_print(&d, stderr);
			return 1;
		}
		times[i] = now() - t0;
	}
	qsort(times, (size_t)runs, sizeof(*times), cmp_double);
	printf("gen %zu %.6f\n", out.len, times[runs / 2]);
	if (argc > 4 && file_write(argv[4], out.data, out.len) == -1) {
		perror(argv[4]);
		return 1;
	}
	free(times);
	mustache_free(set);
	buf_free(&src);
	buf_free(&json);
	buf_free(&out);
	diags_free(&d);
	arena_free(&a);
	return 0;
}
