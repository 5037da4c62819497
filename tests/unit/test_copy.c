/*
 * test_copy.c — file_copy(), the source copy of a document in out/src/:
 * copied in the kernel (copy_file_range) where it can, else written
 * from the bytes read.  The tests tell the two paths apart by giving
 * file_copy() bytes in memory that differ from the file's: the copy
 * shows which were used.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "build/build_int.h"

static char	*dir;

static char *
at(const char *name)
{
	static char	 p[2][512];
	static int	 k;

	k = !k;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void
put(const char *name, const char *data, size_t len)
{
	assert_int_equal(file_create(at(name), data, len), 0);
}

/* Is name's content data[0..len)? */
static int
holds(const char *name, const char *data, size_t len)
{
	struct buf	 b = BUF_INIT;
	int		 same;

	assert_int_equal(file_read(at(name), &b), 0);
	same = b.len == len && memcmp(b.data, data, len) == 0;
	buf_free(&b);
	return same;
}

/* file_copy() of from (NULL: none) to to, with mem in memory, atomic or
 * not, succeeds and leaves to holding want[0..len). */
static void
copies(const char *from, const char *to, const char *mem, int atomic,
    const char *want, size_t len)
{
	assert_int_equal(file_copy(from != NULL ? at(from) : NULL, at(to),
	    mem, len, atomic), 0);
	assert_true(holds(to, want, len));
}

/* Does copy_file_range work between two files of the test folder? */
static int
kernel_copies(void)
{
	int	 in, out, ok;

	put("probe", "x", 1);
	in = open(at("probe"), O_RDONLY);
	out = open(at("probe.out"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(in != -1 && out != -1);
	ok = copy_file_range(in, NULL, out, NULL, 1, 0) == 1;
	close(in);
	close(out);
	return ok;
}

static int
setup(void **state)
{
	(void)state;
	dir = xstrdup("/tmp/gen-test-copy-XXXXXX");
	assert_non_null(mkdtemp(dir));
	file_copy_nokernel = 0;
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[600];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
	file_copy_nokernel = 0;
	return 0;
}

/* The kernel path copies the file: the copy has the file's bytes, not
 * the (different) ones in memory; straight and through a temporary. */
static void
test_copy_kernel(void **state)
{
	const char	 file[] = "一、总体要求\n1.甲。\n", mem[] =
	    "一、总体要求\n1.乙。\n";

	(void)state;
	if (!kernel_copies())
		skip();
	assert_int_equal(sizeof file, sizeof mem);
	put("a.txt", file, sizeof file - 1);
	copies("a.txt", "new.txt", mem, 0, file, sizeof file - 1);
	put("old.txt", "old", 3);
	copies("a.txt", "old.txt", mem, 1, file, sizeof file - 1);
}

/* More than one call of copy_file_range may be needed: 3 MiB and an
 * odd byte arrive whole. */
static void
test_copy_kernel_large(void **state)
{
	size_t	 n = 3 * 1048576 + 7, i;
	char	*file = xmalloc(n), *mem = xmalloc(n);

	(void)state;
	if (!kernel_copies()) {
		free(file);
		free(mem);
		skip();
	}
	for (i = 0; i < n; i++) {
		file[i] = (char)('a' + i % 23);
		mem[i] = 'm';
	}
	put("big", file, n);
	copies("big", "big.copy", mem, 1, file, n);
	free(file);
	free(mem);
}

/* Forced as on a kernel without copy_file_range, no file to copy, or a
 * file that changed length since it was read: the bytes in memory, one
 * case a line, in turn (a.txt written first when file is not NULL). */
static void
test_copy_fallback(void **state)
{
	static const struct {
		int		 nokernel;
		const char	*file;		/* a.txt's bytes now */
		const char	*from, *to;
		int		 atomic;
	} cases[] = {
		{ 1, "甲乙丙", "a.txt", "b.txt", 0 },	/* forced */
		{ 1, NULL, "a.txt", "c.txt", 1 },	/* forced, over old */
		{ 0, NULL, NULL, "d.txt", 1 },		/* no file */
		{ 0, "甲乙丙丁", "a.txt", "e.txt", 0 },	/* it grew */
		{ 0, NULL, "gone.txt", "f.txt", 0 },	/* it is gone */
	};
	const char	 mem[] = "丁戊己";
	size_t		 i;

	(void)state;
	put("c.txt", "old", 3);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].file != NULL)
			put("a.txt", cases[i].file, strlen(cases[i].file));
		file_copy_nokernel = cases[i].nokernel;
		copies(cases[i].from, cases[i].to, mem, cases[i].atomic, mem,
		    sizeof mem - 1);
	}
}

/* Nothing is left behind: no temporary beside an atomic copy; a folder
 * that is not there is ENOENT (the build makes it and tries again). */
static void
test_copy_errors(void **state)
{
	struct stat	 st;
	char		 tmp[64];

	(void)state;
	put("a.txt", "abc", 3);
	copies("a.txt", "b.txt", "abc", 1, "abc", 3);
	snprintf(tmp, sizeof tmp, "b.txt.tmp.%ld", (long)getpid());
	assert_int_equal(stat(at(tmp), &st), -1);
	errno = 0;
	assert_int_equal(file_copy(at("a.txt"), at("no/such/b.txt"), "abc",
	    3, 0), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(file_copy(at("a.txt"), at("no/such/b.txt"), "abc",
	    3, 1), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(stat(at("no"), &st), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copy_kernel, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_kernel_large, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_fallback, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_errors, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
