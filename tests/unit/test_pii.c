/*
 * test_pii.c — pii_scan(): resident ID numbers (check digit, date,
 * length, X, full-width digits) and mobile numbers (prefix, length, not
 * inside a longer run), at their line and column, the id at the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse_int.h"

/* Scan s; return the number of warnings, the first one's place. */
static size_t
scan(const char *s, int *line, int *col, const char **msg)
{
	static struct diags	 d;

	diags_free(&d);
	memset(&d, 0, sizeof(d));
	pii_scan("t.txt", s, strlen(s), 1, &d);
	if (d.n > 0) {
		*line = d.v[0].line;
		*col = d.v[0].col;
		*msg = d.v[0].msg;
		assert_int_equal(d.v[0].sev, SEV_WARNING);
	}
	return d.n;
}

static size_t
count(const char *s)
{
	int		 l, c;
	const char	*m;

	return scan(s, &l, &c, &m);
}

static void
test_id(void **state)
{
	int		 l = 0, c = 0;
	const char	*m = NULL;

	(void)state;
	assert_int_equal(scan("一、部分\n身份证11010519491231002X。", &l, &c,
	    &m), 1);
	assert_int_equal(l, 2);
	assert_int_equal(c, 4);
	assert_non_null(strstr(m, "resident ID number"));
	assert_non_null(strstr(m, "[personal-data]"));
	assert_null(strstr(m, "1101"));		/* not repeated */
	assert_int_equal(count("11010519491231002x"), 1);	/* small x */
	assert_int_equal(count("440304198802291234"), 1);	/* 29 Feb 1988 */
	assert_int_equal(count("310115200001010016"), 1);
	/* Full-width digits and X. */
	assert_int_equal(count("１１０１０５１９４９１２３１００２Ｘ"), 1);
	/* Wrong check digit; a date that does not exist; region 0. */
	assert_int_equal(count("440304198802291235"), 0);
	assert_int_equal(count("11010519490231002X"), 0);	/* 31 Feb */
	assert_int_equal(count("440304190002291234"), 0);	/* 29 Feb 1900 */
	assert_int_equal(count("110105189912310025"), 0);	/* 1899 */
	assert_int_equal(count("010105194912310020"), 0);
	/* Inside a longer run, or short of one digit. */
	assert_int_equal(count("4403041988022912340"), 0);
	assert_int_equal(count("1440304198802291234"), 0);
	assert_int_equal(count("1101051949123100X"), 0);
}

static void
test_mobile(void **state)
{
	int		 l = 0, c = 0;
	const char	*m = NULL;

	(void)state;
	assert_int_equal(scan("电话：13812345678", &l, &c, &m), 1);
	assert_int_equal(l, 1);
	assert_int_equal(c, 4);
	assert_non_null(strstr(m, "mobile phone number"));
	assert_non_null(strstr(m, "[personal-data]"));
	assert_int_equal(count("a19912345678b"), 1);
	assert_int_equal(count("１３８１２３４５６７８"), 1);
	/* Not 1[3-9]; not 11 digits; inside a longer run. */
	assert_int_equal(count("12812345678"), 0);
	assert_int_equal(count("10812345678"), 0);
	assert_int_equal(count("1381234567"), 0);
	assert_int_equal(count("138123456789"), 0);
	assert_int_equal(count("913812345678"), 0);
	/* Two on a line, the second's column; an empty text. */
	assert_int_equal(scan("13812345678、13912345678", &l, &c, &m), 2);
	assert_int_equal(count(""), 0);
	assert_int_equal(count("2024年工作要点：完成123项。"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_mobile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
