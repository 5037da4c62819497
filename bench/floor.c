/*
 * floor.c — the floor under any site generator: read each file, turn it
 * into a page, write the page.  Nothing else.
 *
 *	floor INDIR OUTDIR
 *
 * Every *.txt under INDIR is copied into a page between a fixed header
 * and footer; every *.md has its front matter skipped and the rest
 * rendered by libcmark (cmark_markdown_to_html).  Page NAME.txt or
 * NAME.md becomes OUTDIR/NAME.html (OUTDIR must exist).  One thread,
 * one pass, no indices.  Prints "FILES BYTES-IN BYTES-OUT" on standard
 * output; exit 1 on any I/O error.
 *
 * Built by bench/run.sh with cc; not part of gen.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#define MAX_DEPTH	16

static const char header[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">"
    "<title>plan</title></head>\n<body>\n<main>\n";
static const char footer[] = "</main>\n</body>\n</html>\n";

struct totals {
	size_t	 files;
	size_t	 in;
	size_t	 out;
};

/* Read all of path into *buf (grown as needed, *cap its size); return
 * the length, or -1 with errno set. */
static ssize_t
read_all(const char *path, char **buf, size_t *cap)
{
	struct stat	 st;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size + 1 > *cap) {
		*cap = (size_t)st.st_size + 1;
		if ((*buf = realloc(*buf, *cap)) == NULL) {
			perror("floor: realloc");
			exit(1);
		}
	}
	while (len < *cap - 1 &&
	    (n = read(fd, *buf + len, *cap - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	(*buf)[len] = '\0';
	return (ssize_t)len;
}

/* Write the n parts of a page to path; return 0, or -1 with errno set. */
static int
write_page(const char *path, const char *const *part, const size_t *len,
    int n)
{
	ssize_t	 w;
	size_t	 off;
	int	 fd, i;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return -1;
	for (i = 0; i < n; i++)
		for (off = 0; off < len[i]; off += (size_t)w)
			if ((w = write(fd, part[i] + off, len[i] - off)) <= 0) {
				close(fd);
				return -1;
			}
	return close(fd);
}

/* Return the Markdown after a leading "---" front matter block. */
static const char *
skip_front_matter(const char *s)
{
	const char	*end;

	if (strncmp(s, "---\n", 4) != 0)
		return s;
	if ((end = strstr(s + 4, "\n---\n")) == NULL)
		return s;
	return end + 5;
}

/* Turn one content file into OUTDIR/NAME.html; return 0 or -1. */
static int
one_file(const char *path, const char *name, const char *outdir,
    char **buf, size_t *cap, struct totals *t)
{
	const char	*part[3];
	size_t		 len[3];
	const char	*dot = strrchr(name, '.');
	char		*html = NULL, *out;
	ssize_t		 n;
	int		 rc;

	if ((n = read_all(path, buf, cap)) == -1)
		return -1;
	t->in += (size_t)n;
	part[0] = header;
	len[0] = sizeof(header) - 1;
	part[2] = footer;
	len[2] = sizeof(footer) - 1;
	if (strcmp(dot, ".md") == 0) {
		const char *md = skip_front_matter(*buf);
		html = cmark_markdown_to_html(md, (size_t)n - (md - *buf),
		    CMARK_OPT_DEFAULT);
		part[1] = html;
		len[1] = strlen(html);
	} else {
		part[1] = *buf;
		len[1] = (size_t)n;
	}
	if ((out = malloc(strlen(outdir) + strlen(name) + 8)) == NULL) {
		perror("floor: malloc");
		exit(1);
	}
	sprintf(out, "%s/%.*s.html", outdir, (int)(dot - name), name);
	rc = write_page(out, part, len, 3);
	t->files++;
	t->out += len[0] + len[1] + len[2];
	free(out);
	free(html);
	return rc;
}

/* Walk dir (depth levels deep at most) and turn each content file into a
 * page; return 0, or -1 after printing what failed. */
static int
walk(const char *dir, const char *outdir, int depth, char **buf,
    size_t *cap, struct totals *t)
{
	struct dirent	*e;
	struct stat	 st;
	DIR		*d;
	const char	*dot;
	char		*path;
	int		 rc = 0;

	if (depth > MAX_DEPTH || (d = opendir(dir)) == NULL) {
		fprintf(stderr, "floor: %s: %s\n", dir,
		    depth > MAX_DEPTH ? "too deep" : strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((path = malloc(strlen(dir) + strlen(e->d_name) + 2)) ==
		    NULL) {
			perror("floor: malloc");
			exit(1);
		}
		sprintf(path, "%s/%s", dir, e->d_name);
		dot = strrchr(e->d_name, '.');
		if (lstat(path, &st) == -1)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc |= walk(path, outdir, depth + 1, buf, cap, t);
		else if (dot && (strcmp(dot, ".txt") == 0 ||
		    strcmp(dot, ".md") == 0) &&
		    one_file(path, e->d_name, outdir, buf, cap, t) == -1) {
			fprintf(stderr, "floor: %s: %s\n", path,
			    strerror(errno));
			rc = -1;
		}
		free(path);
	}
	closedir(d);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct totals	 t = { 0, 0, 0 };
	char		*buf = NULL;
	size_t		 cap = 0;
	int		 rc;

	if (argc != 3) {
		fputs("usage: floor INDIR OUTDIR\n", stderr);
		return 2;
	}
	rc = walk(argv[1], argv[2], 0, &buf, &cap, &t);
	free(buf);
	printf("%zu %zu %zu\n", t.files, t.in, t.out);
	return rc == 0 ? 0 : 1;
}
