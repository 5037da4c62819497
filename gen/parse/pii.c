/*
 * pii.c — personal data in a document's text, warned about before it
 * is published: resident ID numbers (GB 11643: 18 characters, a date
 * of birth that exists, the check digit right) and mobile numbers (11
 * digits, 1[3-9]...), each a whole run of digits (ASCII or full-width),
 * not part of a longer one.  The number itself is never repeated in
 * the message (it would land in CI logs).
 */
#include <string.h>

#include "parse/parse_int.h"

#define PII_MAX	19	/* digits kept of a run: one more than an ID */

/* The digit at s[0..n) (ASCII or full-width), its bytes in *k; -1 when
 * there is none. */
static int
digit_at(const unsigned char *s, size_t n, size_t *k)
{
	if (s[0] >= '0' && s[0] <= '9') {
		*k = 1;
		return s[0] - '0';
	}
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 &&
	    s[2] <= 0x99) {	/* U+FF10..FF19 */
		*k = 3;
		return s[2] - 0x90;
	}
	return -1;
}

/* Bytes of an X (the check digit 10) at s[0..n), else 0. */
static size_t
x_at(const unsigned char *s, size_t n)
{
	if (s[0] == 'X' || s[0] == 'x')
		return 1;
	if (n >= 3 && s[0] == 0xEF && ((s[1] == 0xBC && s[2] == 0xB8) ||
	    (s[1] == 0xBD && s[2] == 0x98)))	/* U+FF38, U+FF58 */
		return 3;
	return 0;
}

/* Does the date YYYYMMDD at v[0..8) exist (1900-2099)? */
static int
date_ok(const int *v)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	int	 m = v[4] * 10 + v[5], dd = v[6] * 10 + v[7];

	if (y < 1900 || y > 2099 || m < 1 || m > 12 || dd < 1 ||
	    dd > mdays[m - 1])
		return 0;
	return m != 2 || dd < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* Are the 17 digits v[] with check digit check (10 for X) a resident
 * ID number? */
static int
id_ok(const int *v, int check)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	int	 i, sum = 0;

	if (v[0] == 0 || !date_ok(v + 6))
		return 0;
	for (i = 0; i < 17; i++)
		sum += v[i] * w[i];
	return (12 - sum % 11) % 11 == check;
}

/* Warn in d (file path) about each resident ID number and mobile number
 * in the UTF-8 text s[0..len), whose first line is first_line: at its
 * line and column, the message ending in "[personal-data]".  Linear in
 * len. */
void
pii_scan(const char *path, const char *str, size_t len, int first_line,
    struct diags *d)
{
	const unsigned char	*s = (const unsigned char *)str;
	const char		*what;
	size_t			 i = 0, k, nd;
	int			 v[PII_MAX], line = first_line, col = 1;
	int			 c, scol, check;

	while (i < len) {
		if (s[i] == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		if ((s[i] < '0' || s[i] > '9') && s[i] != 0xEF) {
			/* Not a digit: one character on. */
			col += (s[i] & 0xC0) != 0x80;
			i++;
			continue;
		}
		if ((c = digit_at(s + i, len - i, &k)) == -1) {
			col++;
			i++;
			while (i < len && (s[i] & 0xC0) == 0x80)
				i++;
			continue;
		}
		scol = col;
		nd = 0;
		while (i < len && (c = digit_at(s + i, len - i, &k)) != -1) {
			if (nd < PII_MAX)
				v[nd] = c;
			nd++;
			col++;
			i += k;
		}
		what = NULL;
		check = nd == 18 ? v[17] : -1;
		if (nd == 17 && i < len && (k = x_at(s + i, len - i)) > 0) {
			check = 10;
			col++;
			i += k;
		}
		if (check != -1 && id_ok(v, check))
			what = "a resident ID number";
		else if (nd == 11 && v[0] == 1 && v[1] >= 3)
			what = "a mobile phone number";
		if (what != NULL)
			diag_add(d, path, line, scol, SEV_WARNING, "%s "
			    "(personal data): remove it before the document "
			    "is published [personal-data]", what);
	}
}
