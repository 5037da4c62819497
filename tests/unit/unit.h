/*
 * unit.h — what more than one unit test needs, written once.  Each test
 * is one file; a test includes this after cmocka.h and the gen headers
 * it uses (core.h at least).
 */
#ifndef GEN_TESTS_UNIT_H
#define GEN_TESTS_UNIT_H

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* qsort's comparison of two names (char *). */
static int
each_file_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read each file of the folder TOP/sub (TOP from the environment, "."
 * without it; names starting with '.' left out) in the order of their
 * names, and call fn(path, data, arg) with its bytes.  A file that
 * cannot be read fails the test.  Return how many were read, or -1 when
 * the folder cannot be opened. */
static int
each_file(const char *sub, void (*fn)(const char *path,
    const struct buf *data, void *arg), void *arg)
{
	const char	*top = getenv("TOP");
	struct buf	 dir = BUF_INIT, path = BUF_INIT, data = BUF_INIT;
	struct dirent	*e;
	DIR		*dp;
	char		**names = NULL;
	size_t		 n = 0, i;

	buf_printf(&dir, "%s/%s", top ? top : ".", sub);
	if ((dp = opendir(dir.data)) == NULL) {
		buf_free(&dir);
		return -1;
	}
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.') {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	closedir(dp);
	qsort(names, n, sizeof(*names), each_file_cmp);
	for (i = 0; i < n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir.data, names[i]);
		buf_reset(&data);
		assert_int_equal(file_read(path.data, &data), 0);
		fn(path.data, &data, arg);
		free(names[i]);
	}
	free(names);
	buf_free(&data);
	buf_free(&path);
	buf_free(&dir);
	return (int)n;
}

#endif /* GEN_TESTS_UNIT_H */
